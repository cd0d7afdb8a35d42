"""docker-compose.yml: valid for docker compose where the client has it, and what the service needs."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT


def compose_command() -> list[str] | None:
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True, check=False).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_compose_file_has_the_service_database_and_mail_catcher() -> None:
    config = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = config["services"]
    assert set(services) == {"db", "mailpit", "coopwatch"}
    for name, service in services.items():
        assert "healthcheck" in service, name
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port  # nothing listens beyond this machine
    app = services["coopwatch"]
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert app["environment"]["COOPWATCH_SMTP_HOST"] == "mailpit"
    assert app["environment"]["COOPWATCH_DATABASE_URL"].startswith("postgresql://")
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "coopwatch migrate && exec coopwatch run" in dockerfile  # migrations at start


def test_docker_compose_config_accepts_the_file() -> None:
    command = compose_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("docker compose must be installed in CI (.ci/run installs docker-compose)")
        pytest.skip("no docker compose client here; the structural test above still runs")
    done = subprocess.run([*command, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
