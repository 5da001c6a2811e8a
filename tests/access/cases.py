"""What the access matrix asks of every URL name: how to address each variant's
object, what a GET must list, and what a POST (or other write) sends.

A URL pattern without an entry here (or in ``EXCLUDED``) fails the matrix, so
a new page is covered as soon as it is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.access.world import World

Data = Callable[[World, str], dict[str, Any]]

# Third-party or framework patterns the matrix does not walk, with the reason.
EXCLUDED = {
    "admin/": "Django's admin: staff only, its own permission checks",
    "i18n/": "Django's set_language: sets a cookie, reads no data",
    "jsi18n": "Django's JavaScript catalogue: translations only",
    "__debug__/": "development toolbar, never installed in production",
    "static/": "collected static files, public by design",
}


@dataclass(frozen=True)
class Case:
    """One way to request a URL name (a name may have several)."""

    # The object the URL addresses, by kind; None for a page without one.
    kind: str | None = None
    kwargs: Callable[[Any], dict[str, Any]] = lambda obj: {"pk": obj.pk}
    # The query string; a callable receives the object (for ``?after=<pk>``).
    query: str | Callable[[Any], str] = ""
    # Kinds whose markers the page must show to users who see them.
    lists: tuple[str, ...] = ()
    # The object's own marker shows on its page (detail pages).
    shows: bool = False
    # Anonymous users may open it (the login page).
    public: bool = False
    # HTTP method and data of the write attempt; None: a read-only URL.
    write: str | None = None
    data: Data | None = None
    # Only the level above may do it (accept, evaluate, commend, publish).
    judge: bool = False
    # The write creates a row where ``data`` says (a form may refuse with 200).
    creates: bool = False
    # Sent as JSON (API) rather than form-encoded.
    api: bool = False
    # A fixed path (for patterns without a name).
    path: Callable[[World, str], str] | None = None
    # Must answer 404 to everyone, superusers included (a removed route).
    gone: bool = False
    # The object is a filter or hint in the query string: out of scope, it is
    # ignored (any answer but a server error) and never shown.
    ignores: bool = False
    label: str = ""


def pk(obj: Any) -> dict[str, Any]:
    return {"pk": obj.pk}


def no_kwargs(obj: Any) -> dict[str, Any]:
    return {}


def empty(world: World, variant: str) -> dict[str, Any]:
    return {}


def area_of(world: World, variant: str) -> Any:
    return world.areas[variant]


def obj_of(world: World, variant: str, kind: str) -> Any:
    return world.obj(variant, kind)


def page(*lists: str, query: str = "", label: str = "", **kw: Any) -> Case:
    return Case(lists=lists, query=query, label=label or query, **kw)


def detail(kind: str, **kw: Any) -> Case:
    kw.setdefault("shows", True)
    return Case(kind=kind, **kw)


def action(kind: str, data: Data = empty, *, method: str = "post", **kw: Any) -> Case:
    return Case(kind=kind, write=method, data=data, **kw)


def api_action(kind: str, data: Data = empty, **kw: Any) -> Case:
    return Case(kind=kind, write="post", data=data, api=True, **kw)


# --- write data ---------------------------------------------------------------------


def document_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "area": area_of(world, variant).pk,
        "symbol_text": "77-KH/ĐU",
        "issued_on": "2025-09-01",
        "title": "Kế hoạch mới",
        "kind": "",
        "status": "in_force",
        "issuer_body": obj_of(world, variant, "body").pk,
    }


def issue_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "area": area_of(world, variant).pk,
        "body": obj_of(world, variant, "body").pk,
        "kind": "ke_hoach",
        "title": "Kế hoạch mới",
        "issued_on": "2025-09-01",
    }


def term_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "body": obj_of(world, variant, "body").pk,
        "name": "khóa mới",
        "starts_on": "2030-10-01",
    }


def meeting_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "convening_body": obj_of(world, variant, "body").pk,
        "kind": "giao_ban",
        "title": "Giao ban mới",
        "held_on": "2025-11-05",
        "period_type": "month",
        "period_year": 2025,
        "period_number": 10,
    }


def task_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "title": "Việc mới",
        "owner_body": obj_of(world, variant, "body").pk,
        "meeting": obj_of(world, variant, "meeting").pk,
    }


def initiative_data(world: World, variant: str) -> dict[str, Any]:
    from danvan.initiatives.models import Field

    return {
        "area": area_of(world, variant).pk,
        "name": "Mô hình mới",
        "field": Field.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "year": 2025,
    }


def ingest_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "area": area_of(world, variant).pk,
        "text": "Xã tổ chức hội nghị dân vận mới.",
        "title": "Bài mới",
    }


def village_data(world: World, variant: str) -> dict[str, Any]:
    return {"name": "Thôn Mới", "kind": "thon"}


def meeting_from_text(world: World, variant: str) -> dict[str, Any]:
    return {
        "body": obj_of(world, variant, "body").pk,
        "held_on": "2025-10-03",
        "title": "Giao ban công tác dân vận",
    }


def plan_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "area": area_of(world, variant).pk,
        "body": obj_of(world, variant, "body").pk,
        "symbol_text": "91-KH/ĐU",
        "issued_on": "2025-09-02",
        "title": "Kế hoạch mới",
        "kind": "ke_hoach",
        "starts_year": 2025,
        "mostly_from": "90",
    }


def plan_edit_data(world: World, variant: str) -> dict[str, Any]:
    return {"starts_year": 2025, "ends_year": 2026, "mostly_from": "85"}


def target_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "group": obj_of(world, variant, "plangroup").pk,
        "name": "Chỉ tiêu mới",
        "target_value": "5",
        "direction": "higher",
    }


def plan_task_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "group": obj_of(world, variant, "plangroup").pk,
        "title": "Việc mới",
        "owner_body": obj_of(world, variant, "body").pk,
    }


def progress_data(world: World, variant: str) -> dict[str, Any]:
    return {"period_type": "year", "period_year": 2025, "achieved": "7"}


def text(field: str, value: str = "Sửa") -> Data:
    return lambda world, variant: {field: value}


def relation_delete_kwargs(relation: Any) -> dict[str, Any]:
    return {"pk": relation.source_id, "relation_pk": relation.pk}


def review_kwargs(point: Any) -> dict[str, Any]:
    return {"pk": point.document_id, "point_pk": point.pk}


def attachment_kwargs(attachment: Any) -> dict[str, Any]:
    return {"pk": attachment.document_id, "attachment_pk": attachment.pk}


def token(batch: Any) -> dict[str, Any]:
    return {"token": batch.token}


def notice(obj: Any) -> dict[str, Any]:
    return {"pk": obj.pk, "kind": "notice"}


def first(obj: Any) -> dict[str, Any]:
    return {"pk": obj.pk, "index": 0}


def in_area(area: Any) -> str:
    return f"?area={area.pk}"


def for_body(body: Any) -> str:
    return f"?body={body.pk}"


def filter_by(kind: str, query: Callable[[Any], str], **kw: Any) -> Case:
    """A list narrowed to an object of ``kind``: out of scope, ignored or 404."""
    return Case(kind=kind, kwargs=no_kwargs, query=query, ignores=True, **kw)


def form_of(submission: Any) -> dict[str, Any]:
    return {"pk": submission.form_id}


def period_of(submission: Any) -> str:
    return f"?period={submission.period_id}"


def period_xlsx(submission: Any) -> str:
    return f"?period={submission.period_id}&format=xlsx"


def indicator_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "code": "PV_MOI",
        "name": "Chỉ số mới",
        "value_type": "integer",
        "aggregation": "sum",
        "active": "on",
    }


def dashboard_chart(kind: str) -> str:
    """A chart of the area dashboard: the world's forms' dialogues."""
    from danvan.datasets.models import Indicator

    key = Indicator.objects.get(code="DT_SO_CUOC").pk
    return f"chart={kind}-{key}&indicator={key}"


def report_form_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "code": f"pv-moi-{variant}",
        "name": "Biểu mẫu mới",
        "period_type": "quarter",
        "owner_body": obj_of(world, variant, "body").pk,
        "area": area_of(world, variant).pk,
        "reporter_level": "commune",
        "reporter_kinds": ["party_committee"],
        "cutoff_day": 15,
        "deadline_days": 5,
        "approval": "above",
        "active": "on",
    }


def item_data(world: World, variant: str) -> dict[str, Any]:
    from danvan.datasets.models import Indicator

    return {"indicator": Indicator.objects.get(code="TAO_HON").pk}


def rule_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "name": "Quy tắc mới",
        "left": "DT_SO_CUOC",
        "operator": ">=",
        "right": "0",
        "severity": "warning",
    }


def section_kwargs(section: Any) -> dict[str, Any]:
    return {"pk": section.form_id, "section_pk": section.pk}


def item_kwargs(item: Any) -> dict[str, Any]:
    return {"pk": item.form_id, "item_pk": item.pk}


def rule_kwargs(rule: Any) -> dict[str, Any]:
    return {"pk": rule.form_id, "rule_pk": rule.pk}


def indicator_path(
    suffix: str = "", *, api: bool = False
) -> Callable[[World, str], str]:
    """A seeded indicator's page (the catalogue: the same for every variant)."""

    def where(world: World, variant: str) -> str:
        from danvan.datasets.models import Indicator

        pk = Indicator.objects.get(code="DVK_MH_DANG_KY").pk
        return (
            f"/api/v1/indicators/{pk}/" if api else f"/figures/indicators/{pk}/{suffix}"
        )

    return where


