from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.meetings import models

        # Search keys repeat the other fields: not news to a reader of the log.
        hidden = ["search_text", "search_name"]
        auditlog.register(
            models.Meeting, exclude_fields=hidden, m2m_fields={"attendees"}
        )
        for model in (
            models.MeetingSeries,
            models.Conclusion,
            models.Task,
            models.GeneratedDocument,
        ):
            auditlog.register(model, exclude_fields=hidden)
