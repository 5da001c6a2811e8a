from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.meetings import models

        audit.register(models.Meeting, m2m=["attendees"])
        for model in (
            models.MeetingSeries,
            models.Conclusion,
            models.Task,
            models.GeneratedDocument,
        ):
            audit.register(model)
