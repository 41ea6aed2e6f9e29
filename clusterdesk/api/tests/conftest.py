from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from clusterdesk.conftest import Personas

from .support import token_client


@pytest.fixture
def manager_api(personas: Personas) -> APIClient:
    return token_client(personas.manager_a)
