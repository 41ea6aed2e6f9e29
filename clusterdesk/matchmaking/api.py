"""API v1: matchmaking — profiles, offers and requests, recommendations, follow-ups and their
steps — under ``/api/v1/c/<cluster_slug>/matchmaking/``.

As on the pages: the management team reads and writes every participant's, the board reads,
a member representative reads and writes their own organisation's only (every other
participant is a 404 to them), another cluster's users get 404. Every write is one call of
``services`` with ``source="api"``. Recommendations name another cluster's participant only
when its profile is visible, with its allowed fields only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdesk.api.access import EDIT_AND_REPRESENTATIVE_ROLES, ClusterView
from clusterdesk.api.views import SOURCE, _operation, _query_parameters
from clusterdesk.lib.errors import DomainError
from clusterdesk.participants.models import Organisation

from . import services
from .api_shapes import (
    ListingSerializer,
    ListingUpdateSerializer,
    MatchSerializer,
    OutcomeSerializer,
    ProfileSerializer,
    RecommendationFilterSerializer,
    SuggestionSerializer,
)
from .models import Listing, Match, MatchOutcome, MatchProfile
from .recommendations import recommendations_for_listing, recommendations_for_organisation

TAG = "matchmaking"
READ_ERRORS = (401, 403, 404)


class MatchmakingView(ClusterView):
    write_roles = EDIT_AND_REPRESENTATIVE_ROLES

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def organisation(self, pk: int) -> Organisation:
        """A participant of the cluster the caller may speak for (404 otherwise)."""
        own = self.represented_organisation_id
        if own is not None and pk != own:
            raise Http404
        return get_object_or_404(
            Organisation.objects.for_cluster(self.cluster).select_related("cluster"), pk=pk
        )


def _profiles(view: MatchmakingView) -> QuerySet[MatchProfile]:
    rows = MatchProfile.objects.for_cluster(view.cluster).select_related("organisation")
    return view.represented_only(rows, "organisation_id")


@extend_schema_view(
    get=_operation(
        "List the participants' matchmaking profiles",
        TAG,
        {200: ProfileSerializer(many=True)},
        errors=READ_ERRORS,
    )
)
class ProfileList(MatchmakingView, generics.ListAPIView):
    serializer_class = ProfileSerializer

    def get_queryset(self) -> QuerySet[MatchProfile]:
        if self.is_schema_generation:
            return MatchProfile.objects.none()
        return _profiles(self)


@extend_schema_view(
    get=_operation(
        "Show a participant's profile", TAG, {200: ProfileSerializer}, errors=READ_ERRORS
    ),
    put=_operation(
        "Replace a participant's profile (made on first use)", TAG, {200: ProfileSerializer}
    ),
    patch=_operation("Change some of a participant's profile", TAG, {200: ProfileSerializer}),
)
class ProfileDetail(MatchmakingView, generics.GenericAPIView):
    serializer_class = ProfileSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self.organisation(kwargs["organisation_id"])
        profile = get_object_or_404(_profiles(self), organisation=organisation)
        return Response(self.get_serializer(profile).data)

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, partial=False, **kwargs)

    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, partial=True, **kwargs)

    def _save(self, request: Request, *, partial: bool, **kwargs: Any) -> Response:
        organisation = self.organisation(kwargs["organisation_id"])
        serializer = self.get_serializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        position = data.pop("organisation", {}).get("value_chain_position")
        profile = services.profile_save(
            organisation=organisation,
            actor=request.user,
            data=data,
            value_chain_position=position,
            by_representative=self.represented_organisation_id is not None,
            source=SOURCE,
        )
        organisation.refresh_from_db()
        profile.organisation = organisation
        return Response(self.get_serializer(profile).data)


def _listings(view: MatchmakingView) -> QuerySet[Listing]:
    rows = Listing.objects.for_cluster(view.cluster).select_related("profile")
    return view.represented_only(rows, "profile__organisation_id").order_by("-created_at", "-id")


@extend_schema_view(
    get=_operation(
        "List offers and requests (withdrawn and expired ones too: see active)",
        TAG,
        {200: ListingSerializer(many=True)},
        errors=READ_ERRORS,
    ),
    post=_operation("Add an offer or request", TAG, {201: ListingSerializer}),
)
class ListingList(MatchmakingView, generics.ListAPIView):
    serializer_class = ListingSerializer

    def get_queryset(self) -> QuerySet[Listing]:
        if self.is_schema_generation:
            return Listing.objects.none()
        rows = _listings(self)
        organisation = self.request.query_params.get("organisation")
        if organisation and organisation.isdigit():
            rows = rows.filter(profile__organisation_id=int(organisation))
        return rows

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organisation = self.organisation(data.pop("profile")["organisation_id"])
        profile = MatchProfile.objects.filter(organisation=organisation).first()
        if profile is None:
            profile = services.profile_save(
                organisation=organisation, actor=request.user, data={}, source=SOURCE
            )
        listing = services.listing_create(
            profile=profile, actor=request.user, data=data, source=SOURCE
        )
        return Response(self.get_serializer(listing).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=_operation("Show an offer or request", TAG, {200: ListingSerializer}, errors=READ_ERRORS),
    put=_operation("Replace an offer or request", TAG, {200: ListingSerializer}),
    patch=_operation("Change some of an offer or request", TAG, {200: ListingSerializer}),
)
class ListingDetail(MatchmakingView, generics.RetrieveUpdateAPIView):
    serializer_class = ListingUpdateSerializer

    def get_queryset(self) -> QuerySet[Listing]:
        if self.is_schema_generation:
            return Listing.objects.none()
        return _listings(self)

    def perform_update(self, serializer: ListingUpdateSerializer) -> None:  # type: ignore[override]
        serializer.instance = services.listing_update(
            listing=serializer.instance,
            actor=self.request.user,
            data=dict(serializer.validated_data),
            source=SOURCE,
        )


class ListingWithdraw(MatchmakingView):
    serializer_class = ListingSerializer

    @_operation("Withdraw an offer or request now (kept as history)", TAG, {200: ListingSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        listing = get_object_or_404(_listings(self), pk=kwargs["pk"])
        listing = services.listing_withdraw(listing=listing, actor=request.user, source=SOURCE)
        return Response(self.get_serializer(listing).data)


class OrganisationRecommendations(MatchmakingView):
    serializer_class = SuggestionSerializer

    @_operation(
        "Recommend partners for a participant, with the reasons in words",
        TAG,
        {200: SuggestionSerializer(many=True)},
        errors=(400, 401, 403, 404),
        parameters=[RecommendationFilterSerializer],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self.organisation(kwargs["pk"])
        filters = _query_parameters(RecommendationFilterSerializer, request)
        suggestions = recommendations_for_organisation(
            cluster=self.cluster, organisation=organisation, **filters
        )
        return Response(SuggestionSerializer(suggestions, many=True).data)


class ListingRecommendations(MatchmakingView):
    serializer_class = SuggestionSerializer

    @_operation(
        "Recommend partners for one offer or request, with the reasons in words",
        TAG,
        {200: SuggestionSerializer(many=True)},
        errors=(400, 401, 403, 404),
        parameters=[RecommendationFilterSerializer],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        listing = get_object_or_404(_listings(self), pk=kwargs["pk"])
        filters = _query_parameters(RecommendationFilterSerializer, request)
        suggestions = recommendations_for_listing(cluster=self.cluster, listing=listing, **filters)
        return Response(SuggestionSerializer(suggestions, many=True).data)


def _matches(view: MatchmakingView) -> QuerySet[Match]:
    rows = (
        Match.objects.for_cluster(view.cluster)
        .select_related("partner__cluster", "partner__match_profile")
        .prefetch_related(
            Prefetch("outcomes", queryset=MatchOutcome.objects.order_by("-date", "-id"))
        )
        .order_by("-updated_at", "-id")
    )
    own = view.represented_organisation_id
    if own is not None:
        rows = rows.filter(Q(organisation_id=own) | Q(partner_id=own))
    return rows


@extend_schema_view(
    get=_operation(
        "List the follow-ups", TAG, {200: MatchSerializer(many=True)}, errors=READ_ERRORS
    ),
    post=_operation("Follow up a pair of participants", TAG, {201: MatchSerializer}),
)
class MatchList(MatchmakingView, generics.ListAPIView):
    serializer_class = MatchSerializer

    def get_queryset(self) -> QuerySet[Match]:
        if self.is_schema_generation:
            return Match.objects.none()
        rows = _matches(self)
        stage = self.request.query_params.get("stage")
        return rows.filter(stage=stage) if stage else rows

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = self.organisation(data["organisation_id"])
        partner = (
            Organisation.objects.select_related("cluster").filter(pk=data["partner_id"]).first()
        )
        if partner is None:
            raise DomainError(_("Choose a partner among the recommendations."), field="partner")

        def listing(pk: int | None) -> Listing | None:
            return Listing.objects.select_related("profile").filter(pk=pk).first() if pk else None

        match = services.match_create(
            cluster=self.cluster,
            actor=request.user,
            organisation=organisation,
            partner=partner,
            listing=listing(data.get("listing_id")),
            partner_listing=listing(data.get("partner_listing_id")),
            source=SOURCE,
        )
        match = _matches(self).get(pk=match.pk)
        return Response(self.get_serializer(match).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=_operation(
        "Show a follow-up with its steps", TAG, {200: MatchSerializer}, errors=READ_ERRORS
    )
)
class MatchDetail(MatchmakingView, generics.RetrieveAPIView):
    serializer_class = MatchSerializer

    def get_queryset(self) -> QuerySet[Match]:
        if self.is_schema_generation:
            return Match.objects.none()
        return _matches(self)


@extend_schema_view(
    get=_operation(
        "List a follow-up's steps", TAG, {200: OutcomeSerializer(many=True)}, errors=READ_ERRORS
    ),
    post=_operation("Record a step of a follow-up", TAG, {201: OutcomeSerializer}),
)
class OutcomeList(MatchmakingView, generics.ListAPIView):
    serializer_class = OutcomeSerializer

    def match(self) -> Match:
        return get_object_or_404(_matches(self), pk=self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[MatchOutcome]:
        if self.is_schema_generation:
            return MatchOutcome.objects.none()
        return self.match().outcomes.order_by("-date", "-id")

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        match = self.match()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = services.outcome_record(
            match=match, actor=request.user, data=serializer.validated_data, source=SOURCE
        )
        return Response(self.get_serializer(outcome).data, status=status.HTTP_201_CREATED)
