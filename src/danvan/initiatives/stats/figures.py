"""The figures ``model_statistics`` returns: plain frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

DEFAULT_N = 10
UNEVALUATED = "unevaluated"


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, one decimal; None when ``whole`` is 0."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class FieldCount:
    """Models of one field: registered, and of those effective or better."""

    code: str
    name: str
    registered: int
    effective: int


@dataclass(frozen=True)
class UnitCount:
    """A sub-unit (district, commune, province, village) and its models."""

    id: int
    code: str
    name: str
    registered: int
    effective: int


@dataclass(frozen=True)
class Threshold:
    """How many sub-units have at least ``n`` models effective or better."""

    n: int
    level: str  # the sub-units' level: "district", "commune"… ("" when none)
    numerator: int
    denominator: int
    units: tuple[UnitCount, ...]  # every sub-unit, most effective first


@dataclass(frozen=True)
class ModelStats:
    """The statistics of the register for an area or body over a year or period.

    ``on`` is the date whose units count: the sub-units and communes in force
    that day (the end of the year or period, moved inside the area's own
    validity: a province created in 2025 is counted by its new communes even
    for 2021).
    """

    area_id: int | None
    area_code: str
    area_name: str
    body_id: int | None
    body_name: str
    year: int | None
    period: tuple[dt.date, dt.date] | None
    on: dt.date
    # Accepted registrations (drafts, pending and returned ones are not counted).
    registered: int
    new: int
    continuing: int
    by_field: tuple[FieldCount, ...]
    by_level: Mapping[str, int]  # Level value → models
    by_classification: Mapping[str, int]  # Classification value or "unevaluated"
    by_kind: Mapping[str, int]  # collective / individual
    evaluated: int
    effective: int  # latest classification "hiệu quả" or "điển hình"
    # Communes in force on ``on`` inside the area, and those with ≥ 1 model.
    communes_total: int
    communes_with_model: int
    # Bodies in force on ``on`` in the area (or the body's subtree), and those
    # that registered ≥ 1 model (themselves or a body they took over).
    bodies_total: int
    bodies_with_model: int
    units_with_at_least_n_effective: Threshold
    # Mobilized, from the progress updates.
    money_vnd: int
    working_days: int
    people_reached: int
    # Planned at registration.
    planned_money_vnd: int
    planned_working_days: int
    socialized_vnd: int
    commended: int  # models with at least one commendation
    # Models commended with each form (a model with two forms counts in both).
    commended_by_form: Mapping[str, int]
    replications: int  # models that replicate another one (adopted_from)
    replicated_models: int  # models copied by at least one registered model
    # Registered models since the start of the register up to the year or period.
    cumulative: int

    @property
    def communes_share(self) -> float | None:
        return percent(self.communes_with_model, self.communes_total)

    @property
    def bodies_share(self) -> float | None:
        return percent(self.bodies_with_model, self.bodies_total)

    @property
    def effective_share(self) -> float | None:
        return percent(self.effective, self.registered)

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready values (``danvan models stats`` prints this)."""
        threshold = self.units_with_at_least_n_effective
        return {
            "area": (
                {"id": self.area_id, "code": self.area_code, "name": self.area_name}
                if self.area_id
                else None
            ),
            "body": (
                {"id": self.body_id, "name": self.body_name} if self.body_id else None
            ),
            "year": self.year,
            "period": (
                [self.period[0].isoformat(), self.period[1].isoformat()]
                if self.period
                else None
            ),
            "on": self.on.isoformat(),
            "registered": self.registered,
            "new": self.new,
            "continuing": self.continuing,
            "registered_by_field": {f.code: f.registered for f in self.by_field},
            "fields": [asdict(f) for f in self.by_field],
            "registered_by_level": dict(self.by_level),
            "by_classification": dict(self.by_classification),
            "by_kind": dict(self.by_kind),
            "evaluated": self.evaluated,
            "effective": self.effective,
            "communes_total": self.communes_total,
            "communes_with_model": self.communes_with_model,
            "communes_share_percent": self.communes_share,
            "bodies_total": self.bodies_total,
            "bodies_with_model": self.bodies_with_model,
            "bodies_share_percent": self.bodies_share,
            "units_with_at_least_n_effective": {
                "n": threshold.n,
                "level": threshold.level,
                "numerator": threshold.numerator,
                "denominator": threshold.denominator,
                "units": [asdict(u) for u in threshold.units],
            },
            "money_vnd": self.money_vnd,
            "working_days": self.working_days,
            "people_reached": self.people_reached,
            "planned_money_vnd": self.planned_money_vnd,
            "planned_working_days": self.planned_working_days,
            "socialized_vnd": self.socialized_vnd,
            "commended": self.commended,
            "commended_by_form": dict(self.commended_by_form),
            "replications": self.replications,
            "replicated_models": self.replicated_models,
            "cumulative": self.cumulative,
        }
