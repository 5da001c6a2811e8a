"""End-to-end fixtures: Debian's Chromium driven by Playwright, a live server.

Browsers cannot be downloaded here, so Playwright is pointed at the system
Chromium (``CHROMIUM`` or ``/usr/bin/chromium``); without it the tests skip and
say so.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    candidate = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    )
    return candidate if Path(candidate).exists() else None


class OneRequestAtATimeOnSharedConnection(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share
    the test's connection (the in-memory SQLite test database).

    There every request thread uses the one connection of the test, so two
    requests at once (a page that sends two cells, a poll beside a save) run
    their statements inside each other's transactions: "database table is
    locked", and the connection is left outside autocommit for every later
    test. Reading the request still happens in parallel (a browser's idle
    pre-connection blocks nothing); only the application runs under the lock,
    with its response read out before the lock is released. On PostgreSQL
    each thread has its own connection and nothing is serialised.
    """

    def set_app(self, application):
        if not self.connections_override:
            super().set_app(application)
            return
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                response = application(environ, start_response)
                try:
                    body = b"".join(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()
            return [body]

        super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time_on_sqlite(django_db_setup):
    """Set before pytest-django's session ``live_server`` is made (autouse
    fixtures of a scope come first), and after the test database exists: the
    live server shares the test's connection only when, as it starts, that
    connection already names the in-memory test database. Made before it (an
    end-to-end test run first, or alone), each request thread would open a
    connection of its own to the shared in-memory database, and two of them
    lock each other's tables."""
    original = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATimeOnSharedConnection
    yield
    LiveServerThread.server_class = original


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip(
            "SKIPPED end-to-end test: no Chromium found (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests still
    # use the ORM synchronously to set up data.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=path, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
