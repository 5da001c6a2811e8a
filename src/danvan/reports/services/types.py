"""Report types and their outlines.

Rights: report types are a catalogue every signed-in officer reads; a type and
its outline are changed by the editors of its owner body
(``may_edit_type``). Commands and the demo act as
``common.actors.system_actor()``.

A type whose reports exist keeps changing freely: its outline is copied into
each report when the report is opened (``ReportSection``), so new reports take
the new outline and existing ones keep their sections.

Every value is checked here again (the forms check it first): a bad code, a
duplicate key, an empty title or a cut-off day out of range is a
``ReportError`` with a Vietnamese message, and nothing is saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.common.actors import is_system
from danvan.common.audit import acting_as
from danvan.common.rules import may_edit, may_view, require
from danvan.common.text import fold, normalize
from danvan.datasets.models import Indicator, ReportForm
from danvan.meetings.models import PeriodType
from danvan.reports.exceptions import ReportError
from danvan.reports.models import Layout, OutlineSection, ReportType, Source
from danvan.reports.outline import DEFAULT_OUTLINE, Part
from danvan.units.models import Area, Body

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User

# A type's code: lower-case letters, digits and "-" (bc-dan-van-quy-xa).
CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
# A section's key: lower-case letters, digits, "-" and "_" (comments and the
# draft name a section by it).
KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
INDICATOR_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,39}")
LEVELS = (1, 2)
SUBJECT_DEFAULT = str(ReportType._meta.get_field("subject").get_default())

TYPE_FIELDS = (
    "code",
    "name",
    "subject",
    "description",
    "period_type",
    "owner_body",
    "area",
    "reporter_level",
    "reporter_kinds",
    "reporter_name",
    "cutoff_day",
    "deadline_days",
    "layout",
    "signer_capacity",
    "signer_title",
    "recipients",
    "active",
)
SECTION_FIELDS = (
    "key",
    "title",
    "level",
    "fills",
    "body_kinds",
    "indicators",
    "guidance",
)


# --- rights ---------------------------------------------------------------------------


def may_edit_type(user: User | AnonymousUser, report_type: ReportType) -> bool:
    """Editors of the type's owner body (or of its area) change the type."""
    return is_system(user) or may_edit(user, report_type.owner_body)


def _require_type(actor: User, report_type: ReportType) -> None:
    require(
        may_edit_type(actor, report_type),
        _("You may not change the report type “%(type)s”.") % {"type": report_type},
    )


# --- report types ---------------------------------------------------------------------


def _type_values(values: dict[str, Any]) -> dict[str, Any]:
    values["code"] = str(values["code"]).strip().lower()
    for name in ("name", "subject", "reporter_name", "signer_capacity"):
        values[name] = normalize(str(values[name]))
    values["signer_title"] = normalize(str(values["signer_title"]))
    values["description"] = str(values["description"]).strip()
    lines = (normalize(line) for line in str(values["recipients"]).splitlines())
    values["recipients"] = "\n".join(line for line in lines if line)
    values["reporter_kinds"] = list(dict.fromkeys(values["reporter_kinds"]))
    values["layout"] = values["layout"] or ""
    return values


