"""Writes of the document register: registering, numbering, relations, reviews.

Numbering (domain guide §2.2): a Party document's number runs per type across
the issuing committee's term, congress to congress; a State document's per type
from 01 each calendar year. ``sequence_for`` names the sequence of a document
as a key; the database refuses a second document with the same key and number.
"""

from danvan.documents.services.attachments import attach_bytes, attach_file
from danvan.documents.services.base import (
    OWN_TYPE_CODES,
    PARTY,
    PARTY_BODY_KINDS,
    STATE,
    VIETNAMESE_NAMES,
    Kind,
    coerce_kind,
    is_party_body,
    kind_of_symbol,
)
from danvan.documents.services.numbering import (
    Proposal,
    issue_document,
    propose_number,
)
from danvan.documents.services.register import register_document, update_document
from danvan.documents.services.relations import relate_documents, unrelate_documents
from danvan.documents.services.reviews import add_review_point, complete_review_point
from danvan.documents.services.terms import add_term, sequence_for, term_for

__all__ = [
    "OWN_TYPE_CODES",
    "PARTY",
    "PARTY_BODY_KINDS",
    "STATE",
    "VIETNAMESE_NAMES",
    "Kind",
    "Proposal",
    "add_review_point",
    "add_term",
    "attach_bytes",
    "attach_file",
    "coerce_kind",
    "complete_review_point",
    "is_party_body",
    "issue_document",
    "kind_of_symbol",
    "propose_number",
    "register_document",
    "relate_documents",
    "sequence_for",
    "term_for",
    "unrelate_documents",
    "update_document",
]
