"""Navigation flags for the base template, computed once per request from memberships."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from eslabon.registry import permissions


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "nav": {
            "is_operator": permissions.is_operator(user),
            "is_supplier": permissions.is_supplier(user),
            "is_buyer": permissions.is_buyer(user),
            "is_published_member": permissions.belongs_to_published_organization(user),
        }
    }
