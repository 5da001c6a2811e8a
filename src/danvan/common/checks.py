"""System checks of our own: what makes a production start fail later."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


def static_files_errors() -> list[CheckMessage]:
    """An error when DEBUG is off and ``collectstatic`` has not been run.

    Without the manifest every ``{% static %}`` raises, so every page would be
    a 500; the start is refused instead, with the command that fixes it.
    """
    if settings.DEBUG:
        return []
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        return []
    return [
        Error(
            f"Static files are not collected: {manifest} is missing.",
            hint=(
                "Run `danvan collectstatic --noinput` with DEBUG=false and the"
                " same STATIC_ROOT."
            ),
            id="danvan.E001",
        )
    ]


@register(Tags.staticfiles, deploy=True)
def check_static_files(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return static_files_errors()
