"""The data of the access matrix: the same objects in four places of the tree.

Every object is made through the apps' services and carries a marker in its
name or title, ``PV-<VARIANT>-<KIND>-X``, so a response that shows an object
the user may not see is caught by a plain substring test, wherever it shows.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from danvan.accounts.models import Membership, User
from danvan.common.actors import system_actor
from tests.access.apps import (
    dialogues_world,
    incidents_world,
    petitions_world,
    situation_world,
)

D = dt.date
YEAR = 2025

# Where each variant's objects live, seen from the users of xã Trạm Tấu.
VARIANTS = ("own", "sibling", "parent", "other")

KINDS = (
    "village",
    "body",
    "person",
    "term",
    "document",
    "relation",
    "review",
    "attachment",
    "source",
    "batch",
    "meeting",
    "conclusion",
    "task",
    "paper",
    "initiative",
    "progress",
    "evaluation",
    "import",
    "submission",
    "plan",
    "plangroup",
    "target",
    "plantask",
    "evidence",
    "report",
    "reportsection",
    "reportcomment",
    # The people's apps list their own kinds (tests/access/apps/).
    *situation_world.KINDS,
    *dialogues_world.KINDS,
    *petitions_world.KINDS,
    *incidents_world.KINDS,
)

# The own village is the root conftest's "Trung Tâm"; its name is no marker.
UNMARKED = {("own", "village")}


def marker(variant: str, kind: str) -> str:
    """The distinctive text of one object, e.g. ``PV-SIBLING-DOCUMENT-X``."""
    return f"PV-{variant.upper()}-{kind.upper()}-X"


# Documents are often named by number and symbol alone, so each variant's
# documents have numbers of their own, which are markers too.
NUMBERS = {"own": 801, "sibling": 802, "parent": 803, "other": 804}


def symbol(variant: str, kind: str = "document") -> str:
    number = NUMBERS[variant] + (10 if kind == "relation" else 0)
    return f"{number}-KH/ĐU"


def markers(variant: str, kind: str) -> list[str]:
    """Every distinctive text of one object."""
    found = [marker(variant, kind)]
    if kind in ("document", "relation"):
        found.append(symbol(variant, kind))
    return found


@dataclass
class World:
    """The tree, the users by role, and each variant's objects by kind."""

    tree: dict[str, Any]
    users: dict[str, User | None]
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    areas: dict[str, Any] = field(default_factory=dict)

    def obj(self, variant: str, kind: str) -> Any:
        return self.objects[variant][kind]

    def texts(self, variant: str, kind: str) -> list[str]:
        """The marker, numbers and link of one object: what must not leak."""
        found = markers(variant, kind)
        obj = self.objects[variant].get(kind)
        if kind == "relation" and obj is not None:
            obj = obj.target
        url = getattr(obj, "get_absolute_url", None)
        if url is not None:
            found.append(f'href="{url()}"')
        return found


def _source_text(mark: str) -> str:
    return (
        f"{mark} giao ban công tác dân vận quý III năm 2025\n"
        "Sáng ngày 03/10/2025, Đảng ủy xã tổ chức Hội nghị giao ban công tác"
        " dân vận 9 tháng."
    )


def _facts(mark: str) -> dict[str, Any]:
    from danvan.ingestion.schema import empty_facts

    record = empty_facts()
    record.update(
        {
            "title": mark,
            "period": {"start": "2025-07-01", "end": "2025-09-30"},
            "meeting": {"kind": "giao ban", "date": "2025-10-03"},
            "doc_refs": [
                # The symbol of every variant's document: the records panel
                # may match the text's own unit's document only.
                {
                    "kind": "Kế hoạch",
                    "number": "12",
                    "symbol": "KH/ĐU",
                    "date": "2025-08-04",
                    "issuer": "Đảng ủy xã",
                }
            ],
            "people": [{"name": "Giàng A Páo", "position": "Bí thư Đảng ủy xã"}],
        }
    )
    return record


