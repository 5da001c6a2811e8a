"""Files attached to a document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.common.audit import acting_as
from danvan.common.files import sha256_of, store_upload
from danvan.common.rules import may_edit, require
from danvan.documents.models import Attachment, Document

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from danvan.accounts.models import User


@transaction.atomic
def attach_file(
    *, actor: User, document: Document, upload: UploadedFile[Any]
) -> Attachment:
    """Keep an uploaded file of ``document`` as it is; the same file twice is one."""
    require(may_edit(actor, document), _("You may not change this document."))
    sha = sha256_of(upload)
    existing = document.attachments.filter(sha256=sha).first()
    if existing is not None:
        return existing
    attachment = Attachment(document=document, uploaded_by=actor)
    store_upload(attachment, upload, sha256=sha)
    with acting_as(actor):
        attachment.save()
    return attachment


def attach_bytes(
    *, actor: User, document: Document, name: str, content: bytes
) -> Attachment:
    """``attach_file`` for bytes produced by the program (a generated DOCX)."""
    upload = ContentFile(content, name=name)
    return attach_file(actor=actor, document=document, upload=upload)  # type: ignore[arg-type]
