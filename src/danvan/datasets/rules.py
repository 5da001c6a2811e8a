"""Validation rules between the indicators of a form (DHIS2's validation rules).

A rule compares two sides, each a sum of indicator codes and numbers:
``TEST_MH_HQ <= TEST_MH_DK``, ``DOI_THOAI + 5 >= 0``, ``TL_HOAN_THANH <= 100``.
A side is read by a small parser (never ``eval``): terms joined by ``+`` and
``-``, a term being a code (letters, digits and ``_``, starting with a letter;
read upper-case) or a number typed the Vietnamese way (``1,5``, ``2.943``).

Rules are evaluated on the totals of a submission (the breakdown options are
not read): a rule none of whose indicators has a value is skipped, and a
missing value counts as 0. Implicit checks of one value (a percent at most
100, a whole number) belong to ``services.values.parse_value``, not here.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from danvan.common.numbers import NumberError, format_number, parse_number
from danvan.datasets.exceptions import DatasetError
from danvan.datasets.models import DataValue, ValidationRule

if TYPE_CHECKING:
    from danvan.datasets.models import ReportForm, Submission

Term = tuple[int, str | Decimal]

# A term: a code, or a number with its groups and decimal comma.
_TOKEN = re.compile(
    r"\s*(?:(?P<sign>[+\-\u2212])|(?P<code>[A-Za-z_][A-Za-z0-9_]*)|(?P<number>\d[\d.,]*))\s*"
)
MAX_TERMS = 50

COMPARE: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ValidationRule.Operator.LE: operator.le,
    ValidationRule.Operator.LT: operator.lt,
    ValidationRule.Operator.EQ: operator.eq,
    ValidationRule.Operator.GE: operator.ge,
    ValidationRule.Operator.GT: operator.gt,
}


def parse_side(text: str) -> list[Term]:
    """The terms of one side: ``[(sign, code or number), …]``.

    ``"MH_HQ + MH_DK - 12"`` is ``[(1, "MH_HQ"), (1, "MH_DK"), (-1, Decimal(12))]``.
    Raise ``DatasetError`` (in Vietnamese, naming what is wrong) on bad text.
    """
    source = (text or "").strip()
    if not source:
        raise DatasetError(_("A side of the rule is empty."))
    terms: list[Term] = []
    sign = 1
    pending_sign = False  # a sign was read and waits for its term
    position = 0
    while position < len(source):
        found = _TOKEN.match(source, position)
        if found is None or found.end() == position:
            raise DatasetError(
                _(
                    "“%(text)s” cannot be read at “%(rest)s”: write codes and "
                    "numbers joined by + and -."
                )
                % {"text": source, "rest": source[position:][:20]}
            )
        position = found.end()
        if found["sign"]:
            if pending_sign:
                raise DatasetError(
                    _("“%(text)s” has two signs in a row.") % {"text": source}
                )
            pending_sign = True
            sign = -1 if found["sign"] in "-\u2212" else 1
            continue
        if terms and not pending_sign:
            raise DatasetError(
                _("“%(text)s” needs + or - before “%(term)s”.")
                % {"text": source, "term": found.group().strip()}
            )
        if found["code"]:
            terms.append((sign, found["code"].upper()))
        else:
            try:
                terms.append((sign, parse_number(found["number"])))
            except NumberError:
                raise DatasetError(
                    _("“%(number)s” is not a number (write 12, 1,5 or 2.943).")
                    % {"number": found["number"]}
                ) from None
        if len(terms) > MAX_TERMS:
            raise DatasetError(
                _("A side of a rule has at most %(count)d terms.")
                % {"count": MAX_TERMS}
            )
        sign = 1
        pending_sign = False
    if pending_sign:
        raise DatasetError(
            _("“%(text)s” ends with a sign: a code or a number must follow it.")
            % {"text": source}
        )
    return terms


def codes_of(*sides: Iterable[Term]) -> tuple[str, ...]:
    """The indicator codes named by the sides, each once, in order."""
    seen: dict[str, None] = {}
    for side in sides:
        for _sign, term in side:
            if isinstance(term, str):
                seen.setdefault(term, None)
    return tuple(seen)


def check_rule(
    form: ReportForm, left: str, right: str
) -> tuple[list[Term], list[Term]]:
    """Parse both sides and check that every code is an indicator of ``form``
    that adds up (a number); return the parsed sides."""
    left_terms = parse_side(left)
    right_terms = parse_side(right)
    codes = codes_of(left_terms, right_terms)
    if not codes:
        raise DatasetError(_("A rule must name at least one indicator of the form."))
    on_form = dict(
        form.items.filter(indicator__code__in=codes).values_list(
            "indicator__code", "indicator__value_type"
        )
    )
    missing = [code for code in codes if code not in on_form]
    if missing:
        raise DatasetError(
            _("Not on the form “%(form)s”: %(codes)s.")
            % {"form": form, "codes": ", ".join(missing)}
        )
    text = [code for code, kind in on_form.items() if kind == "text"]
    if text:
        raise DatasetError(
            _("Indicators of text cannot be compared: %(codes)s.")
            % {"codes": ", ".join(sorted(text))}
        )
    return left_terms, right_terms


@dataclass(frozen=True)
class Failure:
    """A rule that does not hold for a submission's values."""

    rule: ValidationRule
    left: Decimal
    right: Decimal
    message: str
    blocking: bool
    codes: tuple[str, ...]


def _sum(terms: list[Term], values: Mapping[str, Decimal | None]) -> Decimal:
    total = Decimal(0)
    for sign, term in terms:
        if isinstance(term, str):
            total += sign * (values.get(term) or Decimal(0))
        else:
            total += sign * term
    return total


def _evaluate(
    rules: Iterable[ValidationRule], values: Mapping[str, Decimal | None]
) -> list[Failure]:
    failures = []
    for rule in rules:
        try:
            left_terms = parse_side(rule.left)
            right_terms = parse_side(rule.right)
        except DatasetError:
            continue  # rules are checked when added; an old bad one is skipped
        codes = codes_of(left_terms, right_terms)
        if not any(values.get(code) is not None for code in codes):
            continue
        left = _sum(left_terms, values)
        right = _sum(right_terms, values)
        compare = COMPARE.get(rule.operator)
        if compare is None or compare(left, right):
            continue
        detail = _("%(left)s = %(left_value)s, %(right)s = %(right_value)s") % {
            "left": rule.left,
            "left_value": format_number(left),
            "right": rule.right,
            "right_value": format_number(right),
        }
        failures.append(
            Failure(
                rule=rule,
                left=left,
                right=right,
                message=f"{rule.message or rule.name} ({detail})",
                blocking=rule.severity == ValidationRule.Severity.BLOCKING,
                codes=codes,
            )
        )
    return failures


def evaluate(form: ReportForm, values: Mapping[str, Decimal | None]) -> list[Failure]:
    """The rules of ``form`` that ``values`` (totals keyed by indicator code)
    break, in the rules' order (one query for the rules, none if prefetched)."""
    return _evaluate(form.rules.all(), values)


def evaluate_submission(submission: Submission) -> list[Failure]:
    """The rules of the submission's form its saved totals break (two queries)."""
    rules = list(ValidationRule.objects.filter(form_id=submission.form_id))
    if not rules:
        return []
    values = dict(
        DataValue.objects.filter(submission=submission, option="").values_list(
            "indicator__code", "number"
        )
    )
    return _evaluate(rules, values)
