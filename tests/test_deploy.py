"""The team deployment guide and deploy/ stay true to the code (docs/DEPLOYMENT.md)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest

from tracker.cli import main
from tracker.config import Settings

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "DEPLOYMENT.md").read_text(encoding="utf-8")
DEPLOY = ROOT / "deploy"
NGINX = (DEPLOY / "nginx-tracker.conf").read_text(encoding="utf-8")
STREAMLIT = tomllib.loads((DEPLOY / "streamlit-config.toml").read_text(encoding="utf-8"))


def _env_example() -> dict[str, str]:
    lines = (DEPLOY / "tracker.env.example").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def _documented_commands() -> list[list[str]]:
    """Every `tracker ...` invocation in the guide's code blocks and inline code."""
    found = []
    at_start = r"(?:^|`|&& |; |bin/|\S+=\S+ )"  # a line, inline code, after && or an env
    for match in re.finditer(at_start + r"tracker ([a-z][^`\n;&)']*)", GUIDE, re.MULTILINE):
        words = shlex.split(match.group(1), comments=True)
        found.append([w for w in words if not w.startswith(("#", "<"))])
    return found


@pytest.mark.parametrize("words", _documented_commands(), ids=" ".join)
def test_every_documented_command_exists(words: list[str]) -> None:
    command: click.Command = main
    for word in words:
        if word.startswith("-") or not isinstance(command, click.Group):
            break
        found = command.get_command(click.Context(command), word)  # imported when asked
        assert found is not None, f"tracker {' '.join(words)}: no command {word!r}"
        command = found
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for word in words:
        if word.startswith("--"):
            assert word.split("=")[0] in options, f"{command.name}: no option {word}"


def test_env_example_names_real_settings() -> None:
    env = _env_example()
    tracker = {name.removeprefix("TRACKER_").lower() for name in env if name.startswith("TRACKER_")}
    assert tracker <= set(Settings.model_fields), tracker - set(Settings.model_fields)
    assert env["TRACKER_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in env


def test_nginx_matches_the_streamlit_config() -> None:
    server = STREAMLIT["server"]
    assert f"location /{server['baseUrlPath']}/ " in NGINX
    body = re.search(r"client_max_body_size (\d+)m;", NGINX)
    assert body and int(body.group(1)) >= server["maxUploadSize"]
    assert server["enableXsrfProtection"] and server["enableCORS"]
    for header in (
        "Upgrade $http_upgrade",
        "Connection $connection_upgrade",
        "X-Real-IP $remote_addr",
    ):
        assert f"proxy_set_header {header};" in NGINX
    assert "ip_hash;" in NGINX


def test_units_run_the_installed_command() -> None:
    unit = (DEPLOY / "tracker-dashboard@.service").read_text(encoding="utf-8")
    start = re.search(r"^ExecStart=(.*)$", unit, re.MULTILINE)
    assert start and start.group(1).split()[1:3] == ["dashboard", "--headless"]
    assert "--address 127.0.0.1 --port %i" in start.group(1)
    ports = re.findall(r"server 127\.0\.0\.1:(\d+);", NGINX)
    assert all(f"tracker-dashboard@{port}" in GUIDE for port in ports)
    backup = (DEPLOY / "tracker-backup.service").read_text(encoding="utf-8")
    assert "ExecStart=/opt/arms-deal-tracker/deploy/backup.sh" in backup
    assert (DEPLOY / "backup.sh").stat().st_mode & 0o111


PROJECT_CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))

# What `tracker dashboard` hands Streamlit, without starting a server: `launch.run` as
# it is (settings, change of directory, argv), with the database, the warm-up and
# Streamlit's CLI replaced: the last by the config loading `streamlit run` does first.
LAUNCH_CONFIG = """
import sys
from streamlit import config
from dashboard import launch

def loaded_config():
    config.get_config_options(force_reparse=True)
    print(config.get_option("server.maxUploadSize"), config.get_option("server.enableCORS"))
    print(*sys.argv[1:])

class Unopened:
    def dispose(self):
        pass

launch.open_database = lambda settings: Unopened()
launch._warm_up_in_background = lambda: None
launch.streamlit_cli.main = loaded_config
launch.run(port=8599, address="127.0.0.1", headless=True)
"""


def test_the_project_config_sets_the_upload_limit_of_the_deploy_config() -> None:
    assert PROJECT_CONFIG["server"]["maxUploadSize"] == STREAMLIT["server"]["maxUploadSize"]
    assert 1 <= STREAMLIT["server"]["maxUploadSize"] < 200  # below Streamlit's default


def test_tracker_dashboard_uses_the_upload_limit_from_any_directory(tmp_path: Path) -> None:
    """Run from an unrelated directory with no global Streamlit config (as `make
    dashboard` or a systemd unit may be), the server still gets the project's limit."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")},
        "HOME": str(tmp_path),  # no ~/.streamlit/config.toml
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path}/tracker.db",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH_CONFIG], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    limit, cors = done.stdout.splitlines()[0].split()
    assert (int(limit), cors) == (STREAMLIT["server"]["maxUploadSize"], "True")
    assert "run" in done.stdout and "--server.port 8599" in done.stdout
    assert not (tmp_path / "tracker.db").exists()  # nothing opened: only the config read