def _criteria() -> list[dict[str, Any]]:
    return [{"name": "Chiều dài đường bê tông", "unit": "km", "target": Decimal(3)}]


def _complete() -> dict[str, Any]:
    return {
        "problem": "Đường liên thôn lầy lội.",
        "goals": "Bê tông hóa đường liên thôn bằng sức dân.",
        "content": "Vận động nhân dân hiến đất, góp ngày công.",
        "place": "Thôn Trung Tâm",
        "beneficiaries": "Hơn 200 hộ dân",
        "lead_forces": "Ban Dân vận",
        "partner_forces": "Mặt trận Tổ quốc",
        "money_vnd": 150_000_000,
        "working_days": 900,
        "start_date": D(YEAR, 2, 1),
        "end_date": D(YEAR, 11, 30),
        "person_in_charge": "Giàng A Chư",
    }


def _village(tree: dict[str, Any], variant: str, area: Any) -> Any:
    from danvan.units import services as units
    from danvan.units.models import Area

    if variant == "own":
        return tree["village"]
    commune = area
    if area.kind not in (Area.Kind.COMMUNE, Area.Kind.WARD):
        # A commune of the province other than the own and sibling ones.
        commune = (
            Area.objects.filter(parent=area, kind=Area.Kind.COMMUNE)
            .exclude(pk__in=[tree["commune"].pk, tree["sibling"].pk])
            .order_by("code")
            .first()
        )
    return units.create_village(
        actor=system_actor(), commune=commune, name=marker(variant, "village")
    )


def _catalogue(variant: str, body: Any) -> dict[str, Any]:
    """A report form of the variant's Party committee, reported by the commune
    Party committees under its area, with a section, indicators and a rule.
    Forms are a catalogue every signed-in user reads (changed by the owner
    body's editors): their names carry no marker."""
    from danvan.datasets.models import Indicator
    from danvan.datasets.services import catalogue

    actor = system_actor()
    form = catalogue.create_form(
        actor=actor,
        code=f"pv-catalogue-{variant}",
        name=f"Biểu mẫu thử {variant}",
        owner_body=body,
        area=body.area,
        period_type="quarter",
        reporter_level="commune",
        reporter_kinds=["party_committee"],
    )
    section = catalogue.add_section(actor=actor, form=form, title="I. Dân vận khéo")
    for code in ("DVK_MH_DANG_KY", "DVK_MH_HIEU_QUA"):
        catalogue.add_indicator_to_form(
            actor=actor,
            form=form,
            indicator=Indicator.objects.get(code=code),
            section=section,
        )
    item = catalogue.add_indicator_to_form(
        actor=actor, form=form, indicator=Indicator.objects.get(code="DT_SO_CUOC")
    )
    rule = catalogue.add_rule(
        actor=actor,
        form=form,
        name="Mô hình hiệu quả không quá số đăng ký",
        left="DVK_MH_HIEU_QUA",
        operator="<=",
        right="DVK_MH_DANG_KY",
    )
    return {"form": form, "section": section, "item": item, "rule": rule}


def _report_types(variant: str, body: Any) -> dict[str, Any]:
    """A quarterly report type of the variant's Party committee, written by
    the Party committees of its own level under its area (the variant's body
    among them), with the default outline; a catalogue every signed-in user
    reads (changed by the owner body's editors): no marker in its names."""
    from danvan.reports.services import types

    report_type = types.create_report_type(
        actor=system_actor(),
        code=f"pv-bc-{variant}",
        name=f"Báo cáo dân vận thử {variant}",
        owner_body=body,
        area=body.area,
        period_type="quarter",
        reporter_level=body.area.level,
        reporter_kinds=["party_committee"],
    )
    section = report_type.outline.get(key="dvk")
    return {"reporttype": report_type, "outlinesection": section}


