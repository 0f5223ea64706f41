"""The deployment files: docker-compose.yml's services, persistence, health checks and secrets,
the Dockerfile's project-only files, and `docker compose config` where the CLI has compose.

This machine has no Docker engine; `docker compose config` validates without one, so it runs
whenever a compose CLI is installed (the `docker compose` plugin, else the standalone
`docker-compose`, e.g. Debian's package) and is skipped, saying so, only when none is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BRIDGE_SERVICES = ("worker", "beat", "admin")


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def test_compose_has_the_services_with_health_checks_and_persistence() -> None:
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"redis", "postgres", *BRIDGE_SERVICES}
    for name, service in services.items():
        assert service["healthcheck"]["test"], name
        assert service.get("restart") == "unless-stopped", name
    redis_cmd = services["redis"]["command"]
    assert redis_cmd[redis_cmd.index("--appendonly") + 1] == "yes"
    assert redis_cmd[redis_cmd.index("--maxmemory-policy") + 1] == "noeviction"
    assert "redis-data:/data" in services["redis"]["volumes"]
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert {"redis-data", "postgres-data", "bridge-data"} <= set(compose["volumes"])
    for name in BRIDGE_SERVICES:
        service = services[name]
        assert service["env_file"] == ["./secrets.env"], name  # secrets from the env file
        assert "bridge-data:/srv/bridge/data" in service["volumes"]
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert service["command"][0] == name
        env = service["environment"]
        assert ":" not in env["BRIDGE_DATABASE_URL"].split("@")[0].split("//")[1]  # no password
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"].startswith("/run/secrets/")
    assert "POSTGRES_PASSWORD" not in services["postgres"]["environment"]
    text = (ROOT / "docker-compose.yml").read_text()
    assert not re.search(
        r"(?i)(api_key|secret|password|token)\s*[:=]\s*['\"]?[A-Za-z0-9]{12,}", text
    )


def test_the_beat_healthcheck_reads_the_lock_redbeat_keeps() -> None:
    from workers.app import make_celery  # noqa: F401  (the prefix below is set there)

    beat = _compose()["services"]["beat"]["healthcheck"]["test"][1]
    source = (ROOT / "workers" / "app.py").read_text()
    prefix = re.search(r'redbeat_key_prefix="([^"]+)"', source)
    assert prefix is not None and f"'{prefix.group(1)}:lock'" in beat


def test_the_dockerfile_copies_the_project_packages_and_nothing_else() -> None:
    lines = [ln.split() for ln in (ROOT / "Dockerfile").read_text().splitlines()]
    copies = [ln[1:-1] for ln in lines if ln and ln[0] == "COPY"]
    sources = {src for srcs in copies for src in srcs}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert sources == packages | {"pyproject.toml", "README.md"}
    assert all((ROOT / src).exists() for src in sources)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"secrets", "secrets.env", "config/bridge.toml", ".git", "tests"} <= set(ignored)
    assert any(ln[:2] == ["USER", "bridge"] for ln in lines)  # not root


def _compose_cli() -> list[str] | None:
    docker = shutil.which("docker")
    if docker is not None:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


COMPOSE = _compose_cli()


@pytest.mark.skipif(COMPOSE is None, reason="no compose CLI here (neither plugin nor standalone)")
def test_docker_compose_config_validates(tmp_path: Path) -> None:
    for name in ("docker-compose.yml", "Dockerfile"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "config").mkdir()
    shutil.copy(ROOT / "config" / "example.toml", tmp_path / "config" / "bridge.toml")
    (tmp_path / "secrets.env").write_text("BRIDGE_ZETKIN_API_KEY=not-a-real-key\n")
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "postgres_password.txt").write_text("not-a-real-password\n")
    for profile in ([], ["--profile", "admin"]):
        done = subprocess.run(
            [*(COMPOSE or []), *profile, "config", "--quiet"],
            cwd=tmp_path, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
