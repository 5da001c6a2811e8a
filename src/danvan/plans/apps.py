from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Plans with targets (chỉ tiêu) and tasks (nhiệm vụ), and their cascade."""

    name = "danvan.plans"
    verbose_name = _("plans and targets")
    # The entry of the main menu (base.html).
    menu_label = _("Plans")

    def ready(self) -> None:
        from danvan.common import audit
        from danvan.plans import models
        from danvan.plans.kept import FIGURES

        audit.register(models.Plan, exclude=["area_path", "body_path"])
        audit.register(models.PlanTask, exclude=["search_text"], m2m=["partner_bodies"])
        for model in (models.PlanGroup, models.Target, models.Progress):
            audit.register(model)
        audit.register(models.ProgressEvidence, exclude=["sha256", "content_type"])
        # A save or delete of a plan, target, progress or task forgets the
        # list's kept count and years and the home page's counts (plans.kept).
        FIGURES.connect()
