"""Writing reported values: one cell, or many at once, all or nothing.

Every writer of values goes through here: the entry page (a cell as it is
typed, or the whole page without JavaScript), the XLSX import, the API and
figures confirmed in texts. A value is typed the Vietnamese way (``2.943`` is
two thousand nine hundred and forty-three, ``1,5`` one and a half; yes/no as
``có``/``không``), read by the indicator's value type, and refused with a
message naming the indicator when it does not fit.

A submission takes values while it is a draft or returned (submitted and
accepted ones are locked), once its period's figures have begun (the form's
cut-off), from an editor of its reporting body, while that body still reports
the form, and only for the indicators on the form now: the values of an
indicator taken off the form stay, shown apart, but cannot be written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.numbers import NumberError, format_number, parse_number
from danvan.common.rules import may_edit
from danvan.common.text import clean_input, fold, strip_controls
from danvan.datasets import periods as cutoffs
from danvan.datasets.exceptions import DatasetError, LockedError
from danvan.datasets.models import (
    DataValue,
    FormIndicator,
    Indicator,
    Submission,
    ValueType,
)
from danvan.datasets.services.submissions import check_reporter

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.ingestion.models import Source

# Room of ``DataValue.number``: 20 digits, 4 of them decimals.
MAX_NUMBER = Decimal("1e16")
DECIMALS = 4
_YES = {"co", "1"}
_NO = {"khong", "0"}


class ValuesError(DatasetError):
    """Some rows of a batch are refused: ``errors`` lists each as (index in the
    rows given, message naming the indicator); nothing was saved."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        self.errors = errors
        super().__init__(" ".join(message for _index, message in errors))


@dataclass(frozen=True)
class Change:
    """What one row would do to the submission's values."""

    item: FormIndicator
    option: str
    old: DataValue | None
    number: Decimal | None
    text: str

    @property
    def action(self) -> str:
        """``create``, ``update``, ``delete`` or ``same``."""
        empty = self.number is None and self.text == ""
        if self.old is None:
            return "same" if empty else "create"
        if empty:
            return "delete"
        if self.old.number == self.number and self.old.text == self.text:
            return "same"
        return "update"

    @property
    def option_label(self) -> str:
        """The breakdown option's name; "" for the total."""
        return option_name(self.item, self.option) or ""

    @property
    def old_text(self) -> str:
        if self.old is None:
            return ""
        return shown(self.item.indicator, self.old.number, self.old.text)

    @property
    def new_text(self) -> str:
        return shown(self.item.indicator, self.number, self.text)


def named(indicator: Indicator, option_name: str = "") -> str:
    """How a message names the cell: "“Số mô hình” (MH_DK), nữ"."""
    label = f"“{indicator.name}” ({indicator.code})"
    return f"{label}, {option_name}" if option_name else label


def shown(indicator: Indicator, number: Decimal | None, text: str = "") -> str:
    """A stored value as it is typed back: ``15.000.000``, ``1,5``, ``có``."""
    if indicator.value_type == ValueType.TEXT:
        return text
    if number is None:
        return ""
    if indicator.value_type == ValueType.BOOLEAN:
        return "có" if number else "không"
    return format_number(number)


def parse_value(indicator: Indicator, text: str) -> tuple[Decimal | None, str]:
    """The number (or text) ``text`` gives ``indicator``; empty is (None, "").

    Raises ``DatasetError`` naming the indicator when the value does not fit
    its type: a whole number of at least 0, a percent between 0 and 100, yes
    or no (``có``/``không``, ``1``/``0``), a number typed the Vietnamese way,
    or text without control characters.
    """
    kind = indicator.value_type
    raw = text or ""
    if strip_controls(raw) != raw:
        raise DatasetError(
            _("%(cell)s: the value holds control characters; type it again.")
            % {"cell": named(indicator)}
        )
    value = clean_input(raw, multiline=kind == ValueType.TEXT)
    if value == "":
        return None, ""
    if kind == ValueType.TEXT:
        return None, value
    if kind == ValueType.BOOLEAN:
        key = fold(value)
        if key in _YES:
            return Decimal(1), ""
        if key in _NO:
            return Decimal(0), ""
        raise DatasetError(
            _("%(cell)s: “%(value)s” is not yes or no; type “có” or “không”.")
            % {"cell": named(indicator), "value": value}
        )
    typed = value.rstrip("%").strip() if kind == ValueType.PERCENT else value
    try:
        number = parse_number(typed)
    except NumberError:
        raise DatasetError(
            _(
                "%(cell)s: “%(value)s” is not a number; type it the Vietnamese "
                "way, such as 2.943 or 1,5."
            )
            % {"cell": named(indicator), "value": value}
        ) from None
    if abs(number) >= MAX_NUMBER:
        raise DatasetError(
            _("%(cell)s: “%(value)s” is too large.")
            % {"cell": named(indicator), "value": value}
        )
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > DECIMALS:
        raise DatasetError(
            _("%(cell)s: “%(value)s” has more than %(n)s decimals.")
            % {"cell": named(indicator), "value": value, "n": DECIMALS}
        )
    if kind == ValueType.INTEGER and (
        number != number.to_integral_value() or number < 0
    ):
        raise DatasetError(
            _("%(cell)s: “%(value)s” is not a whole number of at least 0.")
            % {"cell": named(indicator), "value": value}
        )
    if kind == ValueType.PERCENT and not 0 <= number <= 100:
        raise DatasetError(
            _("%(cell)s: “%(value)s” is not a percent between 0 and 100.")
            % {"cell": named(indicator), "value": value}
        )
    return number, ""


