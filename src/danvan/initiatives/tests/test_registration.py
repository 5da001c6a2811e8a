"""Registration through the form: drafts saved incomplete, criteria, validation in
Vietnamese, submission to the level above, continuation and its list page."""

import pytest
from django.urls import reverse

from danvan.initiatives import services
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def form_data(tree, fields, **overrides):
    data = {
        "area": tree["commune"].pk,
        "body": "",
        "name": "Mô hình “Con đường bê tông nghĩa tình”",
        "field": fields["kinh-te"].pk,
        "kind": "collective",
        "year": 2025,
        "problem": "Đường lầy lội",
        "goals": "Bê tông hóa 3 km",
        "content": "Vận động hiến đất",
        "place": "Thôn Trung Tâm",
        "beneficiaries": "200 hộ",
        "lead_forces": "Ban Dân vận",
        "partner_forces": "MTTQ",
        "money_vnd": "150000000",
        "working_days": "900",
        "socialized": "Vật liệu",
        "socialized_vnd": "20000000",
        "start_date": "2025-02-01",
        "end_date": "2025-11-30",
        "timeline": "Quý I khảo sát",
        "expected_outputs": "3 km đường",
        "sustainability": "Tổ tự quản duy tu",
        "person_in_charge": "Giàng A Chư",
        "person": "",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "30",
        "criteria-0-name": "Chiều dài đường",
        "criteria-0-target": "3",
        "criteria-0-unit": "km",
        "criteria-1-name": "Số hộ tham gia",
        "criteria-1-target": "200,5",
        "criteria-1-unit": "hộ",
        "criteria-2-name": "",
        "criteria-2-target": "",
        "criteria-2-unit": "",
    }
    data.update(overrides)
    return data


def test_editor_saves_a_draft_with_every_field(client, tree, users, fields):
    client.force_login(users["commune"])
    assert client.get(reverse("initiatives:create")).status_code == 200
    response = client.post(
        reverse("initiatives:create"), form_data(tree, fields, action="save")
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    assert initiative.status == "draft"
    assert initiative.created_by == users["commune"]
    assert initiative.level == "commune"
    assert initiative.money_vnd == 150_000_000
    assert initiative.socialized_vnd == 20_000_000
    assert initiative.sustainability == "Tổ tự quản duy tu"
    assert [(c.name, str(c.target), c.unit) for c in initiative.criteria.all()] == [
        ("Chiều dài đường", "3.00", "km"),
        ("Số hộ tham gia", "200.50", "hộ"),
    ]
    assert "con duong be tong nghia tinh" in initiative.search_text


def test_incomplete_draft_is_saved_and_cannot_be_submitted(client, tree, users, fields):
    client.force_login(users["commune"])
    data = form_data(tree, fields, goals="", content="", action="save")
    for i in range(3):
        data[f"criteria-{i}-name"] = data[f"criteria-{i}-target"] = ""
    client.post(reverse("initiatives:create"), data)
    initiative = Initiative.objects.get()
    assert initiative.status == "draft"
    response = client.post(reverse("initiatives:submit", args=[initiative.pk]))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "draft"
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Trước khi gửi, cần điền" in page


def test_save_and_submit_sends_it_to_the_level_above(client, tree, users, fields):
    client.force_login(users["commune"])
    client.post(reverse("initiatives:create"), form_data(tree, fields, action="submit"))
    initiative = Initiative.objects.get()
    assert initiative.status == "submitted"
    client.force_login(users["province"])
    page = client.get(reverse("initiatives:review")).content.decode()
    assert "Con đường bê tông nghĩa tình" in page


def test_form_errors_are_in_vietnamese(client, tree, users, fields):
    client.force_login(users["commune"])
    data = form_data(
        tree, fields, name="", start_date="2025-12-01", end_date="2025-01-01"
    )
    data["criteria-2-target"] = "5"
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Trường này là bắt buộc" in page
    assert "Hãy ghi tên tiêu chí" in page
    assert not Initiative.objects.exists()
    data = form_data(tree, fields, start_date="2025-12-01", end_date="2025-01-01")
    response = client.post(reverse("initiatives:create"), data)
    assert "Ngày kết thúc đứng trước ngày bắt đầu" in response.content.decode()
    assert not Initiative.objects.exists()


def test_editor_cannot_register_for_a_unit_outside_their_scope(
    client, tree, users, fields
):
    client.force_login(users["commune"])
    response = client.post(
        reverse("initiatives:create"),
        form_data(tree, fields, area=tree["sibling"].pk),
    )
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_edit_changes_a_draft_and_keeps_criteria(client, tree, users, fields):
    client.force_login(users["commune"])
    client.post(reverse("initiatives:create"), form_data(tree, fields))
    initiative = Initiative.objects.get()
    first = initiative.criteria.first()
    assert first is not None
    data = form_data(tree, fields, name="Đường bê tông tự quản")
    data.update(
        {
            "criteria-INITIAL_FORMS": "2",
            "criteria-0-pk": str(first.pk),
            "criteria-1-name": "",
            "criteria-1-target": "",
        }
    )
    response = client.post(reverse("initiatives:edit", args=[initiative.pk]), data)
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.name == "Đường bê tông tự quản"
    assert [c.pk for c in initiative.criteria.all()] == [first.pk]


def test_submitted_model_cannot_be_edited_through_the_page(
    client, tree, users, make_initiative
):
    initiative = make_initiative(tree["commune"], status="submitted")
    client.force_login(users["commune"])
    response = client.get(reverse("initiatives:edit", args=[initiative.pk]))
    assert response.status_code == 302


def test_continuing_next_year_starts_a_linked_draft(client, tree, users, registered):
    old = registered(tree["commune"], year=2024)
    client.force_login(users["commune"])
    response = client.post(reverse("initiatives:continue", args=[old.pk]))
    new = Initiative.objects.exclude(pk=old.pk).get()
    assert response.status_code == 302
    assert new.previous == old
    assert new.continuing
    assert new.status == "draft"
    assert new.year == 2025 or new.year > old.year
    assert new.criteria.count() == old.criteria.count()


def test_body_registers_its_own_model(client, tree, bodies, fields):
    from conftest import make_user

    school = make_user("school", body=bodies["school"])
    client.force_login(school)
    data = form_data(tree, fields, area="", body=bodies["school"].pk)
    response = client.post(reverse("initiatives:create"), data)
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.body == bodies["school"]
    assert initiative.area == tree["commune"]
    assert initiative.level == "body"


def test_close_and_reopen(tree, users, registered):
    initiative = registered(tree["commune"])
    services.close_initiative(
        actor=users["commune"], initiative=initiative, status="completed"
    )
    initiative.refresh_from_db()
    assert initiative.status == "completed"
    assert initiative.is_registered
