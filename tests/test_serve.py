"""``danvan serve`` starts only when production is configured, and then answers."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

DANVAN = str(Path(sys.executable).parent / "danvan")


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
        and not key.startswith("DJANGO_")
    }
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DANVAN_DATA_DIR": str(tmp_path / "data"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env |= overrides
    return {key: value for key, value in env.items() if value != ""}


def serve(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DANVAN, "serve", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_without_a_secret(tmp_path):
    result = serve(production_env(tmp_path, SECRET_KEY=""))

    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr


def test_refuses_without_allowed_hosts(tmp_path):
    result = serve(production_env(tmp_path, ALLOWED_HOSTS=""))

    assert result.returncode == 2
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_refuses_with_debug_on(tmp_path):
    result = serve(production_env(tmp_path, DEBUG="true"))

    assert result.returncode == 2
    assert "DEBUG is on" in result.stderr


def test_refuses_without_collected_static_files(tmp_path):
    result = serve(production_env(tmp_path))

    assert result.returncode == 2
    assert "Static files are not collected" in result.stderr
    assert "danvan collectstatic --noinput" in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(url: str) -> tuple[int, dict[str, str], str]:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status, dict(response.headers), response.read().decode()


def task_workers(parent: int) -> list[int]:
    """The ``db_worker`` processes started by ``parent`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and b"db_worker" in command:
            found.append(int(entry.name))
    return found


def test_starts_with_debug_off_and_answers(tmp_path):
    port = free_port()
    env = production_env(tmp_path, PORT=str(port))
    collected = subprocess.run(
        [DANVAN, "collectstatic", "--noinput", "-v0"],
        env=env | {"DEBUG": "false"},
        timeout=120,
    )
    assert collected.returncode == 0
    migrated = subprocess.run([DANVAN, "migrate", "-v0"], env=env, timeout=120)
    assert migrated.returncode == 0

    server = subprocess.Popen(
        [DANVAN, "serve", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, page = get(f"http://127.0.0.1:{port}/accounts/login/")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()  # type: ignore[union-attr]  # stdout=PIPE
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        workers = task_workers(server.pid)
        missing = urllib.request.Request(f"http://127.0.0.1:{port}/khong-co/")
        try:
            urllib.request.urlopen(missing, timeout=2)
            not_found = ""
        except urllib.error.HTTPError as error:
            not_found = error.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(0.5)

    # Uploaded files are read by a queue worker living beside the server.
    assert len(workers) == 1
    assert not Path(f"/proc/{workers[0]}").exists()

    assert status == 200
    assert "Đăng nhập" in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    # DEBUG is off: the Vietnamese 404 page, not Django's debug page.
    assert "Không tìm thấy trang" in not_found
    assert "URLconf" not in not_found


def test_production_settings_make_cookies_secure(tmp_path):
    env = production_env(tmp_path, DEBUG="false")
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "danvan.settings"

    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )

    assert result.stdout.split() == ["True", "True", "False"]