def _reports(variant: str, made: dict[str, Any]) -> dict[str, Any]:
    """The variant's report of quarter III/2025 (its own report type), a draft
    whose subject, one section's text and a comment carry the markers."""
    from danvan.datasets.models import Period
    from danvan.reports.services import reports

    report = reports.open_report(
        actor=system_actor(),
        report_type=made["reporttype"],
        period=Period.objects.of("quarter", YEAR, 3),
        body=made["body"],
    )
    report.title = f"Báo cáo {marker(variant, 'report')}"
    report.save(update_fields=["title"])
    section = reports.save_section(
        actor=system_actor(),
        section=report.sections.get(key="situation"),
        text=f"<p>{marker(variant, 'reportsection')}</p>",
        version=1,
    )
    comment = reports.add_comment(
        actor=system_actor(),
        report=report,
        section=section,
        text=marker(variant, "reportcomment"),
    )
    return {"report": report, "reportsection": section, "reportcomment": comment}


def _side(world: World, variant: str, area: Any, owner: User) -> dict[str, Any]:
    """Create one variant's objects in ``area``; ``owner`` uploads its import."""
    from danvan.documents import services as documents
    from danvan.ingestion import services as ingestion
    from danvan.initiatives import services as initiatives
    from danvan.initiatives.models import Field, ImportBatch, Initiative
    from danvan.meetings import services as meetings
    from danvan.units import services as units
    from danvan.units.models import Body

    def mark(kind: str) -> str:
        return marker(variant, kind)

    made: dict[str, Any] = {"area": area}
    made["village"] = _village(world.tree, variant, area)
    body = units.create_body(
        actor=system_actor(),
        name=mark("body"),
        kind=Body.Kind.PARTY_COMMITTEE,
        area=area,
        abbreviation="ĐU",
    )
    made["body"] = body
    person = units.create_person(
        actor=system_actor(), full_name=mark("person"), area=area
    )
    units.appoint(
        actor=system_actor(),
        person=person,
        body=body,
        title="Bí thư",
        valid_from=D(2025, 7, 1),
    )
    made["person"] = person
    made["term"] = documents.add_term(
        actor=system_actor(), body=body, name=mark("term"), starts_on=D(2025, 7, 1)
    )

    document = documents.register_document(
        actor=system_actor(),
        area=area,
        symbol_text=symbol(variant),
        issued_on=D(2025, 8, 4),
        title=mark("document"),
        issuer_body=body,
    )
    made["document"] = document
    other = documents.register_document(
        actor=system_actor(),
        area=area,
        symbol_text=symbol(variant, "relation"),
        issued_on=D(2025, 8, 5),
        title=f"Kế hoạch {mark('relation')}",
        issuer_body=body,
    )
    made["relation"] = documents.relate_documents(
        actor=system_actor(), source=document, target=other, kind="implements"
    )
    made["review"] = documents.add_review_point(
        actor=system_actor(),
        document=document,
        kind="so_ket",
        due_on=D(2026, 6, 30),
        label=mark("review"),
    )
    made["attachment"] = documents.attach_bytes(
        actor=system_actor(),
        document=document,
        name=f"{mark('attachment')}.txt",
        content=f"noi dung {mark('attachment')}".encode(),
    )

    source, _ = ingestion.ingest_text(
        actor=system_actor(),
        area=area,
        text=_source_text(mark("source")),
        title=mark("source"),
    )
    made["source"] = ingestion.confirm_facts(
        actor=owner, source=source, facts=_facts(mark("source"))
    )
    made["batch"] = ingestion.start_batch(
        actor=system_actor(),
        area=area,
        files=[(f"{mark('batch')}.txt", io.BytesIO(_source_text("lo").encode()))],
    )

    meeting = meetings.create_meeting(
        actor=system_actor(),
        convening_body=body,
        kind="giao_ban",
        title=mark("meeting"),
        held_on=D(2025, 10, 5),
        place="Hội trường",
        chair=person,
        attendees=[person],
        period_type="month",
        period_year=2025,
        period_number=9,
    )
    made["meeting"] = meeting
    made["conclusion"] = meetings.add_conclusion(
        actor=system_actor(), meeting=meeting, text=mark("conclusion")
    )
    made["task"] = meetings.task_from_conclusion(
        actor=system_actor(),
        conclusion=made["conclusion"],
        owner_body=body,
        due_on=D(2025, 10, 31),
        title=mark("task"),
    )
    made["paper"] = meetings.generate_notice(actor=system_actor(), meeting=meeting)
    made.update(_catalogue(variant, body))
    made.update(_report_types(variant, body))
    made.update(_reports(variant, made))

    first_field = Field.objects.order_by("pk").first()
    assert first_field is not None  # the catalogue of fields is seeded
    initiative = initiatives.create_initiative(
        actor=system_actor(),
        area=area,
        field=first_field,
        name=mark("initiative"),
        year=YEAR,
        criteria=_criteria(),
        status=Initiative.Status.ACCEPTED,
        **_complete(),
    )
    made["initiative"] = initiative
    update = initiatives.add_progress_update(
        actor=system_actor(),
        initiative=initiative,
        date=D(2025, 6, 30),
        text=mark("progress"),
    )
    initiatives.add_attachment(
        actor=system_actor(),
        update=update,
        content=b"anh",
        name=f"{mark('progress')}.jpg",
    )
    made["progress"] = update.attachments.get()
    rubric = world.areas["rubric"]
    made["evaluation"] = initiatives.evaluate_initiative(
        actor=system_actor(),
        initiative=initiative,
        scores={c.pk: Decimal(8) for c in rubric.criteria.all()},
        comment=mark("evaluation"),
    )
    made["submission"] = _submission(variant, area, body)
    batch = ImportBatch(
        token=f"tok{variant}{'0' * 20}"[:32],
        original_name=f"{mark('import')}.xlsx",
        created_by=owner,
    )
    batch.file.save(f"{batch.token}.xlsx", ContentFile(b"not a sheet"), save=False)
    batch.save()
    made["import"] = batch
    return made


