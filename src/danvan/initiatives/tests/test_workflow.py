"""Submission and evaluation with roles: the editor submits for their unit, an
approver of the level above accepts, returns and evaluates; no one judges their
own unit's model; a viewer never writes."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user
from danvan.accounts.models import Membership
from danvan.common.actors import system_actor
from danvan.initiatives import services
from danvan.initiatives.exceptions import (
    IncompleteError,
    NoRubricError,
    OwnUnitError,
    WrongStatusError,
)
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db
Status = Initiative.Status


def scores(rubric, value):
    return {c.pk: Decimal(value) for c in rubric.criteria.all()}


def test_editor_submits_and_province_approver_accepts(tree, users, make_initiative):
    initiative = make_initiative(tree["commune"], actor=users["commune"])
    assert initiative.status == Status.DRAFT
    assert initiative.level == "commune"
    assert initiative.area_path == tree["commune"].path

    services.submit_initiative(actor=users["commune"], initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert initiative.submitted_by == users["commune"]
    assert list(services.to_review(users["province"])) == [initiative]
    assert not services.to_review(users["commune"]).exists()

    services.accept_initiative(actor=users["province"], initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == Status.ACCEPTED
    assert initiative.reviewed_by == users["province"]
    assert Initiative.objects.registered().filter(pk=initiative.pk).exists()


def test_returned_model_is_changed_and_submitted_again(tree, users, make_initiative):
    initiative = make_initiative(tree["commune"], actor=users["commune"])
    services.submit_initiative(actor=users["commune"], initiative=initiative)
    with pytest.raises(ValidationError, match="cần sửa đổi, bổ sung"):
        services.return_initiative(
            actor=users["province"], initiative=initiative, note=" "
        )
    services.return_initiative(
        actor=users["province"], initiative=initiative, note="Bổ sung tiêu chí đo đếm."
    )
    initiative.refresh_from_db()
    assert initiative.status == Status.RETURNED
    assert initiative.review_note == "Bổ sung tiêu chí đo đếm."

    services.update_initiative(
        actor=users["commune"], initiative=initiative, goals="Bê tông hóa 4 km."
    )
    services.submit_initiative(actor=users["commune"], initiative=initiative)
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED
    assert initiative.goals == "Bê tông hóa 4 km."


def test_submitted_model_is_locked_for_the_unit(tree, users, make_initiative):
    initiative = make_initiative(tree["commune"], actor=users["commune"])
    services.submit_initiative(actor=users["commune"], initiative=initiative)
    with pytest.raises(WrongStatusError):
        services.update_initiative(
            actor=users["commune"], initiative=initiative, name="Khác"
        )


def test_incomplete_draft_cannot_be_submitted(tree, users, make_initiative):
    initiative = make_initiative(
        tree["commune"], actor=users["commune"], goals="", criteria=[]
    )
    with pytest.raises(IncompleteError) as error:
        services.submit_initiative(actor=users["commune"], initiative=initiative)
    assert error.value.message == (
        "Trước khi gửi, cần điền: mục tiêu, ít nhất một tiêu chí đo đếm được."
    )


def test_nobody_accepts_or_evaluates_their_own_unit_model(
    tree, users, make_initiative, registered, rubric
):
    commune_approver = make_user(
        "commune-approver", area=tree["commune"], role=Membership.Role.APPROVER
    )
    initiative = make_initiative(tree["commune"], actor=users["commune"])
    services.submit_initiative(actor=users["commune"], initiative=initiative)
    assert not services.to_review(commune_approver).exists()
    with pytest.raises(OwnUnitError):
        services.accept_initiative(actor=commune_approver, initiative=initiative)

    done = registered(tree["commune"], "Mô hình đã đăng ký")
    with pytest.raises(OwnUnitError):
        services.evaluate_initiative(
            actor=commune_approver, initiative=done, scores=scores(rubric, 9)
        )
    # The province registers its own model: the province approver cannot judge it.
    own = registered(tree["province"], "Mô hình của tỉnh")
    with pytest.raises(OwnUnitError):
        services.evaluate_initiative(
            actor=users["province"], initiative=own, scores=scores(rubric, 9)
        )
    # The commune approver judges a model of a village below the commune.
    village = registered(tree["village"], "Mô hình của thôn")
    evaluation = services.evaluate_initiative(
        actor=commune_approver, initiative=village, scores=scores(rubric, 9)
    )
    assert evaluation.evaluator_area == tree["commune"]


def test_the_new_commune_is_the_own_unit_of_the_merged_one(
    tree, users, registered, rubric
):
    """Xã Pá Lau merged into xã Trạm Tấu: Trạm Tấu's approver cannot judge it."""
    approver = make_user(
        "tram-tau-approver", area=tree["commune"], role=Membership.Role.APPROVER
    )
    old = registered(tree["pa_lau"], "Mô hình của xã Pá Lau cũ", year=2024)
    with pytest.raises(OwnUnitError):
        services.evaluate_initiative(
            actor=approver, initiative=old, scores=scores(rubric, 9)
        )


def test_body_membership_is_own_unit_of_the_body_model(
    tree, users, bodies, make_initiative
):
    school_approver = make_user(
        "school-approver", body=bodies["school"], role=Membership.Role.APPROVER
    )
    party_approver = make_user(
        "party-approver", body=bodies["party"], role=Membership.Role.APPROVER
    )
    model = make_initiative(tree["commune"], body=bodies["school"], status="submitted")
    assert model.level == "body"
    with pytest.raises(OwnUnitError):
        services.accept_initiative(actor=school_approver, initiative=model)
    # The commune's Party committee acts for the commune: its area is the model's.
    with pytest.raises(OwnUnitError):
        services.accept_initiative(actor=party_approver, initiative=model)
    services.accept_initiative(actor=users["province"], initiative=model)


def test_editor_and_viewer_cannot_judge(tree, users, make_initiative, rubric):
    initiative = make_initiative(tree["village"], status="submitted")
    for user in (users["commune"], users["viewer"], users["village"]):
        with pytest.raises(PermissionDenied):
            services.accept_initiative(actor=user, initiative=initiative)


def test_viewer_cannot_write(tree, users, make_initiative):
    with pytest.raises(PermissionDenied):
        make_initiative(tree["commune"], actor=users["viewer"])
    initiative = make_initiative(tree["commune"], actor=users["commune"])
    with pytest.raises(PermissionDenied):
        services.submit_initiative(actor=users["viewer"], initiative=initiative)
    with pytest.raises(PermissionDenied):
        services.update_initiative(
            actor=users["viewer"], initiative=initiative, name="Khác"
        )


def test_sibling_editor_cannot_register_for_another_commune(tree, users, fields):
    with pytest.raises(PermissionDenied):
        services.create_initiative(
            actor=users["sibling"],
            area=tree["commune"],
            field=fields["kinh-te"],
            name="X",
            year=2025,
        )


def test_evaluation_needs_a_registered_model_and_a_rubric(
    tree, users, make_initiative, registered
):
    draft = make_initiative(tree["commune"])
    with pytest.raises(NoRubricError):
        services.evaluate_initiative(
            actor=users["province"], initiative=registered(tree["commune"]), scores={}
        )
    services.create_standard_rubric(actor=system_actor(), year=2025)
    with pytest.raises(WrongStatusError):
        services.evaluate_initiative(
            actor=users["province"], initiative=draft, scores={}
        )
