"""The platform operator's part of excellence benchmarking: the indicator framework versions
and the reference files shared with every cluster.

Saved assessments, questionnaire answers and a cluster's own reference files are not here: the
admin is the operator's, and the operator never sees one cluster's records (SPEC, "Rules for
every capability"). Frameworks are loaded with ``manage.py framework_load`` and shared files
with ``manage.py peer_reference_import``, which check them first.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from clusterdesk.lib.errors import DomainError

from .frameworks import framework_load
from .models import FrameworkVersion, ReferenceSet


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(admin.ModelAdmin):
    list_display = ["framework_id", "version", "name", "is_active", "loaded_at", "loaded_by"]
    list_filter = ["is_active"]
    readonly_fields = [
        "framework_id",
        "version",
        "name",
        "digest",
        "text",
        "is_active",
        "loaded_at",
        "loaded_by",
    ]
    actions = ["activate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # manage.py framework_load checks a file before it is stored

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # saved assessments keep the version they used

    @admin.action(description=_("Make it the framework new assessments use"))
    def activate(self, request: HttpRequest, queryset: QuerySet[FrameworkVersion]) -> None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one framework."), messages.ERROR)
            return
        version = queryset.get()
        try:
            framework_load(text=version.text, actor=request.user, activate=True)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        self.message_user(request, _("%(name)s is now active.") % {"name": version})


@admin.register(ReferenceSet)
class SharedReferenceSetAdmin(admin.ModelAdmin):
    """Only the files shared with every cluster; a cluster's own files stay its own."""

    list_display = ["name", "source", "rows", "imported_at", "imported_by"]
    search_fields = ["name", "source"]
    fields = ["name", "source", "rows", "original_name", "imported_at", "imported_by"]
    readonly_fields = ["rows", "original_name", "imported_at", "imported_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReferenceSet]:
        return super().get_queryset(request).filter(cluster__isnull=True)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # manage.py peer_reference_import checks every row first
