from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.common.forms import CleanForm
from danvan.units.models import Area


class VillageForm(CleanForm):
    """Add a village (thôn, bản, tổ dân phố…) under a commune."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in Area.VILLAGE_KINDS],
        initial=Area.Kind.VILLAGE,
    )
    valid_from = forms.DateField(
        label=_("In force from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
