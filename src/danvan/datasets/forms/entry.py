"""Forms of data entry: the upload of a filled XLSX template."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.common.files import limit_note
from danvan.common.forms import CleanForm, XlsxFileField


class ImportForm(CleanForm):
    file = XlsxFileField(
        label=_("XLSX file"),
        help_text=format_lazy(
            "{} {}",
            _("The template of this report, downloaded from its entry page."),
            limit_note("import"),
        ),
    )
