"""The ``danvan`` command and the environment-driven settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from danvan.cli import main

ROOT = Path(__file__).resolve().parents[4]
CLEAN_ENV = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run(
    args: list[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from danvan.cli import main; main()", *args]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**CLEAN_ENV, **(env or {})},
        timeout=120,
        check=False,
    )


def test_help_lists_every_subcommand(capsys):
    main(["danvan", "--help"])
    out = capsys.readouterr().out
    for name in ("serve", "units", "demo", "migrate", "runserver", "createsuperuser"):
        assert f"  {name} " in out, name
    for sub in ("units load", "units stats", "units search", "units successors"):
        assert f"    {sub} " in out, sub


def test_unknown_subcommand_fails():
    result = run(["no-such-command"])
    assert result.returncode != 0
    assert "Unknown command" in result.stderr


def test_production_settings_need_a_secret(tmp_path):
    env = {
        "DEBUG": "false",
        "DATABASE_URL": "sqlite:///" + str(tmp_path / "x.sqlite3"),
        "SECRET_KEY": "",
        "DANVAN_DATA_DIR": str(tmp_path),
    }
    result = run(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60 + "-a-long-random-production-secret",
        "DATABASE_URL": "sqlite:///" + str(tmp_path / "x.sqlite3"),
        "ALLOWED_HOSTS": "danvan.example.vn",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "DANVAN_DATA_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    # Without collected static files every page would fail: the check says so.
    missing = run(["check", "--deploy"], env)
    assert missing.returncode != 0
    assert "danvan.E001" in missing.stderr
    assert run(["collectstatic", "--noinput", "-v0"], env).returncode == 0

    result = run(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stderr + result.stdout


def test_embedded_default_generates_and_keeps_a_local_secret(tmp_path):
    env = {"DANVAN_DATA_DIR": str(tmp_path), "SECRET_KEY": ""}
    env_without_db = {k: v for k, v in CLEAN_ENV.items() if k != "DATABASE_URL"}
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    outputs = []
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            capture_output=True,
            text=True,
            env={**env_without_db, **env, "DJANGO_SETTINGS_MODULE": "danvan.settings"},
            timeout=60,
            check=True,
        )
        outputs.append(result.stdout.strip())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) >= 50
    assert (tmp_path / "secret_key").read_text().strip() == outputs[0]
    assert (tmp_path / "danvan.sqlite3").parent == tmp_path


@pytest.mark.parametrize("date", ["2025-13-01", "yesterday"])
def test_units_stats_rejects_a_bad_date(date):
    result = run(["units", "stats", "--on", date])
    assert result.returncode != 0
    assert "not a date" in result.stderr
