"""Fixtures of the mapping API's tests: media in a temporary folder, an API client for A's
manager, and two mapped datasets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from clusterdesk.api.tests.support import token_client
from clusterdesk.conftest import Personas
from clusterdesk.mapping import samples
from clusterdesk.mapping.models import MappingDataset

from ..test_services import mapped


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def manager_api(personas: Personas) -> APIClient:
    return token_client(personas.manager_a)


@pytest.fixture
def us_states(personas: Personas, django_capture_on_commit_callbacks: Any) -> MappingDataset:
    return mapped(personas, samples.us_states_2016(), django_capture_on_commit_callbacks)


@pytest.fixture
def counties(personas: Personas, django_capture_on_commit_callbacks: Any) -> MappingDataset:
    return mapped(personas, samples.county_industries(), django_capture_on_commit_callbacks)
