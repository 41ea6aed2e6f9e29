"""Every API error in one JSON shape:

{"error": {"code": "not_found", "message": "…", "fields": {"name": ["…"]}}}
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from clusterdesk.lib.errors import DomainError


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, list):
        return [str(item) for item in detail]
    if isinstance(detail, dict):
        return [f"{key}: {message}" for key, value in detail.items() for message in _flatten(value)]
    return [str(detail)]


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        fields = {exc.field: [exc.message]} if exc.field else {}
        code = (
            status.HTTP_403_FORBIDDEN
            if exc.code == "permission_denied"
            else status.HTTP_400_BAD_REQUEST
        )
        return Response(error_body(exc.code, exc.message, fields), status=code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    if isinstance(exc, exceptions.ValidationError) and isinstance(detail, dict):
        fields = {key: _flatten(value) for key, value in detail.items()}
        message = "; ".join(f"{key}: {' '.join(value)}" for key, value in fields.items())
        response.data = error_body("invalid", message, fields)
    else:
        code = getattr(exc, "default_code", "error")
        if isinstance(detail, dict) and "detail" in detail:
            message = str(detail["detail"])
            code = getattr(detail["detail"], "code", code)
        else:
            message = " ".join(_flatten(detail))
        response.data = error_body(str(code), message)
    return response
