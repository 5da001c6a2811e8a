"""Access to petitions page by page, with the masking rules: every page,
export and API answer that shows a petition shows its petitioners unmasked
exactly to the users the privacy rules name, and logs each unmasked view."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.models import Membership
from danvan.petitions.models import IdentityView, Petition
from danvan.petitions.tests.factories import PetitionFactory
from tests.access.pages import visible_text

pytestmark = pytest.mark.django_db

NAME, CARD, PHONE = "Vàng Seo Lử", "015099887766", "0912345678"
MASKED = "Vàng S… L"


@pytest.fixture
def petition(tree: Any) -> Petition:
    return PetitionFactory.create(
        area=tree["commune"],
        subject="Khiếu nại về cấp giấy chứng nhận quyền sử dụng đất",
        petitioners=[{"name": NAME, "id_number": CARD, "phone": PHONE}],
    )


@pytest.fixture
def readers(users: Any, tree: Any, petition: Petition) -> dict[str, Any]:
    from conftest import make_user

    found = dict(users)
    # A member of the handling body itself (not of its area).
    found["handler"] = make_user(
        "handler", body=petition.handling_body, role=Membership.Role.EDITOR
    )
    found["superuser"] = make_user("root", area=tree["province"])
    found["superuser"].is_superuser = True
    found["superuser"].save()
    return found


def _xlsx(response: Any) -> str:
    book = load_workbook(io.BytesIO(response.content))
    return " ".join(
        str(v) for row in book.active.iter_rows(values_only=True) for v in row if v
    )


def _html(response: Any) -> str:
    return visible_text(response.content.decode())


def _json(response: Any) -> str:
    return str(response.content.decode())


PAGES: list[tuple[str, Callable[[Petition], str], Callable[[Any], str]]] = [
    ("page", lambda p: p.get_absolute_url(), _html),
    ("list", lambda p: reverse("petitions:list"), _html),
    ("due", lambda p: reverse("petitions:due"), _html),
    ("xlsx", lambda p: reverse("petitions:export"), _xlsx),
    ("api", lambda p: reverse("petition-detail", args=[p.pk]), _json),
    ("api", lambda p: reverse("petition-list"), _json),
]

# Who opens the petition, and who sees its petitioners.
SEES = {
    "commune": True,  # an editor of the handling body's commune
    "handler": True,  # a member of the handling body
    "superuser": True,
    "province": False,  # the level above reads the petition, masked
    "viewer": False,  # a viewer of the commune: masked
}
NOT_OPENED = ("sibling", "village")


@pytest.mark.parametrize("role", [*SEES, *NOT_OPENED])
@pytest.mark.parametrize(("where", "url", "read"), PAGES)
def test_petitioners_masked_unless_named(
    client: Any,
    petition: Petition,
    readers: Any,
    settings: Any,
    role: str,
    where: str,
    url: Callable[[Petition], str],
    read: Callable[[Any], str],
) -> None:
    settings.DANVAN_TODAY = petition.next_due_on  # the due page lists it
    client.force_login(readers[role])
    response = client.get(url(petition))
    if role in NOT_OPENED:
        assert response.status_code in (200, 404)
        text = read(response) if response.status_code == 200 else ""
        assert petition.subject not in text
        assert MASKED not in text
        assert NAME not in text
        assert not IdentityView.objects.exists()
        return
    assert response.status_code == 200
    text = read(response)
    if where != "api":
        assert petition.subject in text
    if SEES[role]:
        assert NAME in text
        # The lists show the names alone; the rest shows the card number.
        assert (CARD in text) is (where not in ("list", "due"))
        views = IdentityView.objects.filter(petition=petition, user=readers[role])
        assert views.count() == 1
        assert views.get().where == where
    else:
        assert MASKED in text
        assert NAME not in text
        assert CARD not in text
        assert PHONE not in text
        assert not IdentityView.objects.exists()
