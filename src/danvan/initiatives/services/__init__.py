"""Writes of the "Dân vận khéo" register: registration, workflow, progress,
evaluation, commendation, replication.

Every write that changes a model's unit, evaluations, commendations or progress
also keeps the denormalised columns the statistics read (``area_path``,
``level``, ``classification``, ``evaluated_on``, ``commended_on``, the
mobilized totals); the demo generator and the import call these services too.
Every write checks its rule (``common.rules``) with the acting user; commands
and the demo act as the system actor (``common.actors.system_actor``).
"""

from danvan.initiatives.services.base import (
    FIRST_YEAR,
    OTHER_FIELDS,
    REGISTRATION_FIELDS,
    TEXT_FIELDS,
    Status,
    level_of,
    search_text_of,
    unit_fields,
)
from danvan.initiatives.services.commendation import (
    commend_initiative,
    find_decision,
    publish_exemplary,
)
from danvan.initiatives.services.evaluation import (
    STANDARD_CRITERIA,
    create_standard_rubric,
    evaluate_initiative,
    refresh_classification,
    rubric_for,
    score_total,
)
from danvan.initiatives.services.progress import (
    add_attachment,
    add_progress_update,
    refresh_progress,
)
from danvan.initiatives.services.registration import (
    create_initiative,
    update_initiative,
)
from danvan.initiatives.services.replication import (
    adopt_initiative,
    continue_initiative,
)
from danvan.initiatives.services.workflow import (
    accept_initiative,
    close_initiative,
    missing_for_submission,
    return_initiative,
    submit_initiative,
    to_evaluate,
    to_review,
)

__all__ = [
    "FIRST_YEAR",
    "OTHER_FIELDS",
    "REGISTRATION_FIELDS",
    "STANDARD_CRITERIA",
    "TEXT_FIELDS",
    "Status",
    "accept_initiative",
    "add_attachment",
    "add_progress_update",
    "adopt_initiative",
    "close_initiative",
    "commend_initiative",
    "continue_initiative",
    "create_initiative",
    "create_standard_rubric",
    "evaluate_initiative",
    "find_decision",
    "level_of",
    "missing_for_submission",
    "publish_exemplary",
    "refresh_classification",
    "refresh_progress",
    "return_initiative",
    "rubric_for",
    "score_total",
    "search_text_of",
    "submit_initiative",
    "to_evaluate",
    "to_review",
    "unit_fields",
    "update_initiative",
]