def catalogue_form(variant: str, *, api: bool = False) -> Case:
    """The ``variant``'s form, which every signed-in user reads."""

    def where(world: World, _variant: str) -> str:
        form = world.obj(variant, "form")
        return f"/api/v1/forms/{form.pk}/" if api else form.get_absolute_url()

    return Case(path=where, api=api, label=f"{variant} form")


def catalogue_report_type(variant: str, *, api: bool = False) -> Case:
    """The ``variant``'s report type, which every signed-in user reads."""

    def where(world: World, _variant: str) -> str:
        report_type = world.obj(variant, "reporttype")
        if api:
            return f"/api/v1/report-types/{report_type.pk}/"
        return str(report_type.get_absolute_url())

    return Case(path=where, api=api, label=f"{variant} report type")


def report_type_data(world: World, variant: str) -> dict[str, Any]:
    body = obj_of(world, variant, "body")
    return {
        "code": f"pv-bc-moi-{variant}",
        "name": "Loại báo cáo mới",
        "subject": "Kết quả công tác dân vận {period}",
        "period_type": "quarter",
        "owner_body": body.pk,
        "area": area_of(world, variant).pk,
        "reporter_level": body.area.level,
        "reporter_kinds": ["party_committee"],
        "cutoff_day": 15,
        "deadline_days": 5,
        "active": "on",
    }


