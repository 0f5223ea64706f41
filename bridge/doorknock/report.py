"""The ``Innspill`` digest as a document the programme committee can read as it is: Markdown,
HTML, or Word (``.docx``, through python-docx). Pure: each renderer returns text or bytes.
"""

from __future__ import annotations

import html
import io
from datetime import date

from bridge.doorknock.themes import Digest
from bridge.messages import t

__all__ = ["render_docx", "render_html", "render_markdown"]


def _day(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def _dates(items: object) -> str:
    days = sorted({i.day for i in items if i.day})  # type: ignore[attr-defined]
    return ", ".join(_day(d) for d in days)


def _rounds(digest: Digest) -> int:
    return len({i.round_id for g in digest.groups for v in g.by_district.values() for i in v})


def render_markdown(digest: Digest, branch: str, lang: str = "nb") -> str:
    title = t("dk.report.title", lang)
    intro = t("dk.report.intro", lang, total=digest.total, rounds=_rounds(digest))
    lines = [f"# {title}: {branch}", "", intro, ""]
    for g in digest.groups:
        lines += [f"## {g.theme} ({t('dk.report.items', lang, n=g.count)})", ""]
        for district, items in g.by_district.items():
            lines += [f"### {district} ({len(items)})", "",
                      f"*{t('dk.report.dates', lang, dates=_dates(items))}*", ""]  # fmt: skip
            lines += [f"- {i.text}" for i in items]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_html(digest: Digest, branch: str, lang: str = "nb") -> str:
    e = html.escape
    title = f"{t('dk.report.title', lang)}: {branch}"
    parts = [
        "<!doctype html>",
        f'<html lang="{e(lang)}"><head><meta charset="utf-8"><title>{e(title)}</title>',
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
        "h2{border-bottom:1px solid #999}small{color:#555}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{e(t('dk.report.intro', lang, total=digest.total, rounds=_rounds(digest)))}</p>",
    ]
    for g in digest.groups:
        parts.append(
            f"<h2>{e(g.theme)} <small>({e(t('dk.report.items', lang, n=g.count))})</small></h2>"
        )
        for district, items in g.by_district.items():
            parts.append(f"<h3>{e(district)} <small>({len(items)})</small></h3>")
            parts.append(
                f"<p><small>{e(t('dk.report.dates', lang, dates=_dates(items)))}</small></p>"
            )
            parts.append("<ul>" + "".join(f"<li>{e(i.text)}</li>" for i in items) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def render_docx(digest: Digest, branch: str, lang: str = "nb") -> bytes:
    """A Word document: title, intro, a heading per theme and district, the items as a list."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = f"{t('dk.report.title', lang)}: {branch}"
    doc.add_heading(f"{t('dk.report.title', lang)}: {branch}", level=0)
    doc.add_paragraph(t("dk.report.intro", lang, total=digest.total, rounds=_rounds(digest)))
    for g in digest.groups:
        doc.add_heading(f"{g.theme} ({t('dk.report.items', lang, n=g.count)})", level=1)
        for district, items in g.by_district.items():
            doc.add_heading(f"{district} ({len(items)})", level=2)
            note = doc.add_paragraph()
            note.add_run(t("dk.report.dates", lang, dates=_dates(items))).italic = True
            for item in items:
                doc.add_paragraph(item.text, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
