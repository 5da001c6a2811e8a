"""The petitions API (``/api/v1/petitions/``), mounted by ``danvan.api`` from
``ROUTES``.

The petitions the user sees (``visible_to``), with the filters of the page
(``?q=`` accent-free, ``status``, ``kind``, ``channel``, ``area``, ``body``,
``due``, ``repeat``, ``sort``); each with its petitioners masked unless the
user may see them (``petitions.privacy``), every unmasked read logged. A POST
receives a petition through ``services.receive_petition`` (the same checks
as the intake page).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied

from danvan.common.api import ScopedRelatedField, filtered, validation_error
from danvan.common.paging import PartsPagination
from danvan.petitions import privacy, spreadsheet
from danvan.petitions.exceptions import PetitionError
from danvan.petitions.filters import PetitionFilterSet
from danvan.petitions.models import Channel, Kind, Petition
from danvan.situation.models import Topic
from danvan.units.models import Area, Body


def _areas(user: Any) -> QuerySet[Area]:
    return Area.objects.editable_by(user) if user is not None else Area.objects.none()


def _bodies(user: Any) -> QuerySet[Body]:
    return Body.objects.visible_to(user) if user is not None else Body.objects.none()


def _receiving(user: Any) -> QuerySet[Body]:
    return Body.objects.editable_by(user) if user is not None else Body.objects.none()


class PetitionerSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=150)
    id_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    representative = serializers.BooleanField(required=False, default=False)


class PetitionSerializer(serializers.ModelSerializer[Petition]):
    """A petition; ``petitioners`` masked ("Nguyễn V… A", ``•••``) for a
    reader who may not see them, ``identity_masked`` says which."""

    received_by = ScopedRelatedField(scope=_receiving)
    area = ScopedRelatedField(scope=_areas)
    handling_body = ScopedRelatedField(scope=_bodies, required=False, allow_null=True)
    topic = serializers.PrimaryKeyRelatedField(
        queryset=Topic.objects.all(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=Kind.choices)
    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, default=Channel.IN_PERSON
    )
    # Read: the petitioners as the reader may see them (``shown``, set per
    # page in one query); written: the petitioners received.
    petitioners = PetitionerSerializer(many=True, source="shown")
    identity_masked = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Petition
        fields = [
            "id",
            "url",
            "received_on",
            "channel",
            "kind",
            "status",
            "subject",
            "content",
            "act",
            "act_on",
            "crowd",
            "people",
            "area",
            "topic",
            "received_by",
            "handling_body",
            "remote",
            "complex_case",
            "rule_set",
            "extensions",
            "accepted_on",
            "decided_on",
            "second_received_on",
            "second_decided_on",
            "answered_on",
            "closed_on",
            "outcome",
            "next_due_on",
            "repeat_of",
            "past_level",
            "petitioners",
            "identity_masked",
        ]
        read_only_fields = [
            "status",
            "rule_set",
            "extensions",
            "accepted_on",
            "decided_on",
            "second_received_on",
            "second_decided_on",
            "answered_on",
            "closed_on",
            "outcome",
            "next_due_on",
            "repeat_of",
            "past_level",
        ]

    def get_identity_masked(self, petition: Petition) -> bool:
        return not getattr(petition, "unmasked", False)

    def create(self, validated_data: dict[str, Any]) -> Petition:
        from danvan.petitions import services

        data = dict(validated_data)
        data["petitioners"] = [dict(p) for p in data.pop("shown", [])]
        try:
            return services.receive_petition(actor=self.context["request"].user, **data)
        except DjangoValidationError as exc:
            raise validation_error(exc) from exc
        except PetitionError as exc:
            raise serializers.ValidationError(
                {"non_field_errors": [exc.message]}
            ) from exc
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc) or None) from exc


def _attach(user: Any, petitions: list[Petition], where: str) -> None:
    """Each petition's petitioners as ``user`` sees them; unmasked logged."""
    people = spreadsheet.petitioners_of([p.pk for p in petitions])
    seen = privacy.seen_petitions(user, petitions)
    privacy.log_views(user, sorted(seen), where)
    for p in petitions:
        p.unmasked = p.pk in seen  # type: ignore[attr-defined]
        p.shown = [  # type: ignore[attr-defined]
            privacy.shown(x, p.pk in seen) for x in people.get(p.pk, [])
        ]


class PetitionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Petition],
):
    """Petitions of the user's places and bodies; receive one (POST)."""

    serializer_class = PetitionSerializer
    pagination_class = PartsPagination

    def get_queryset(self) -> QuerySet[Petition]:
        petitions: QuerySet[Petition] = Petition.objects.visible_to(self.request.user)
        petitions = petitions.select_related("handling_body", "received_by")
        if self.action == "list":
            petitions, _filters = filtered(
                PetitionFilterSet, self.request.query_params, petitions, user=None
            )
        return petitions

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            _attach(self.request.user, page, "api")
        return page

    def get_object(self) -> Petition:
        petition = super().get_object()
        _attach(self.request.user, [petition], "api")
        return petition

    def perform_create(self, serializer: Any) -> None:
        petition = serializer.save()
        _attach(self.request.user, [petition], "api")


# (prefix, viewset, basename) for ``danvan.api``'s router.
ROUTES: list[tuple[str, Any, str]] = [("petitions", PetitionViewSet, "petition")]
