"""Who may receive, handle and change petitions.

The predicates live in ``common.rules``; this module only names them:

- receiving (entering a petition on behalf of a citizen): an editor over the
  receiving body (its own body, or its area);
- handling (accepting, refusing, deciding, extending, answering, closing,
  forwarding): an editor over the handling body;
- changing the petition's data and its attachments: either of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from danvan.common import rules

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from danvan.accounts.models import User
    from danvan.petitions.models import Petition
    from danvan.units.models import Body


def may_receive(user: User | AnonymousUser, body: Body) -> bool:
    """May ``user`` enter petitions received by ``body``?"""
    return rules.may_edit(user, body)


def may_handle(user: User | AnonymousUser, petition: Petition) -> bool:
    """May ``user`` take the petition's steps (editor of the handling body)?"""
    return rules.may_edit(user, petition.handling_body)


def may_change(user: User | AnonymousUser, petition: Petition) -> bool:
    """May ``user`` correct the petition's data (the handling or the
    receiving body's editors)?"""
    return may_handle(user, petition) or rules.may_edit(user, petition.received_by)


def may_set_rules(user: User | AnonymousUser) -> bool:
    """May ``user`` add a set of legal deadlines (administrators only)?"""
    return rules.may_administer(user)
