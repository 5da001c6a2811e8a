"""schemathesis over the whole API: every operation, bounded and derandomised
examples, as a province approver with documents, meetings and models in scope.

No answer may be a 5xx, and every answer must match the OpenAPI schema the app
publishes (status codes, content types, headers and bodies). Failures are
collected over all operations and reported together.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
)

from danvan.accounts.models import Membership
from danvan.accounts.services import issue_token
from danvan.common.actors import system_actor
from danvan.documents import services as documents
from danvan.initiatives import services as initiatives
from danvan.initiatives.models import Field
from danvan.meetings import services as meetings
from danvan.units import services as units
from danvan.units.models import Body

pytestmark = pytest.mark.django_db

EXAMPLES = 15  # per operation and generation mode
# Every check runs but these two: schema-valid input is refused by business rules
# (ids outside the scope, a number and symbol that does not parse), and list
# filters ignore a value they cannot use rather than refuse the request.
EXCLUDED = [positive_data_acceptance, negative_data_rejection]
D = dt.date


@pytest.fixture
def world(tree, users):
    """What a province's register holds: documents, a meeting, models, a task."""
    province, commune = tree["province"], tree["commune"]
    committee = units.create_body(
        actor=system_actor(),
        name="Đảng ủy xã Trạm Tấu",
        kind=Body.Kind.PARTY_COMMITTEE,
        area=commune,
        abbreviation="ĐU",
        valid_from=D(2025, 7, 1),
    )
    directive = documents.register_document(
        actor=system_actor(),
        area=province,
        symbol_text="09-CT/TU",
        issued_on=D(2025, 7, 19),
        title="Về tăng cường công tác dân vận",
        issuer_name="Ban Thường vụ Tỉnh ủy",
    )
    plan = documents.register_document(
        actor=system_actor(),
        area=commune,
        symbol_text="12-KH/ĐU",
        issued_on=D(2025, 8, 4),
        title="Kế hoạch thực hiện Chỉ thị 09",
        issuer_body=committee,
    )
    documents.relate_documents(
        actor=system_actor(), source=plan, target=directive, kind="implements"
    )
    meeting = meetings.create_meeting(
        actor=system_actor(),
        convening_body=committee,
        kind="giao_ban",
        held_on=D(2025, 9, 5),
        title="Hội nghị Ban Chấp hành tháng 9",
    )
    conclusion = meetings.add_conclusion(
        actor=system_actor(),
        meeting=meeting,
        text="Tuyên truyền Chỉ thị 09 đến các thôn.",
    )
    task = meetings.task_from_conclusion(
        actor=system_actor(),
        conclusion=conclusion,
        owner_body=committee,
        due_on=D(2025, 12, 1),
    )
    field = Field.objects.first()
    assert field is not None  # the catalogue of fields is seeded
    model = initiatives.create_initiative(
        actor=system_actor(),
        area=commune,
        field=field,
        name="Con đường bê tông nghĩa tình",
        year=2025,
        status="accepted",
        criteria=[{"name": "Chiều dài", "unit": "km", "target": Decimal(3)}],
    )
    rubric = initiatives.create_standard_rubric(actor=system_actor(), year=2025)
    # A model with its history: progress, an evaluation by the system, a
    # commendation, and a copy in a village.
    initiatives.add_progress_update(
        actor=system_actor(),
        initiative=model,
        date=D(2025, 6, 30),
        results={model.criteria.get().pk: Decimal(2)},
    )
    initiatives.evaluate_initiative(
        actor=system_actor(),
        initiative=model,
        scores={c.pk: Decimal(9) for c in rubric.criteria.all()},
        rubric=rubric,
    )
    initiatives.commend_initiative(
        actor=system_actor(),
        initiative=model,
        level="province",
        form="bang_khen",
        decided_on=D(2025, 12, 15),
        body_name="Chủ tịch UBND tỉnh",
    )
    initiatives.create_initiative(
        actor=system_actor(),
        area=tree["village"],
        field=field,
        name="Con đường bê tông nghĩa tình thôn",
        year=2025,
        status="accepted",
        adopted_from=model,
    )
    return {
        "documents": plan.pk,
        "meetings": meeting.pk,
        "tasks": task.pk,
        "initiatives": model.pk,
        "areas": commune.pk,
        "user": users["province"],
    }


@contextlib.contextmanager
def connection_kept() -> Iterator[None]:
    """Requests keep the test's database connection, as with Django's test client.

    The app is called as a plain WSGI application, whose request signals would
    close the connection holding the test's transaction. (The test client
    reconnects these signals after each of its own requests.)
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _schema(client, user) -> Any:
    client.force_login(user)  # the schema is behind sign-in
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = schemathesis.openapi.from_dict(response.json())
    schema.app = get_wsgi_application()
    return schema


def _describe(case: Any, error: BaseException) -> list[str]:
    """One line per distinct failure: operation, check, first line of the reason."""
    found = error.exceptions if isinstance(error, FailureGroup) else (error,)
    lines = []
    for failure in found:
        title = getattr(failure, "title", type(failure).__name__)
        message = str(getattr(failure, "message", failure)).strip()
        first = message.splitlines()[0] if message else ""
        where = [line.strip() for line in message.splitlines() if "Schema at" in line]
        lines.append(f"{case.operation.label}: {title}: {first} {' '.join(where)}")
    return lines


def _resource(path: str) -> str:
    return path.split("/")[3]  # /api/v1/<resource>/...


def _fuzz(
    operation: Any, mode: GenerationMode, real_id: int | None, check: Any
) -> None:
    """Run ``check`` on bounded, derandomised cases of one operation."""

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), own=st.booleans())
    def run(case: Any, own: bool) -> None:
        # Half the cases aim at a real object of the user's scope.
        if own and real_id and "id" in (case.path_parameters or {}):
            case.path_parameters["id"] = real_id
        check(case)

    try:
        run()
    except Unsatisfiable:
        # Nothing to make invalid: the operation takes no parameters and no body.
        assert mode == GenerationMode.NEGATIVE


def test_every_operation_answers_without_5xx_and_as_documented(client, world):
    user = world["user"]
    assert user.memberships.filter(role=Membership.Role.APPROVER).exists()
    token = issue_token(user=user)
    # Schemathesis asks for gzip but its WSGI transport does not decompress; the
    # compression itself is tested in common/tests (a page decompresses as sent).
    headers = {"Authorization": f"Token {token.key}", "Accept-Encoding": "identity"}
    schema = _schema(client, user)
    failures: set[str] = set()

    def check(case: Any) -> None:
        try:
            response = case.call(headers=headers)
            case.validate_response(response, headers=headers, excluded_checks=EXCLUDED)
        except (Exception, FailureGroup) as error:  # all reported at the end
            failures.update(_describe(case, error))

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    with connection_kept():
        for operation in operations:
            real_id = world.get(_resource(operation.path))
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(operation, mode, real_id, check)

    assert not failures, "\n".join(sorted(failures))
