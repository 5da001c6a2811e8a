from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.meetings import models

        for model in (
            models.Meeting,
            models.MeetingSeries,
            models.Conclusion,
            models.Task,
            models.GeneratedDocument,
        ):
            # Not news to a reader of the log: the id, search keys, and the
            # rows pointing here (they have log entries of their own).
            hidden = ["id", "search_text", "search_name"] + [
                f.name
                for f in model._meta.get_fields()
                if f.auto_created and not f.concrete
            ]
            m2m = {"attendees"} if model is models.Meeting else set()
            auditlog.register(model, exclude_fields=hidden, m2m_fields=m2m)
