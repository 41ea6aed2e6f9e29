"""Which indicator framework the installation uses. The default file ships with the code and
is stored on first use; an operator loads another with ``manage.py framework_load``. Parsed
frameworks are kept in memory by digest: a file is parsed once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from clusterdesk.lib.errors import DomainError

from .engine import Framework, FrameworkError, default_framework_text, load_framework
from .models import FrameworkVersion


@lru_cache(maxsize=16)
def _parsed(digest: str, text: str) -> Framework:
    return load_framework(text)


def framework_of(version: FrameworkVersion) -> Framework:
    return _parsed(version.digest, version.text)


def active_framework_version() -> FrameworkVersion:
    """The active framework, storing the shipped default the first time none is."""
    version = FrameworkVersion.objects.filter(is_active=True).first()
    if version is not None:
        return version
    text = default_framework_text()
    framework = load_framework(text)
    try:
        with transaction.atomic():
            version, _created = FrameworkVersion.objects.get_or_create(
                digest=framework.digest,
                defaults={
                    "framework_id": framework.id,
                    "version": framework.version,
                    "name": framework.name,
                    "text": text,
                    "is_active": True,
                },
            )
            if not version.is_active:
                version.is_active = True
                version.save(update_fields=["is_active"])
    except IntegrityError:  # another process stored it at the same moment
        version = FrameworkVersion.objects.get(is_active=True)
    return version


def active_framework() -> tuple[FrameworkVersion, Framework]:
    version = active_framework_version()
    return version, framework_of(version)


def framework_load(*, text: str, actor: Any = None, activate: bool = False) -> FrameworkVersion:
    """Store a framework file (checked first; every problem reported at once) and, when asked,
    make it the one new assessments use."""
    try:
        framework = load_framework(text)
    except FrameworkError as error:
        raise DomainError(" ".join(error.problems)) from error
    existing = FrameworkVersion.objects.filter(digest=framework.digest).first()
    with transaction.atomic():
        if existing is None:
            if FrameworkVersion.objects.filter(
                framework_id=framework.id, version=framework.version
            ).exists():
                raise DomainError(
                    _(
                        "Version %(version)s of %(framework)s is already loaded with other "
                        "content: give the changed file a new version."
                    )
                    % {"version": framework.version, "framework": framework.id}
                )
            existing = FrameworkVersion.objects.create(
                framework_id=framework.id,
                version=framework.version,
                name=framework.name,
                digest=framework.digest,
                text=text,
                loaded_by=actor,
            )
        if activate and not existing.is_active:
            FrameworkVersion.objects.filter(is_active=True).update(is_active=False)
            existing.is_active = True
            existing.save(update_fields=["is_active"])
    return existing
