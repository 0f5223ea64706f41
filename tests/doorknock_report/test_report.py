"""`bridge report innspill` as a user runs it against both stand-ins; the .docx opens in
LibreOffice, and its first page is rendered to PNG under ``test-output/`` for people to look at.

LibreOffice (``soffice``) and poppler's ``pdftoppm`` come from Debian's packages
``libreoffice-writer-nogui`` and ``poppler-utils`` (.ci installs them); the conversion test
is skipped, saying so, only where they are missing.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from tests.e2e.doorknock_rig import DoorRig, door_rig

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"


@pytest.fixture
def door(tmp_path: Path) -> Iterator[DoorRig]:
    with door_rig(tmp_path) as made:
        made.add("Dørbankrunder", [["", "03.03.2026", "Heimdal"], ["", "10.03.2026", "Østbyen"]])
        made.add(
            "Dørbankresultater",
            [
                ["03.03 Heimdal", "Lag 1", "30", "10", "5", "0",
                 "Bussen går for sjelden; For høy husleie\n- Skolen trenger flere lærere"],
                ["10.03 Østbyen", "Lag 1", "25", "9", "4", "1",
                 "Flere sykehjemsplasser; Bussen er full <om morgenen>"],
            ],
        )  # fmt: skip
        yield made


def _report(door: DoorRig, *args: str) -> tuple[int, str]:
    config = str(door.rig.env.config_path)
    result = CliRunner().invoke(cli, ["report", "innspill", "--config", config, *args])
    return result.exit_code, result.stdout + result.stderr


def test_markdown_and_html_group_by_theme_and_district(door: DoorRig) -> None:
    code, out = _report(door, "--format", "md")
    assert code == 0, out
    assert "## Kollektivtransport (2 innspill)" in out
    assert "### Heimdal (1)" in out and "- Bussen går for sjelden" in out
    assert "Runder: 03.03.2026" in out
    assert out.index("Kollektivtransport") < out.index("Bolig")  # most items first
    code, page = _report(door, "--format", "html")
    assert code == 0 and "<h2>Kollektivtransport" in page
    assert "&lt;om morgenen&gt;" in page and "<om morgenen>" not in page  # escaped


def test_docx_opens_in_libreoffice_and_page_one_is_saved_as_png(
    door: DoorRig, tmp_path: Path
) -> None:
    target = tmp_path / "innspill.docx"
    code, out = _report(door, "--format", "docx", "--output", str(target))
    assert code == 0, out
    from docx import Document

    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Kollektivtransport (2 innspill)" in text and "Flere sykehjemsplasser" in text
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        pytest.skip("LibreOffice (soffice) or pdftoppm is not installed: apt-get install -y "
                    "libreoffice-writer-nogui poppler-utils")  # fmt: skip
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(target)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "innspill.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    OUTPUT.mkdir(exist_ok=True)
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(OUTPUT / "innspill")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    png = OUTPUT / "innspill.png"
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