def outline_data(world: World, variant: str) -> dict[str, Any]:
    return {"title": "Mục mới", "level": "1"}


def outline_kwargs(section: Any) -> dict[str, Any]:
    return {"pk": section.report_type_id, "section_pk": section.pk}


def report_section_kwargs(section: Any) -> dict[str, Any]:
    return {"pk": section.report_id, "section_pk": section.pk}


def report_section_data(world: World, variant: str) -> dict[str, Any]:
    return {"text": "<p>Sửa</p>", "version": 2}


def approve_data(world: World, variant: str) -> dict[str, Any]:
    return {"issued_on": "2025-09-20", "signer_name": "Nguyễn Văn A"}


def report_create_data(world: World, variant: str) -> dict[str, Any]:
    return {
        "report_type": obj_of(world, variant, "reporttype").pk,
        "period": "quarter:2025:3",
    }


def report_meeting_data(world: World, variant: str) -> dict[str, Any]:
    return {"meeting": obj_of(world, variant, "meeting").pk}


def entry_kwargs(submission: Any) -> dict[str, Any]:
    return {
        "form_pk": submission.form_id,
        "period_pk": submission.period_id,
        "body_pk": submission.body_id,
    }


def values_query(submission: Any) -> str:
    return (
        f"?form={submission.form_id}&period={submission.period_id}"
        f"&body={submission.body_id}"
    )


def cell_data(world: World, variant: str) -> dict[str, Any]:
    return {"v.PV_KHONG_CO.": "1"}


def values_data(world: World, variant: str) -> dict[str, Any]:
    return {"values": [{"indicator": "PV_KHONG_CO", "value": 1}]}


