"""In-application notifications, mirrored by e-mail once the transaction commits.

E-mail goes through Django's configured backend (console in the demo); it is sent on
``transaction.on_commit`` so a rolled-back change never mails anybody.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from eslabon.hub.models import Notification, Requirement

logger = logging.getLogger(__name__)


def members_of(organization_ids: Iterable[int]) -> list[Any]:
    """Active users of the given organisations, each once."""
    return list(
        get_user_model()
        .objects.filter(memberships__organization__in=list(organization_ids), is_active=True)
        .distinct()
        .order_by("pk")
    )


def notify(
    *, recipients: Iterable[Any], subject: str, body: str, requirement: Requirement | None = None
) -> int:
    """Create one notification per recipient and e-mail each after commit."""
    users = list(recipients)
    Notification.objects.bulk_create(
        [
            Notification(recipient=user, requirement=requirement, subject=subject, body=body)
            for user in users
        ]
    )
    for user in users:
        if user.email:
            transaction.on_commit(partial(_mail, subject=subject, body=body, to=user.email))
    return len(users)


def _mail(*, subject: str, body: str, to: str) -> None:
    """Send one e-mail; a mail server failure is logged, the in-app notification stays."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except (smtplib.SMTPException, OSError):
        logger.exception("hub notification e-mail to %s failed", to)
