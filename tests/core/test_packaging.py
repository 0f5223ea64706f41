"""The deployment files parse and name the parts DESIGN.md promises."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_file_parses_with_all_roles() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    # The admin is in its own profile until it is built (issue 13: no service of a plain
    # `docker compose up` that exits at once).
    assert set(compose["services"]) == {"redis", "postgres", "worker", "beat", "admin"}
    assert compose["services"]["admin"]["profiles"] == ["admin"]
    for role in ("worker", "beat"):
        service = compose["services"][role]
        assert service["command"][0] == role
        assert "./secrets.env" in service["env_file"], "secrets come from an env file"
        assert any("/srv/bridge/bridge.toml" in v for v in service["volumes"])


def test_dockerfile_copies_every_package() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("bridge", "connectors", "workers", "config", "ledger", "cli", "jobs"):
        assert f"COPY {package} ./{package}" in dockerfile


def test_core_is_pure() -> None:
    """bridge/ must not import I/O libraries: it takes snapshots and returns plans."""
    forbidden = ("requests", "gspread", "sqlalchemy", "flask", "celery", "redis", "urllib")
    for path in (ROOT / "bridge").glob("*.py"):
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                module = stripped.split()[1].split(".")[0]
                assert module not in forbidden, f"{path.name} imports {module}"
