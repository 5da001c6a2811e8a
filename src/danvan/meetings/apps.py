from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.meetings import models
        from danvan.meetings.kept import FIGURES

        audit.register(
            models.Meeting, exclude=["convening_body_path"], m2m=["attendees"]
        )
        # The copies of the tree's paths on the rows are not news to a reader.
        audit.register(
            models.Task,
            exclude=[
                "meeting_area_path",
                "meeting_body_path",
                "owner_area_path",
                "owner_body_path",
            ],
        )
        for model in (
            models.MeetingSeries,
            models.Conclusion,
            models.GeneratedDocument,
        ):
            audit.register(model)
        # A save or delete of a meeting, task or conclusion forgets the lists'
        # kept counts and years (meetings.kept).
        FIGURES.connect()