# --- who may write, and when ------------------------------------------------------


def lock_message(submission: Submission) -> str:
    """Why a locked submission's values cannot change."""
    if submission.status == Submission.Status.ACCEPTED:
        return _(
            "The report has been accepted: its figures are locked. An approver "
            "must unlock it first."
        )
    return _(
        "The report has been submitted: its figures are locked until the "
        "approver returns it."
    )


def closed_reason(submission: Submission) -> str:
    """Why no one may write ``submission``'s values now; "" when open.

    Locked once submitted or accepted; closed until the period's figures
    begin (the form's cut-off).
    """
    if submission.locked:
        return lock_message(submission)
    form, period = submission.form, submission.period
    begins = cutoffs.form_cutoff(form, period)[0]
    if begins > timezone.localdate():
        return _(
            "The period %(period)s has not started yet: its figures can be "
            "entered from %(date)s."
        ) % {"period": period, "date": begins.strftime("%d/%m/%Y")}
    return ""


def check_writable(actor: User, submission: Submission) -> None:
    """Raise unless ``actor`` may write ``submission``'s values now.

    ``PermissionDenied`` out of the actor's scope; ``LockedError`` when
    submitted or accepted; ``DatasetError`` before the period's figures begin
    or when the body no longer reports the form.
    """
    body = submission.body
    if not may_edit(actor, body):
        raise PermissionDenied(
            _("You may not enter figures for %(body)s.") % {"body": body}
        )
    reason = closed_reason(submission)
    if reason:
        raise (LockedError if submission.locked else DatasetError)(reason)
    check_reporter(submission.form, submission.period, body)


def form_items(form_id: int) -> dict[str, FormIndicator]:
    """The indicators on a form now, by code, with their breakdown options."""
    items = (
        FormIndicator.objects.filter(form_id=form_id)
        .select_related("indicator__breakdown", "section")
        .prefetch_related("indicator__breakdown__options")
        .order_by("section__order", "section_id", "order", "pk")
    )
    return {item.indicator.code: item for item in items}


def option_name(item: FormIndicator, option: str) -> str | None:
    """The name of ``option`` of the item's breakdown; "" for the total;
    None when the indicator has no such option."""
    if option == "":
        return ""
    breakdown = item.indicator.breakdown
    if breakdown is None:
        return None
    for choice in breakdown.options.all():
        if choice.code == option:
            return choice.name
    return None


def _removed(submission: Submission, code: str) -> str:
    if Indicator.objects.filter(code=code).exists():
        return _(
            "%(code)s is no longer on the form “%(form)s”: the form changed. "
            "Its value is kept but cannot be changed."
        ) % {"code": code, "form": submission.form}
    return _("There is no indicator %(code)s.") % {"code": code}


def values_of(submission: Submission) -> dict[tuple[str, str], DataValue]:
    """The submission's values by (indicator code, option): one query."""
    rows = DataValue.objects.filter(submission=submission).select_related("indicator")
    return {(value.indicator.code, value.option): value for value in rows}


