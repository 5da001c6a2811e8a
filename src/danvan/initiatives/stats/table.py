"""The figures as a table: rows of group, figure, number, out of, share, note.

The page shows them (numbers written the Vietnamese way) and the XLSX export
holds them as numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from danvan.initiatives.models import Classification, Commendation, Initiative, Level
from danvan.initiatives.stats.figures import ModelStats, percent


def grouped(value: int) -> str:
    """``value`` with its thousands separated as the language writes them."""
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        0,
        3,
        get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def one_decimal(value: float) -> str:
    """``value`` with one decimal, written as the language writes it."""
    return numberformat.format(value, get_format("DECIMAL_SEPARATOR"), 1)


def unit_word(level: str) -> str:
    """The plural name of a level's units ("communes"), for headings."""
    words = {
        "province": _("provinces"),
        "district": _("districts"),
        "commune": _("communes"),
        "village": _("villages"),
    }
    return words.get(level, _("sub-units"))


def scope_text(stats: ModelStats) -> str:
    if stats.period:
        return _("registered from %(start)s to %(end)s") % {
            "start": stats.period[0].strftime("%d/%m/%Y"),
            "end": stats.period[1].strftime("%d/%m/%Y"),
        } + (f" ({stats.year})" if stats.year else "")
    if stats.year:
        return _("year %(year)s") % {"year": stats.year}
    return _("all years")


def unit_name(stats: ModelStats) -> str:
    names = [n for n in (stats.area_name, stats.body_name) if n]
    return " — ".join(names) or _("Whole country")


def share_text(share: float | None) -> str:
    """A share in per cent with one decimal, or a dash when there is none."""
    return f"{one_decimal(share)}%" if share is not None else "—"


def _breakdown(
    group: str, labels: Mapping[Any, Any], counts: Mapping[str, int], registered: int
) -> list[list[Any]]:
    """Rows of one breakdown, each count a share of the models registered."""
    return [
        [
            group,
            str(labels.get(code, code)),
            count,
            registered,
            percent(count, registered),
            "",
        ]
        for code, count in counts.items()
    ]


def table_rows(stats: ModelStats, *, units: bool = True) -> list[list[Any]]:
    """The figures as rows: group, figure, number, out of, share (%), note.

    With ``units``, one row per sub-unit follows: its effective models.
    """
    registered = stats.registered
    threshold = stats.units_with_at_least_n_effective
    word = unit_word(threshold.level)
    rows: list[list[Any]] = [
        [_("Scope"), _("Unit"), unit_name(stats), "", "", ""],
        [_("Scope"), _("Time"), scope_text(stats), "", "", ""],
        [
            _("Scope"),
            _("Units in force on"),
            stats.on.strftime("%d/%m/%Y"),
            "",
            "",
            "",
        ],
        [_("Registered"), _("Models registered"), registered, "", "", ""],
        [
            _("Registered"),
            _("new"),
            stats.new,
            registered,
            percent(stats.new, registered),
            "",
        ],
        [
            _("Registered"),
            _("continuing"),
            stats.continuing,
            registered,
            percent(stats.continuing, registered),
            "",
        ],
        [
            _("Registered"),
            _("Cumulative up to this time"),
            stats.cumulative,
            "",
            "",
            "",
        ],
    ]
    for f in stats.by_field:
        rows.append(
            [
                _("By field"),
                f.name,
                f.registered,
                registered,
                percent(f.registered, registered),
                _("%(n)s effective or better") % {"n": f.effective},
            ]
        )
    rows += _breakdown(_("By level"), dict(Level.choices), stats.by_level, registered)
    classes = {**dict(Classification.choices), "unevaluated": _("not evaluated")}
    rows += _breakdown(
        _("By classification"), classes, stats.by_classification, registered
    )
    rows += _breakdown(
        _("By kind"), dict(Initiative.Kind.choices), stats.by_kind, registered
    )
    rows += [
        [
            _("Results"),
            _("Effective or exemplary"),
            stats.effective,
            registered,
            stats.effective_share,
            "",
        ],
        [
            _("Coverage"),
            _("Communes with at least one model"),
            stats.communes_with_model,
            stats.communes_total,
            stats.communes_share,
            "",
        ],
        [
            _("Coverage"),
            _("Bodies with at least one model"),
            stats.bodies_with_model,
            stats.bodies_total,
            stats.bodies_share,
            "",
        ],
        [
            _("Coverage"),
            _("%(units)s with at least %(n)s effective models")
            % {"units": word.capitalize(), "n": threshold.n},
            threshold.numerator,
            threshold.denominator,
            percent(threshold.numerator, threshold.denominator),
            "",
        ],
        [_("Resources"), _("Money mobilized (đồng)"), stats.money_vnd, "", "", ""],
        [_("Resources"), _("Working days mobilized"), stats.working_days, "", "", ""],
        [_("Resources"), _("People reached"), stats.people_reached, "", "", ""],
        [
            _("Resources"),
            _("Funds planned (đồng)"),
            stats.planned_money_vnd,
            "",
            "",
            "",
        ],
        [
            _("Resources"),
            _("Working days planned"),
            stats.planned_working_days,
            "",
            "",
            "",
        ],
        [
            _("Resources"),
            _("Socialized contributions planned (đồng)"),
            stats.socialized_vnd,
            "",
            "",
            "",
        ],
        [
            _("Recognition"),
            _("Models commended"),
            stats.commended,
            registered,
            percent(stats.commended, registered),
            "",
        ],
    ]
    rows += _breakdown(
        _("Recognition"),
        dict(Commendation.Form.choices),
        stats.commended_by_form,
        registered,
    )
    rows += [
        [
            _("Replication"),
            _("Models replicating another model"),
            stats.replications,
            registered,
            percent(stats.replications, registered),
            "",
        ],
        [
            _("Replication"),
            _("Models replicated elsewhere"),
            stats.replicated_models,
            registered,
            percent(stats.replicated_models, registered),
            "",
        ],
    ]
    group = _("Effective models by %(unit)s") % {"unit": unit_word(threshold.level)}
    for unit in threshold.units if units else ():
        rows.append(
            [
                group,
                unit.name,
                unit.effective,
                unit.registered,
                percent(unit.effective, unit.registered),
                _("at least %(n)s") % {"n": threshold.n}
                if unit.effective >= threshold.n
                else "",
            ]
        )
    return rows


def shown(row: list[Any]) -> list[str]:
    """A table row for the page: numbers grouped, shares with one decimal."""
    shown = []
    for i, cell in enumerate(row):
        if cell is None:
            shown.append("—" if i == 4 else "")
        elif isinstance(cell, int) and not isinstance(cell, bool):
            shown.append(grouped(cell))
        elif isinstance(cell, float):
            shown.append(one_decimal(cell))
        else:
            shown.append(str(cell))
    return shown


def table_headers() -> list[str]:
    """The column headings of the figures table."""
    return [
        _("Group"),
        _("Figure"),
        _("Number"),
        _("Out of"),
        _("Share (%)"),
        _("Note"),
    ]