def _submission(variant: str, area: Any, body: Any) -> Any:
    """The variant's figures of quarter III/2025, returned with its marker as
    the approver's note. The two communes report one form (their completeness
    is one table), the provinces one each."""
    from danvan.datasets.models import Period, ReportForm
    from danvan.datasets.services import approval
    from danvan.datasets.services.submissions import open_submission

    level = "commune" if variant in ("own", "sibling") else "province"
    code = "pv-communes" if level == "commune" else f"pv-{variant}"
    form, _created = ReportForm.objects.get_or_create(
        code=code,
        defaults={
            "name": f"Báo cáo thử quyền {code}",
            "period_type": "quarter",
            "owner_body": body,
            "area": area.parent if level == "commune" else area,
            "reporter_level": level,
            "reporter_kinds": ["party_committee"],
        },
    )
    period = Period.objects.of("quarter", YEAR, 3)
    submission = open_submission(
        actor=system_actor(), form=form, period=period, body=body
    )
    approval.submit(actor=system_actor(), submission=submission)
    approval.return_(
        actor=system_actor(), submission=submission, note=marker(variant, "submission")
    )
    return submission


def _plans(world: World) -> None:
    """Each variant's plan (its own document, numbered 82x), with a group, a
    target, a task and progress with an evidence file; the commune's and the
    sibling's plans implement the province's, their targets serving its."""
    from danvan.documents import services as documents
    from danvan.plans import services as plans

    for variant in ("parent", "own", "sibling", "other"):
        made = world.objects[variant]

        def mark(kind: str, variant: str = variant) -> str:
            return marker(variant, kind)

        above = "parent" if variant in ("own", "sibling") else None
        document = documents.register_document(
            actor=system_actor(),
            area=made["area"],
            symbol_text=f"{NUMBERS[variant] + 20}-KH/ĐU",
            issued_on=D(2025, 8, 6),
            title=f"Kế hoạch {mark('plan')}",
            issuer_body=made["body"],
        )
        plan = plans.create_plan(
            actor=system_actor(),
            area=made["area"],
            body=made["body"],
            document=document,
            starts_year=YEAR,
            parent=world.obj(above, "plan") if above else None,
        )
        made["plan"] = plan
        group = plans.add_group(actor=system_actor(), plan=plan, name=mark("plangroup"))
        made["plangroup"] = group
        made["target"] = plans.add_target(
            actor=system_actor(),
            plan=plan,
            group=group,
            name=mark("target"),
            target_value=Decimal(10),
            serves=world.obj(above, "target") if above else None,
        )
        made["plantask"] = plans.add_task(
            actor=system_actor(),
            plan=plan,
            group=group,
            title=mark("plantask"),
            owner_body=made["body"],
            due_on=D(2025, 12, 31),
        )
        progress = plans.record_progress(
            actor=system_actor(),
            target=made["target"],
            period_type="quarter",
            period_year=YEAR,
            period_number=3,
            achieved=Decimal(9),
            files=[ContentFile(b"bien ban", name=f"{mark('evidence')}.txt")],
        )
        made["evidence"] = progress.evidence.get()