def completeness_query(submission: Any) -> str:
    return f"?form={submission.form_id}&period=quarter:2025:3"


def similar_query(area: Any) -> str:
    return f"?area={area.pk}&name=PV initiative"


def media_path(world: World, variant: str) -> str:
    from django.conf import settings

    return f"{settings.MEDIA_URL}{world.obj(variant, 'attachment').file.name}"


CASES: dict[str, list[Case]] = {
    "home": [page()],
    "accounts:login": [page(public=True)],
    "accounts:logout": [page(public=True)],
    # --- units
    "units:area_list": [page(), page("village", query="?q=PV")],
    "units:area_detail": [detail("village"), Case(kind="area")],
    "units:area_children": [Case(kind="area"), Case(kind="area", query="?all=1")],
    "units:village_create": [
        Case(kind="area", write="post", data=village_data, creates=True)
    ],
    "units:body_detail": [detail("body")],
    "units:person_list": [page("person"), page("person", query="?q=PV")],
    "units:person_detail": [detail("person")],
    "units:pick_areas": [
        page("village", query="?q=PV"),
        page(query="?area_q=PV&scope=edit"),
    ],
    "units:pick_bodies": [
        page("body", query="?q=PV"),
        page(query="?q=PV&used=meetings.meeting.convening_body"),
    ],
    # --- ingestion
    "ingestion:source_list": [page("source"), page("source", query="?q=PV")],
    "ingestion:ingest": [
        page(write="post", data=ingest_data, creates=True),
    ],
    # A batch shows its files' names once read; the worker does not run here.
    "ingestion:batch_detail": [detail("batch", shows=False)],
    "ingestion:source_detail": [detail("source")],
    "ingestion:source_original": [Case(kind="source")],
    # --- records
    "records:source_records": [detail("source")],
    "records:make_document": [action("source", kwargs=first)],
    # Complete data: the refusal must come from the role, not from the form.
    "records:make_meeting": [action("source", meeting_from_text)],
    "records:make_person": [action("source", kwargs=first)],
    "records:make_figure": [action("source", kwargs=first)],
    # --- documents
    "documents:list": [
        page("document"),
        page("document", query="?q=PV"),
        page("document", query="?format=xlsx"),
        filter_by("area", in_area),
        filter_by("area", lambda a: f"?area={a.pk}&format=xlsx"),
    ],
    "documents:create": [page(write="post", data=document_data, creates=True)],
    "documents:issue": [page(write="post", data=issue_data, creates=True)],
    "documents:due": [
        page(query="?months=120"),
        page(query="?months=120&format=xlsx"),
    ],
    # Issuers of the documents the user sees, named as one types.
    "documents:issuers": [page(query="?issuer=PV")],
    "documents:terms": [
        page("term"),
        page("term", query="?format=xlsx"),
        page(write="post", data=term_data, creates=True, label="add a term"),
    ],
    "documents:detail": [detail("document")],
    "documents:edit": [detail("document", write="post", data=document_data)],
    "documents:tree": [detail("document"), Case(kind="document", query="?format=xlsx")],
    "documents:relation_add": [action("document", text("kind", "implements"))],
    "documents:relation_delete": [action("relation", kwargs=relation_delete_kwargs)],
    "documents:review_add": [action("document", text("due_on", "2027-01-01"))],
    "documents:review_done": [
        action("review", text("done_on", "2025-12-01"), kwargs=review_kwargs)
    ],
    "documents:attachment_add": [action("document")],
    "documents:attachment": [Case(kind="attachment", kwargs=attachment_kwargs)],
    # --- meetings
    "meetings:list": [page("meeting"), page("meeting", query="?q=PV")],
    "meetings:export": [page("meeting")],
    "meetings:create": [
        page(),
        Case(
            kind="meeting",
            kwargs=no_kwargs,
            query=lambda m: f"?after={m.pk}",
            ignores=True,
        ),
        page(write="post", data=meeting_data, creates=True, label="post"),
    ],
    "meetings:detail": [detail("meeting")],
    "meetings:edit": [detail("meeting", write="post", data=meeting_data)],
    "meetings:conclusion_add": [action("meeting", text("text"))],
    "meetings:task_add": [action("meeting", task_data)],
    "meetings:paper_generate": [action("meeting", kwargs=notice)],
    "meetings:download": [Case(kind="paper")],
    "meetings:conclusion_delete": [action("conclusion")],
    "meetings:conclusion_task": [action("conclusion", task_data)],
    "meetings:task_list": [page("task"), page("task", query="?q=PV")],
    "meetings:task_export": [page("task")],
    "meetings:task_detail": [detail("task")],
    "meetings:task_status": [action("task", text("status", "done"))],
    "meetings:task_edit": [action("task", task_data)],
    # --- plans (the province's is read up by the communes whose plans implement it)
    "plans:list": [
        page("plan"),
        page("plan", query="?q=PV"),
        filter_by("area", in_area),
    ],
    "plans:create": [page(write="post", data=plan_data, creates=True)],
    "plans:plan_detail": [detail("plan")],
    "plans:plan_edit": [detail("plan", write="post", data=plan_edit_data)],
    "plans:group_add": [action("plan", text("name", "Nhóm mới"))],
    "plans:group_edit": [action("plangroup", text("name", "Nhóm đã sửa"))],
    "plans:target_add": [action("plan", target_data)],
    "plans:targets_export": [Case(kind="plan")],
    "plans:targets_import": [action("plan")],
    "plans:task_add": [action("plan", plan_task_data)],
    "plans:target_detail": [detail("target")],
    "plans:target_edit": [detail("target", write="post", data=target_data)],
    "plans:progress_add": [detail("target", write="post", data=progress_data)],
    "plans:evidence": [Case(kind="evidence")],
    "plans:task_detail": [detail("plantask")],
    "plans:task_status": [action("plantask", text("status", "done"))],
    "plans:task_edit": [detail("plantask", write="post", data=plan_task_data)],
    # --- initiatives ("Dân vận khéo" models)
    "initiatives:list": [
        page("initiative"),
        page("initiative", query="?q=PV"),
        filter_by("area", in_area),
    ],
    "initiatives:export": [page("initiative"), filter_by("area", in_area)],
    "initiatives:create": [page(write="post", data=initiative_data, creates=True)],
    "initiatives:similar": [
        Case(label="empty"),
        Case(
            kind="initiative",
            kwargs=no_kwargs,
            query=lambda m: f"?adopted_from={m.pk}",
            ignores=True,
        ),
        Case(kind="area", kwargs=no_kwargs, query=similar_query, ignores=True),
    ],
    "initiatives:replicated": [page()],
    "initiatives:stats_areas": [
        page(),
        page("village", query="?q=PV"),
        filter_by("area", lambda a: f"?area={a.pk}&q=PV"),
    ],
    "initiatives:review": [page(), page(query="?year=2025")],
    "initiatives:stats": [
        page(),
        page(query="?format=xlsx"),
        filter_by("area", in_area),
        filter_by("body", for_body),
        filter_by("area", lambda a: f"?area={a.pk}&format=xlsx"),
    ],
    "initiatives:import": [page(write="post", data=empty, creates=True)],
    "initiatives:import_template": [page()],
    "initiatives:import_preview": [Case(kind="import", kwargs=token)],
    "initiatives:import_confirm": [action("import", kwargs=token)],
    "initiatives:import_cancel": [action("import", kwargs=token)],
    "initiatives:attachment": [Case(kind="progress")],
    "initiatives:detail": [detail("initiative")],
    "initiatives:edit": [detail("initiative", write="post", data=text("name"))],
    "initiatives:submit": [action("initiative")],
    "initiatives:status": [action("initiative", text("status", "in_progress"))],
    "initiatives:progress": [
        detail("initiative", write="post", data=text("date", "2025-07-01"))
    ],
    "initiatives:continue": [action("initiative")],
    "initiatives:adopt": [detail("initiative", write="post", data=empty)],
    "initiatives:accept": [action("initiative", judge=True)],
    "initiatives:return": [action("initiative", text("note"), judge=True)],
    "initiatives:evaluate": [
        detail("initiative", write="post", data=empty, judge=True)
    ],
    "initiatives:commend": [detail("initiative", write="post", data=empty, judge=True)],
    "initiatives:publish": [action("initiative", judge=True)],
    # --- datasets: the catalogue (indicators and report forms), read by every
    # signed-in user; indicators changed by administrators, a form by the
    # editors of its owner body
    "datasets:index": [page()],
    "datasets:indicator_list": [
        page(),
        page(query="?q=mo hinh&value_type=integer&active=yes"),
    ],
    "datasets:indicator_detail": [Case(path=indicator_path())],
    "datasets:indicator_create": [
        page(write="post", data=indicator_data, creates=True)
    ],
    "datasets:indicator_edit": [
        Case(path=indicator_path("edit/"), write="post", data=indicator_data)
    ],
    "datasets:form_list": [page(), page(query="?q=PV&period_type=quarter")],
    "datasets:form_create": [page(write="post", data=report_form_data, creates=True)],
    "datasets:form_detail": [
        catalogue_form(variant) for variant in ("own", "sibling", "parent", "other")
    ],
    "datasets:form_edit": [Case(kind="form", write="post", data=report_form_data)],
    "datasets:section_add": [action("form", text("title", "II. Mới"))],
    "datasets:section_remove": [action("section", kwargs=section_kwargs)],
    "datasets:item_add": [action("form", item_data)],
    "datasets:item_remove": [action("item", kwargs=item_kwargs)],
    "datasets:item_move": [action("item", text("step", "up"), kwargs=item_kwargs)],
    "datasets:item_required": [
        action("item", text("required", "1"), kwargs=item_kwargs)
    ],
    "datasets:rule_add": [action("form", rule_data)],
    "datasets:rule_remove": [action("rule", kwargs=rule_kwargs)],
    # --- reports: report types and their outlines, a catalogue read by every
    # signed-in user and changed by the owner body's editors
    "reports:type_list": [page(), page(query="?q=PV&period_type=quarter")],
    "reports:type_create": [page(write="post", data=report_type_data, creates=True)],
    "reports:type_detail": [
        catalogue_report_type(variant)
        for variant in ("own", "sibling", "parent", "other")
    ],
    "reports:type_edit": [Case(kind="reporttype", write="post", data=report_type_data)],
    "reports:outline_add": [action("reporttype", outline_data)],
    "reports:outline_edit": [
        action("outlinesection", outline_data, kwargs=outline_kwargs)
    ],
    "reports:outline_remove": [action("outlinesection", kwargs=outline_kwargs)],
    "reports:outline_move": [
        action("outlinesection", text("step", "up"), kwargs=outline_kwargs)
    ],
    # --- reports: the pages of the reports (each variant's draft of quarter
    # III/2025, a section and a comment carrying the markers), their workflow
    # and their paper
    "reports:list": [
        page(),
        page(query="?tab=mine&status=draft&q=PV"),
        page(query="?tab=approve&q=PV"),
        page(query="?tab=below&q=PV&period=quarter:2025:3"),
    ],
    "reports:create": [
        page(),
        page(write="post", data=report_create_data, creates=True),
    ],
    "reports:report_detail": [detail("report")],
    "reports:redraft": [action("report")],
    "reports:subunits": [
        Case(kind="report"),
        Case(kind="report", query="?section=situation&summary=1"),
    ],
    "reports:section_save": [
        action("reportsection", report_section_data, kwargs=report_section_kwargs)
    ],
    "reports:section_history": [detail("reportsection", kwargs=report_section_kwargs)],
    "reports:section_restore": [
        action("reportsection", text("version", "1"), kwargs=report_section_kwargs)
    ],
    "reports:comment_add": [action("report", text("text", "Nhận xét mới"))],
    "reports:submit": [action("report")],
    "reports:approve": [action("report", approve_data)],
    "reports:return": [action("report", text("note"))],
    "reports:send": [action("report")],
    "reports:present": [action("report", report_meeting_data)],
    "reports:docx": [Case(kind="report")],
    "reports:pdf": [Case(kind="report")],
    "reports:annex_xlsx": [Case(kind="report")],
    # --- datasets: submissions and their approval (the communes' figures of a
    # quarter, returned with the marker as the approver's note)
    "datasets:submission_list": [
        page(),
        page(query="?tab=mine"),
        page(query="?tab=decide&q=PV"),
        page(query="?tab=mine&status=returned&q=PV"),
    ],
    "datasets:submission": [detail("submission")],
    "datasets:submission_submit": [action("submission")],
    "datasets:submission_accept": [action("submission", judge=True)],
    "datasets:submission_return": [action("submission", text("note"), judge=True)],
    "datasets:submission_unlock": [action("submission", text("note"), judge=True)],
    # Entry: the page of a body's form for a period (the returned submission
    # shows its note), one cell, the XLSX template and its import.
    "datasets:entry": [
        detail("submission", kwargs=entry_kwargs),
        Case(kind="submission", kwargs=entry_kwargs, write="post", data=cell_data),
    ],
    "datasets:entry_cell": [action("submission", cell_data)],
    "datasets:entry_xlsx": [Case(kind="submission")],
    "datasets:entry_import": [action("submission")],
    # A form is read by everyone; its completeness counts the bodies one sees.
    "datasets:completeness": [
        Case(kind="submission", kwargs=form_of, query=period_of, ignores=True),
        Case(kind="submission", kwargs=form_of, query=period_xlsx, ignores=True),
    ],
    # Sums count only the values one sees; another unit's area is ignored.
    "datasets:pivot": [
        page(),
        page(query="?format=xlsx"),
        page(query="?by=unit_period&period_type=quarter&start=01/01/2025"),
        filter_by("area", in_area),
        filter_by("area", lambda a: f"?area={a.pk}&format=xlsx&by=period"),
    ],
    # --- dashboards: sums of what one sees; another unit's area or body is
    # ignored (the reader's own unit is shown instead), never shown.
    "dashboards:area": [
        page(),
        page(query="?from=quarter:2025:1&to=quarter:2026:4&threshold=5"),
        filter_by("area", in_area),
        filter_by("body", for_body),
    ],
    "dashboards:chart_xlsx": [
        page(query="?chart=nothing"),
        filter_by("area", lambda a: f"?area={a.pk}&{dashboard_chart('units')}"),
        filter_by("body", lambda b: f"?body={b.pk}&{dashboard_chart('trend')}"),
    ],
    # --- API
    "api-root": [page(api=True)],
    "api-schema": [page(api=True)],
    # The JSON 404 of unknown API paths reads nothing.
    "api-not-found": [
        Case(path=lambda world, variant: "/api/v1/no/such/path/", public=True, api=True)
    ],
    "api-docs": [page(api=True)],
    "area-list": [page("village", query="?q=PV", api=True)],
    "area-detail": [detail("village", api=True), Case(kind="area", api=True)],
    "document-list": [
        page("document", api=True),
        page("document", query="?q=PV", api=True),
        filter_by("area", in_area, api=True),
        page(write="post", data=document_data, creates=True, api=True, label="post"),
    ],
    "document-issue": [page(write="post", data=issue_data, creates=True, api=True)],
    "document-detail": [
        detail("document", api=True),
        detail("document", write="patch", data=text("title"), api=True, label="patch"),
        detail("document", write="delete", data=empty, api=True, label="delete"),
    ],
    "initiative-list": [
        page("initiative", api=True),
        filter_by("area", in_area, api=True),
        page(write="post", data=initiative_data, creates=True, api=True, label="post"),
    ],
    "initiative-replicated": [page(api=True)],
    "initiative-similar": [
        Case(kind="area", kwargs=no_kwargs, query=similar_query, ignores=True, api=True)
    ],
    "initiative-detail": [
        detail("initiative", api=True),
        detail("initiative", write="patch", data=text("name"), api=True, label="patch"),
        detail("initiative", write="delete", data=empty, api=True, label="delete"),
    ],
    "initiative-submit": [api_action("initiative")],
    "initiative-progress": [api_action("initiative", text("date", "2025-07-01"))],
    "initiative-accept": [api_action("initiative", judge=True)],
    "initiative-return-": [api_action("initiative", text("note"), judge=True)],
    "initiative-evaluate": [api_action("initiative", judge=True)],
    "initiative-commend": [api_action("initiative", judge=True)],
    "initiative-publish": [api_action("initiative", judge=True)],
    "submission-list": [page(api=True), page(query="?waiting=1", api=True)],
    # A body's values of a form for a period, read and written in bulk.
    "data-value": [
        Case(kind="submission", kwargs=no_kwargs, query=values_query, api=True),
        Case(
            kind="submission",
            kwargs=no_kwargs,
            query=values_query,
            write="put",
            data=values_data,
            api=True,
        ),
    ],
    "submission-detail": [detail("submission", api=True)],
    "submission-submit": [api_action("submission")],
    "submission-accept": [api_action("submission", judge=True)],
    "submission-return-": [api_action("submission", text("note"), judge=True)],
    "submission-unlock": [api_action("submission", text("note"), judge=True)],
    "completeness-list": [
        Case(
            kind="submission",
            kwargs=no_kwargs,
            query=completeness_query,
            ignores=True,
            api=True,
        )
    ],
    "figure-sums-list": [
        page(api=True),
        page(query="?by=unit,period&period_type=quarter", api=True),
        filter_by("area", in_area, api=True),
    ],
    "plan-list": [page("plan", api=True), filter_by("area", in_area, api=True)],
    "plan-detail": [detail("plan", api=True)],
    "meeting-list": [
        page("meeting", api=True),
        page(write="post", data=meeting_data, creates=True, api=True, label="post"),
    ],
    "meeting-detail": [
        detail("meeting", api=True),
        detail("meeting", write="patch", data=text("title"), api=True, label="patch"),
        detail("meeting", write="delete", data=empty, api=True, label="delete"),
    ],
    "meeting-carried-forward": [Case(kind="meeting", api=True)],
    "meeting-conclusions": [api_action("meeting", text("text"))],
    "meeting-papers": [
        Case(kind="meeting", kwargs=notice, api=True),
        api_action("meeting", kwargs=notice, label="post"),
    ],
    "task-list": [
        page("task", api=True),
        filter_by("meeting", lambda m: f"?meeting={m.pk}", api=True),
        page(write="post", data=task_data, creates=True, api=True, label="post"),
    ],
    "indicator-list": [page(api=True), page(query="?q=mo hinh", api=True)],
    "indicator-detail": [Case(path=indicator_path(api=True), api=True)],
    "report-form-list": [page(api=True), page(query="?q=PV", api=True)],
    "report-form-detail": [
        catalogue_form(variant, api=True)
        for variant in ("own", "sibling", "parent", "other")
    ],
    # --- reports: the API of the reports and their workflow (each variant's
    # draft of quarter III/2025, a section and a comment)
    "report-list": [
        page("report", api=True),
        page("report", query="?q=PV&period=quarter:2025:3", api=True),
        page(query="?tab=approve", api=True),
        page(query="?tab=below", api=True),
    ],
    "report-detail": [detail("report", api=True)],
    "report-submit": [api_action("report")],
    "report-approve": [api_action("report", approve_data)],
    "report-return-": [api_action("report", text("note"))],
    "report-send": [api_action("report")],
    "report-section": [
        Case(
            kind="reportsection",
            kwargs=report_section_kwargs,
            write="patch",
            data=report_section_data,
            api=True,
        )
    ],
    "report-type-list": [page(api=True), page(query="?q=PV", api=True)],
    "report-type-detail": [
        catalogue_report_type(variant, api=True)
        for variant in ("own", "sibling", "parent", "other")
    ],
    "task-detail": [
        detail("task", api=True),
        detail("task", write="patch", data=text("status", "done"), api=True),
        detail("task", write="delete", data=empty, api=True, label="delete"),
    ],
    # --- uploads must never be served straight from MEDIA_ROOT (issue 8)
    "media": [Case(kind="attachment", path=media_path, gone=True)],
}

# Unnamed patterns, keyed by their route, that a case above covers.
ALIASES = {"^media/(?P<path>.*)$": "media"}


def _merge_apps() -> None:
    """The people's apps keep their cases in tests/access/apps/."""
    from tests.access.apps import (
        dialogues_cases,
        incidents_cases,
        petitions_cases,
        situation_cases,
    )

    for module in (situation_cases, dialogues_cases, petitions_cases, incidents_cases):
        overlap = CASES.keys() & module.CASES.keys()
        assert not overlap, overlap
        CASES.update(module.CASES)


_merge_apps()