def _as_int(value: Any, message: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ReportError(message) from None


def _check_type(actor: User, values: dict[str, Any]) -> None:
    if not CODE.fullmatch(values["code"]):
        raise ReportError(
            _(
                "The report type's code “%(code)s” must be lower-case letters, "
                "digits and -, such as bc-dan-van-quy-xa."
            )
            % {"code": values["code"]}
        )
    if not values["name"]:
        raise ReportError(_("The report type needs a name."))
    if not values["subject"]:
        raise ReportError(_("The report type needs the subject of its paper."))
    try:
        values["subject"].format(period="quý I năm 2026")
    except (KeyError, IndexError, ValueError):
        raise ReportError(
            _("The subject may contain {period} alone between braces: “%(subject)s”.")
            % {"subject": values["subject"]}
        ) from None
    if values["period_type"] not in PeriodType.values:
        raise ReportError(_("Choose the period type of the report."))
    if values["reporter_level"] not in Area.Level.values:
        raise ReportError(_("Choose the level of the units that write the report."))
    kinds = values["reporter_kinds"]
    if not kinds or any(kind not in Body.Kind.values for kind in kinds):
        raise ReportError(_("Choose the kinds of body that write the report."))
    cutoff = _as_int(values["cutoff_day"], _("The cut-off day is between 1 and 28."))
    if not 1 <= cutoff <= 28:
        raise ReportError(_("The cut-off day is between 1 and 28."))
    values["cutoff_day"] = cutoff
    days = _as_int(
        values["deadline_days"], _("The days to report are between 0 and 90.")
    )
    if not 0 <= days <= 90:
        raise ReportError(_("The days to report are between 0 and 90."))
    values["deadline_days"] = days
    if values["layout"] not in ("", *Layout.values):
        raise ReportError(_("Choose the layout of the paper."))
    if not isinstance(values["owner_body"], Body):
        raise ReportError(_("Choose the body that issues the report type."))
    if not isinstance(values["area"], Area):
        raise ReportError(_("Choose the area whose units write the report."))
    require(
        may_edit(actor, values["owner_body"]),
        _("You may not issue report types for %(body)s.")
        % {"body": values["owner_body"]},
    )
    require(
        may_view(actor, values["area"]),
        _("You may not name %(area)s.") % {"area": values["area"]},
    )


def _check_forms(forms: Iterable[ReportForm]) -> list[ReportForm]:
    chosen = list(dict.fromkeys(forms))
    if any(not isinstance(form, ReportForm) for form in chosen):
        raise ReportError(_("Choose the figures forms among the report forms."))
    return chosen


def _code_taken(code: str, but: int | None = None) -> bool:
    found = ReportType.objects.filter(code=code)
    if but is not None:
        found = found.exclude(pk=but)
    return found.exists()


def _code_error(code: str) -> ReportError:
    return ReportError(
        _("A report type with the code “%(code)s” exists.") % {"code": code}
    )


@transaction.atomic
def create_report_type(
    *,
    actor: User,
    code: str,
    name: str,
    period_type: str,
    owner_body: Body,
    area: Area,
    reporter_level: str,
    reporter_kinds: Sequence[str],
    reporter_name: str = "",
    cutoff_day: int = 15,
    deadline_days: int = 5,
    layout: str = "",
    signer_capacity: str = "T/M BAN THƯỜNG VỤ",
    signer_title: str = "",
    recipients: str = "",
    subject: str = SUBJECT_DEFAULT,
    description: str = "",
    active: bool = True,
    forms: Iterable[ReportForm] = (),
    outline: Sequence[Part] = DEFAULT_OUTLINE,
) -> ReportType:
    """A new report type of ``owner_body``, written by the bodies of
    ``reporter_kinds`` at ``reporter_level`` under ``area``, with the sections
    of ``outline`` (the domain guide's by default)."""
    values = _type_values(
        {
            "code": code,
            "name": name,
            "subject": subject,
            "description": description,
            "period_type": period_type,
            "owner_body": owner_body,
            "area": area,
            "reporter_level": reporter_level,
            "reporter_kinds": list(reporter_kinds),
            "reporter_name": reporter_name,
            "cutoff_day": cutoff_day,
            "deadline_days": deadline_days,
            "layout": layout,
            "signer_capacity": signer_capacity,
            "signer_title": signer_title,
            "recipients": recipients,
            "active": active,
        }
    )
    _check_type(actor, values)
    chosen = _check_forms(forms)
    if _code_taken(values["code"]):
        raise _code_error(values["code"])
    sections = _outline_rows(outline)
    report_type = ReportType(**values)
    try:
        with transaction.atomic(), acting_as(actor):
            report_type.save()
    except IntegrityError:  # the same code saved meanwhile
        raise _code_error(values["code"]) from None
    with acting_as(actor):
        if chosen:
            report_type.forms.set(chosen)
        for section in sections:
            section.report_type = report_type
            section.save()
    return report_type


@transaction.atomic
def update_report_type(
    *, actor: User, report_type: ReportType, **changes: Any
) -> ReportType:
    """Change a type's settings (``TYPE_FIELDS``, and ``forms``); its reports
    already opened keep their span, deadline and sections."""
    _require_type(actor, report_type)
    unknown = set(changes) - {*TYPE_FIELDS, "forms"}
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    report_type = ReportType.objects.select_for_update().get(pk=report_type.pk)
    values = _type_values(
        {name: changes.get(name, getattr(report_type, name)) for name in TYPE_FIELDS}
    )
    _check_type(actor, values)
    chosen = _check_forms(changes["forms"]) if "forms" in changes else None
    if values["code"] != report_type.code and _code_taken(
        values["code"], report_type.pk
    ):
        raise _code_error(values["code"])
    for name, value in values.items():
        setattr(report_type, name, value)
    try:
        with transaction.atomic(), acting_as(actor):
            report_type.save()
    except IntegrityError:
        raise _code_error(values["code"]) from None
    if chosen is not None:
        with acting_as(actor):
            report_type.forms.set(chosen)
    return report_type


# --- the outline ----------------------------------------------------------------------


def key_from(title: str) -> str:
    """A section's key made from its title: "Công tác dân tộc" → cong-tac-dan-toc."""
    return slugify(fold(title))[:40].strip("-")


def _section_values(values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = normalize(str(values["title"]))
    values["key"] = str(values["key"] or "").strip().lower() or key_from(
        values["title"]
    )
    values["guidance"] = str(values["guidance"] or "").strip()
    values["level"] = _as_int(values["level"], _("A section is of level 1 or 2."))
    values["fills"] = [str(v) for v in dict.fromkeys(values["fills"] or ())]
    values["body_kinds"] = [str(v) for v in dict.fromkeys(values["body_kinds"] or ())]
    values["indicators"] = [
        str(v).strip().upper() for v in dict.fromkeys(values["indicators"] or ())
    ]
    values["indicators"] = [code for code in values["indicators"] if code]
    return values


def _check_section(values: dict[str, Any]) -> None:
    if not values["title"]:
        raise ReportError(pgettext("outline", "The section needs a title."))
    if not KEY.fullmatch(values["key"]):
        raise ReportError(
            _(
                "The section's key “%(key)s” must be lower-case letters, digits, "
                "- and _, such as dan_van_kheo."
            )
            % {"key": values["key"]}
        )
    if values["level"] not in LEVELS:
        raise ReportError(_("A section is of level 1 or 2."))
    unknown = [v for v in values["fills"] if v not in Source.values]
    if unknown:
        raise ReportError(
            _("Unknown content of a section: %(names)s.")
            % {"names": ", ".join(unknown)}
        )
    unknown = [v for v in values["body_kinds"] if v not in Body.Kind.values]
    if unknown:
        raise ReportError(
            _("Unknown kind of body: %(names)s.") % {"names": ", ".join(unknown)}
        )
    bad = [code for code in values["indicators"] if not INDICATOR_CODE.fullmatch(code)]
    if bad:
        raise ReportError(
            _("“%(code)s” is not an indicator's code (MH_HIEU_QUA).") % {"code": bad[0]}
        )


def _check_indicators(codes: list[str]) -> None:
    if not codes:
        return
    known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = [code for code in codes if code not in known]
    if missing:
        raise ReportError(
            _("No indicator has the code %(codes)s.") % {"codes": ", ".join(missing)}
        )


def _key_error(key: str) -> ReportError:
    return ReportError(
        _("The outline has a section with the key “%(key)s” already.") % {"key": key}
    )


def _outline_rows(outline: Sequence[Part]) -> list[OutlineSection]:
    """The unsaved sections of ``outline``, checked (keys once, titles set)."""
    rows = []
    keys: set[str] = set()
    for order, part in enumerate(outline, start=1):
        values = _section_values(
            {
                "key": part.key,
                "title": part.title,
                "level": part.level,
                "fills": part.fills,
                "body_kinds": part.body_kinds,
                "indicators": part.indicators,
                "guidance": part.guidance,
            }
        )
        _check_section(values)
        if values["key"] in keys:
            raise _key_error(values["key"])
        keys.add(values["key"])
        rows.append(OutlineSection(order=order, **values))
    if not rows:
        raise ReportError(_("A report type needs at least one section."))
    return rows


def _locked_type(report_type: ReportType) -> ReportType:
    """The type's row, locked: its outline changes one writer at a time."""
    return ReportType.objects.select_for_update().get(pk=report_type.pk)


@transaction.atomic
def add_outline_section(
    *,
    actor: User,
    report_type: ReportType,
    title: str,
    key: str = "",
    level: int = 1,
    fills: Sequence[str] = (),
    body_kinds: Sequence[str] = (),
    indicators: Sequence[str] = (),
    guidance: str = "",
) -> OutlineSection:
    """A section at the end of the outline (its key made from the title when
    none is given)."""
    _require_type(actor, report_type)
    values = _section_values(
        {
            "key": key,
            "title": title,
            "level": level,
            "fills": fills,
            "body_kinds": body_kinds,
            "indicators": indicators,
            "guidance": guidance,
        }
    )
    _check_section(values)
    _check_indicators(values["indicators"])
    report_type = _locked_type(report_type)
    if report_type.outline.filter(key=values["key"]).exists():
        raise _key_error(values["key"])
    last = report_type.outline.aggregate(last=Max("order"))["last"] or 0
    section = OutlineSection(report_type=report_type, order=last + 1, **values)
    with acting_as(actor):
        section.save()
    return section


@transaction.atomic
def update_outline_section(
    *, actor: User, section: OutlineSection, **changes: Any
) -> OutlineSection:
    """Change a section (``SECTION_FIELDS``); the reports opened before keep
    their own copy of it."""
    _require_type(actor, section.report_type)
    unknown = set(changes) - set(SECTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    _locked_type(section.report_type)
    section = OutlineSection.objects.select_related("report_type").get(pk=section.pk)
    values = _section_values(
        {name: changes.get(name, getattr(section, name)) for name in SECTION_FIELDS}
    )
    _check_section(values)
    if values["indicators"] != section.indicators:
        _check_indicators(values["indicators"])
    taken = (
        OutlineSection.objects.filter(
            report_type_id=section.report_type_id, key=values["key"]
        )
        .exclude(pk=section.pk)
        .exists()
    )
    if taken:
        raise _key_error(values["key"])
    for name, value in values.items():
        setattr(section, name, value)
    with acting_as(actor):
        section.save()
    return section


@transaction.atomic
def remove_outline_section(*, actor: User, section: OutlineSection) -> None:
    """Remove a section from the outline (the reports opened keep theirs);
    the last section stays."""
    report_type = section.report_type
    _require_type(actor, report_type)
    _locked_type(report_type)
    if not report_type.outline.exclude(pk=section.pk).exists():
        raise ReportError(_("A report type needs at least one section."))
    with acting_as(actor):
        section.delete()


@transaction.atomic
def move_outline_section(
    *, actor: User, section: OutlineSection, step: Literal["up", "down"]
) -> None:
    """Move a section one place up or down; the outline is numbered anew."""
    if step not in ("up", "down"):
        raise ReportError(_("A section moves up or down."))
    report_type = section.report_type
    _require_type(actor, report_type)
    _locked_type(report_type)
    rows = list(report_type.outline.order_by("order", "pk"))
    at = next(i for i, row in enumerate(rows) if row.pk == section.pk)
    to = at - 1 if step == "up" else at + 1
    if not 0 <= to < len(rows):
        return
    rows[at], rows[to] = rows[to], rows[at]
    with acting_as(actor):
        for order, row in enumerate(rows, start=1):
            if row.order != order:
                row.order = order
                row.save(update_fields=["order"])