def build_world() -> World:
    """Create the tree, the users of every role and four variants of everything."""
    from conftest import build_tree, build_users, make_user
    from danvan.documents import services as documents
    from danvan.initiatives import services as initiatives
    from danvan.records.services import record_document
    from danvan.units import services as units
    from danvan.units.models import Area, Body

    tree = build_tree()
    users: dict[str, User | None] = {"anonymous": None, **build_users(tree)}
    other_province = Area.objects.resolve("01", D(2025, 7, 1))
    users["other"] = make_user(
        "other", area=other_province, role=Membership.Role.APPROVER
    )
    users["superuser"] = User.objects.create_superuser(
        username="root", password="secret-pass-1"
    )
    world = World(tree=tree, users=users)
    world.areas = {
        "own": tree["commune"],
        "sibling": tree["sibling"],
        "parent": tree["province"],
        "other": other_province,
        "rubric": initiatives.create_standard_rubric(actor=system_actor(), year=YEAR),
    }
    owners = {
        "own": users["commune"],
        "sibling": users["sibling"],
        "parent": users["province"],
        "other": users["other"],
    }
    for variant in VARIANTS:
        owner = owners[variant]
        assert owner is not None
        world.objects[variant] = _side(world, variant, world.areas[variant], owner)
    # Plans of the communes implement the province's plan: the relations must
    # not name a document the user may not see.
    for variant in ("own", "sibling"):
        documents.relate_documents(
            actor=system_actor(),
            source=world.obj(variant, "document"),
            target=world.obj("parent", "document"),
            kind="implements",
        )
    _plans(world)
    # The people's apps, in the order their links need (a hot spot links the
    # petitions and dialogues of its variant).
    for variant in VARIANTS:
        made = world.objects[variant]
        for module in (
            situation_world,
            dialogues_world,
            petitions_world,
            incidents_world,
        ):
            made.update(module.make(world, variant, made))
    # A province officer links a reference in the commune's text to the
    # sibling commune's plan of the same number: the commune sees the link
    # exists, never the plan.
    same_number = documents.register_document(
        actor=system_actor(),
        area=world.areas["sibling"],
        symbol_text="12-KH/ĐU",
        issued_on=D(2025, 8, 4),
        title=marker("sibling", "document"),
    )
    province = users["province"]
    assert province is not None
    record_document(actor=province, source=world.obj("own", "source"), index=0)
    world.objects["sibling"]["linked"] = same_number
    # A body whose remit is not its area: its members see the body's rows only.
    school = units.create_body(
        actor=system_actor(),
        name="Trường Tiểu học xã Trạm Tấu",
        kind=Body.Kind.PUBLIC_SERVICE,
        area=world.areas["own"],
    )
    users["school_member"] = make_user(
        "school_member", body=school, role=Membership.Role.EDITOR
    )
    users["body_member"] = make_user(
        "body_member", body=world.obj("own", "body"), role=Membership.Role.EDITOR
    )
    return world
