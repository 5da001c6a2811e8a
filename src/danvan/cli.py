"""The ``danvan`` command: the management commands, and the server.

``danvan --help`` lists every subcommand; ``danvan serve`` runs gunicorn for
production; anything else goes to Django's management (``danvan migrate``,
``danvan units stats --on 2025-07-01``, ``danvan runserver``).
"""

from __future__ import annotations

import argparse
import atexit
import os
import subprocess
import sys
from collections import defaultdict


def _print_help() -> None:
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    print("Usage: danvan SUBCOMMAND [options]   (danvan help SUBCOMMAND for details)\n")
    print(
        "  serve                 run the production server (gunicorn, DEBUG off),"
        " on $PORT or 8000"
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for name, app in get_commands().items():
        groups[app].append(name)
    ours = sorted(app for app in groups if app.startswith("danvan"))
    others = sorted(app for app in groups if not app.startswith("danvan"))
    for app in ours + others:
        print(f"\n[{app}]")
        for name in sorted(groups[app]):
            try:
                command = load_command_class(app, name)
                text = command.help.strip().splitlines()[0]
            except Exception:  # a broken third-party command must not hide the list
                print(f"  {name}")
                continue
            print(f"  {name:<21} {text}")
            if app in ours:
                for action, help_text in _subcommands(command, name):
                    print(f"    {name} {action:<15} {help_text}")


def _subcommands(command: object, name: str) -> list[tuple[str, str]]:
    """The sub-actions of one of our commands (``units stats``, ``units search``)."""
    parser = command.create_parser("danvan", name)  # type: ignore[attr-defined]
    found = []
    for action in parser._actions:  # argparse keeps sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                found.append((choice.dest, choice.help or ""))
    return found


def _env_problems() -> list[str]:
    """What in the environment forbids a production start."""
    problems = []
    if os.environ["DEBUG"].strip().lower() in {"1", "true", "yes", "on"}:
        problems.append(
            "DEBUG is on. `danvan serve` is the production server: unset DEBUG"
            " (use `danvan runserver` for development)."
        )
    if not os.environ.get("SECRET_KEY", "").strip():
        problems.append(
            "SECRET_KEY is not set. Export a long random secret, e.g."
            " SECRET_KEY=\"$(python3 -c 'import secrets;"
            " print(secrets.token_urlsafe(50))')\"."
        )
    if not os.environ.get("ALLOWED_HOSTS", "").strip():
        problems.append(
            "ALLOWED_HOSTS is not set. Export the host names the site answers to,"
            " e.g. ALLOWED_HOSTS=danvan.example.vn."
        )
    return problems


def _refuse(problems: list[str]) -> None:
    print("danvan serve: refusing to start.", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    sys.exit(2)


def _start_task_worker() -> None:
    """Run the queued background work (reading uploaded texts) beside the server.

    Reading a batch of files can take minutes: in production it never runs in a
    web worker. ``TASKS_BACKEND`` defaults to the database queue here, and a
    ``db_worker`` process lives as long as the server, unless
    ``SERVE_TASK_WORKER=false`` says the worker runs elsewhere (systemd, another
    host).
    """
    if os.environ["TASKS_BACKEND"].strip().lower() != "database":
        return
    if os.environ.get("SERVE_TASK_WORKER", "true").strip().lower() in {
        "0",
        "false",
        "no",
        "off",
    }:
        return
    worker = subprocess.Popen([sys.executable, "-m", "danvan.cli", "db_worker"])
    atexit.register(_stop, worker)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _serve(args: list[str]) -> None:
    # Production runs with DEBUG off: tracebacks and settings are never shown.
    os.environ.setdefault("DEBUG", "false")
    # Long work (reading uploaded files) goes to the queue, never a web worker.
    os.environ.setdefault("TASKS_BACKEND", "database")
    if problems := _env_problems():
        _refuse(problems)
    import django

    django.setup()
    from danvan.common.checks import static_files_errors

    if errors := static_files_errors():
        _refuse([f"{error.msg} {error.hint}" for error in errors])

    _start_task_worker()
    from gunicorn.app.wsgiapp import run

    port = os.environ.get("PORT", "8000")
    defaults = ["--bind", f"127.0.0.1:{port}"] if "--bind" not in args else []
    sys.argv = ["gunicorn", *defaults, *args, "danvan.wsgi:application"]
    run()


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    argv = list(sys.argv if argv is None else argv)
    args = argv[1:]
    if not args or args[0] in {"-h", "--help"} or args == ["help"]:
        _print_help()
        return
    if args[0] == "serve":
        _serve(args[1:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["danvan", *args])


if __name__ == "__main__":
    main()
