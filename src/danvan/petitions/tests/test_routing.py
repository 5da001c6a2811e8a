"""Routing: the most specific active rule, else the commune's committee."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.common.actors import system_actor
from danvan.petitions import routing, services
from danvan.petitions.models import Kind
from danvan.petitions.tests.factories import RoutingRuleFactory, committee
from danvan.situation.tests.factories import TopicFactory
from danvan.units.models import Area, Body
from danvan.units.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 10, 5)


def test_without_a_rule_the_communes_peoples_committee(tree: dict[str, Area]) -> None:
    party = committee(tree["commune"], Body.Kind.PARTY_COMMITTEE)
    # The Party committee handles it while the commune has no People's
    # Committee recorded…
    assert routing.route(tree["commune"], Kind.COMPLAINT, None, ON) == party
    people = committee(tree["commune"])
    # … then the People's Committee, for the commune and its villages.
    assert routing.route(tree["commune"], Kind.COMPLAINT, None, ON) == people
    assert routing.route(tree["village"], Kind.FEEDBACK, None, ON) == people
    # A place with no committee at all: nobody.
    assert routing.route(tree["sibling"], Kind.COMPLAINT, None, ON) is None


def test_a_body_not_in_force_is_not_routed_to(tree: dict[str, Area]) -> None:
    BodyFactory.create(
        area=tree["commune"],
        kind=Body.Kind.PEOPLES_COMMITTEE,
        name="Ủy ban nhân dân xã (đã giải thể)",
        valid_to=dt.date(2025, 6, 30),
    )
    assert routing.route(tree["commune"], Kind.COMPLAINT, None, ON) is None


def test_the_most_specific_rule_wins(tree: dict[str, Area]) -> None:
    land = TopicFactory.create(code="land", name="Đất đai")
    religion = TopicFactory.create(code="religion", name="Tôn giáo")
    inspectorate = BodyFactory.create(
        area=tree["province"], kind=Body.Kind.STATE_AGENCY, name="Thanh tra tỉnh"
    )
    land_office = BodyFactory.create(
        area=tree["province"],
        kind=Body.Kind.STATE_AGENCY,
        name="Sở Nông nghiệp và Môi trường",
    )
    police = BodyFactory.create(
        area=tree["commune"], kind=Body.Kind.POLICE, name="Công an xã Trạm Tấu"
    )
    front = BodyFactory.create(area=tree["commune"], name="Mặt trận xã Trạm Tấu")
    people = committee(tree["commune"])
    # The province: denunciations to its inspectorate, land to its office.
    RoutingRuleFactory.create(
        area=tree["province"], kind=Kind.DENUNCIATION, body=inspectorate
    )
    RoutingRuleFactory.create(area=tree["province"], topic=land, body=land_office)
    # The commune: every petition to the Front, a denunciation to the police,
    # a religious denunciation too (the topic under the kind).
    RoutingRuleFactory.create(area=tree["commune"], body=front)
    RoutingRuleFactory.create(area=tree["commune"], kind=Kind.DENUNCIATION, body=police)
    RoutingRuleFactory.create(area=tree["commune"], topic=religion, body=people)

    # The deepest place first: the commune's rules beat the province's.
    assert routing.route(tree["village"], Kind.DENUNCIATION, land, ON) == police
    assert routing.route(tree["commune"], Kind.COMPLAINT, land, ON) == front
    # Then the kind before the topic.
    assert routing.route(tree["commune"], Kind.DENUNCIATION, religion, ON) == police
    assert routing.route(tree["commune"], Kind.COMPLAINT, religion, ON) == people
    # Another commune of the province: the province's rules.
    assert routing.route(tree["sibling"], Kind.DENUNCIATION, None, ON) == inspectorate
    assert routing.route(tree["sibling"], Kind.COMPLAINT, land, ON) == land_office
    assert routing.route(tree["sibling"], Kind.COMPLAINT, None, ON) is None


def test_an_inactive_rule_is_skipped(tree: dict[str, Area]) -> None:
    front = BodyFactory.create(area=tree["commune"], name="Mặt trận xã Trạm Tấu")
    people = committee(tree["commune"])
    rule = RoutingRuleFactory.create(area=tree["commune"], body=front)
    assert routing.route(tree["commune"], Kind.FEEDBACK, None, ON) == front
    services.save_routing_rule(
        actor=system_actor(),
        rule=rule,
        area=rule.area,
        body=rule.body,
        active=False,
    )
    assert routing.route(tree["commune"], Kind.FEEDBACK, None, ON) == people
    services.delete_routing_rule(actor=system_actor(), rule=rule)
    assert not rule.area.petition_routes.exists()
