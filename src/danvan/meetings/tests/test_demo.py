"""The demo meetings load once, on the demo units, with carried tasks and notices."""

import pytest

from danvan.meetings import demo, services
from danvan.meetings.models import GeneratedDocument, Meeting, Task
from danvan.units import demo as units_demo

pytestmark = pytest.mark.django_db


def test_demo_meetings_load_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load_demo()  # without the demo units: nothing, no error
    assert not Meeting.objects.exists()
    units_demo.load_demo()
    demo.load_demo()
    demo.load_demo()
    assert Meeting.objects.count() == 7
    assert set(Task.objects.values_list("status", flat=True)) == set(Task.Status.values)

    october = Meeting.objects.get(title="Giao ban công tác dân vận tháng 10/2026")
    carried = {t.title for t in services.carried_forward(october)}
    assert any(t.startswith("Vận động nhân dân thôn Trung Tâm") for t in carried)
    assert any(t.startswith("Tuyên truyền phòng, chống tảo hôn") for t in carried)
    assert not any(t.startswith("Tăng cường nắm tình hình") for t in carried)  # done

    notices = GeneratedDocument.objects.order_by("issued_on")
    assert [n.reference for n in notices] == ["01-TB/HU", "01-TB/ĐU"]
    assert all((tmp_path / n.file.name).exists() for n in notices)
    assert notices[0].signer_capacity == "T/L BAN THƯỜNG VỤ"
    commune_notice = notices[1]
    assert commune_notice.meeting.created_by is not None
    assert commune_notice.meeting.created_by.username == "xa.tramtau"
    assert commune_notice.signer_name == "Nguyễn Văn Minh"