def check_rows(
    submission: Submission,
    rows: Sequence[tuple[str, str, str]],
    *,
    items: dict[str, FormIndicator] | None = None,
    existing: dict[tuple[str, str], DataValue] | None = None,
) -> list[Change]:
    """What ``rows`` (indicator code, option, typed text) would change.

    Raises ``ValuesError`` listing every refused row (a code not on the form,
    an option not the indicator's, a value that does not fit, a cell given
    twice). No rights are checked here: see ``check_writable``.
    """
    if items is None:
        items = form_items(submission.form_id)
    if existing is None:
        existing = values_of(submission)
    errors: list[tuple[int, str]] = []
    changes: list[Change] = []
    seen: set[tuple[str, str]] = set()
    for index, (code, option, text) in enumerate(rows):
        item = items.get(code)
        if item is None:
            errors.append((index, _removed(submission, code)))
            continue
        if item.indicator.provider:
            if clean_input(text or "", multiline=False):
                errors.append(
                    (
                        index,
                        _(
                            "%(cell)s is counted from the registers of the "
                            "application; it is not typed."
                        )
                        % {"cell": named(item.indicator)},
                    )
                )
            continue
        name = option_name(item, option)
        if name is None:
            errors.append(
                (
                    index,
                    _("%(cell)s has no breakdown option “%(option)s”.")
                    % {"cell": named(item.indicator), "option": option},
                )
            )
            continue
        if (code, option) in seen:
            errors.append(
                (
                    index,
                    _("%(cell)s is given twice.")
                    % {"cell": named(item.indicator, name)},
                )
            )
            continue
        seen.add((code, option))
        try:
            number, value = parse_value(item.indicator, text)
        except DatasetError as error:
            message = error.message
            if name:
                message = message.replace(
                    named(item.indicator), named(item.indicator, name), 1
                )
            errors.append((index, message))
            continue
        changes.append(
            Change(item, option, existing.get((code, option)), number, value)
        )
    if errors:
        raise ValuesError(errors)
    return changes


def _apply(
    actor: User,
    submission: Submission,
    change: Change,
    *,
    comment: str | None = None,
    source: Source | None = None,
) -> DataValue | None:
    action = change.action
    old = change.old
    if action == "delete" and old is not None:
        old.delete()
        return None
    if action == "same" and comment is None and source is None:
        return old
    value = old or DataValue(
        submission=submission, indicator=change.item.indicator, option=change.option
    )
    value.number = change.number
    value.text = change.text
    if comment is not None:
        value.comment = clean_input(comment, multiline=False)[:500]
    if source is not None:
        value.source = source
    value.updated_by = actor
    value.submission = submission
    value.save()
    return value


def _seen_version(submission: Submission) -> None:
    version = submission.form.version
    if submission.form_version != version:
        submission.form_version = version
        submission.save(update_fields=["form_version", "updated_at"])


@transaction.atomic
def save_value(
    *,
    actor: User,
    submission: Submission,
    indicator: Indicator,
    option: str = "",
    text: str,
    comment: str = "",
    source: Source | None = None,
    items: dict[str, FormIndicator] | None = None,
) -> DataValue | None:
    """Save one typed value of ``submission``; empty text deletes it.

    ``source``: the text a confirmed figure came from (records); ``items``:
    the form's ``form_items`` when the caller has read them. Returns the
    value saved, or None when it was deleted (or there was none).
    """
    check_writable(actor, submission)
    if items is None:
        items = form_items(submission.form_id)
    existing = {
        (indicator.code, v.option): v
        for v in DataValue.objects.filter(
            submission=submission, indicator=indicator, option=option
        ).select_related("indicator")
    }
    changes = check_rows(
        submission, [(indicator.code, option, text)], items=items, existing=existing
    )
    with acting_as(actor):
        saved = _apply(
            actor, submission, changes[0], comment=comment or None, source=source
        )
        _seen_version(submission)
    return saved


@dataclass(frozen=True)
class Saved:
    """What a batch did: values created, updated, deleted and left as they were."""

    created: int
    updated: int
    deleted: int
    same: int


@transaction.atomic
def save_values(
    *,
    actor: User,
    submission: Submission,
    rows: Sequence[tuple[str, str, str]],
) -> Saved:
    """Save many typed values (indicator code, option, text), all or nothing.

    Every bad row is listed in one ``ValuesError`` (with its index in
    ``rows``) and nothing is saved. Saving the same rows again changes
    nothing.
    """
    check_writable(actor, submission)
    changes = check_rows(submission, rows)
    counts = {"create": 0, "update": 0, "delete": 0, "same": 0}
    with acting_as(actor):
        for change in changes:
            counts[change.action] += 1
            if change.action != "same":
                _apply(actor, submission, change)
        _seen_version(submission)
    return Saved(counts["create"], counts["update"], counts["delete"], counts["same"])
