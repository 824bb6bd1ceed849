"""Reminders about origin declarations, for a daily Celery beat task (tasks.py).

- ``ESLABON_DECLARATION_REMINDER_DAYS`` (30) days before an issued declaration's blanket period
  ends, its supplier's members (and the certifier's e-mail) are told to renew it, unless an
  issued renewal already follows it.
- The day after it ends, the supplier's and the customer's members are told it expired.

Each message goes out once per declaration: the send time is recorded by a conditional UPDATE
(only the run that changes the row from "not sent" sends), so re-runs and concurrent workers
send nothing twice.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eslabon.declarations.choices import DeclarationStatus
from eslabon.declarations.models import OriginDeclaration
from eslabon.hub.notifications import members_of, notify


def _mail_contacts(declaration: OriginDeclaration, subject: str, body: str, skip: set[str]) -> None:
    """E-mail the certifier and the supplier's registry contacts who are not members (members
    got the notification and its e-mail already), after commit."""
    addresses = {declaration.certifier_email} | {
        contact.email for contact in declaration.supplier.contacts.all() if contact.email
    }
    to = sorted(address for address in addresses - skip if address)
    if to:
        transaction.on_commit(
            partial(send_mail, subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=True)
        )


def _claim(declaration: OriginDeclaration, field: str, now: dt.datetime) -> bool:
    claimed = OriginDeclaration.objects.filter(pk=declaration.pk, **{f"{field}__isnull": True})
    return claimed.update(**{field: now}) == 1


def _goods(declaration: OriginDeclaration) -> str:
    return "\n".join(f"• {line.description} ({line.hs_code})" for line in declaration.lines.all())


@transaction.atomic
def send_expiry_reminders(*, today: dt.date | None = None, days: int | None = None) -> int:
    """Remind suppliers of declarations ending within ``days``; return how many were sent."""
    today = today or timezone.localdate()
    days = settings.ESLABON_DECLARATION_REMINDER_DAYS if days is None else days
    now = timezone.now()
    due = (
        OriginDeclaration.objects.issued()
        .filter(
            expiry_reminder_sent_at__isnull=True,
            period_end__gte=today,
            period_end__lte=today + dt.timedelta(days=days),
        )
        .exclude(renewals__status=DeclarationStatus.ISSUED)
        .select_related("supplier", "customer")
        .prefetch_related("lines", "supplier__contacts")
        .order_by("period_end", "pk")
    )
    sent = 0
    for declaration in due:
        if not _claim(declaration, "expiry_reminder_sent_at", now):
            continue
        subject = _("Origin declaration expires on %(date)s") % {"date": declaration.period_end}
        body = (
            _(
                "The origin declaration of %(supplier)s for %(customer)s ends on %(date)s. "
                "Renew it for the next period so the goods stay covered:"
            )
            % {
                "supplier": declaration.supplier,
                "customer": declaration.customer or _("any importer"),
                "date": declaration.period_end,
            }
            + "\n"
            + _goods(declaration)
        )
        members = members_of([declaration.supplier_id])
        notify(recipients=members, subject=subject, body=body)
        _mail_contacts(declaration, subject, body, skip={user.email for user in members})
        sent += 1
    return sent


@transaction.atomic
def send_expired_notices(*, today: dt.date | None = None) -> int:
    """Tell supplier and customer once that an issued declaration has expired."""
    today = today or timezone.localdate()
    now = timezone.now()
    expired = (
        OriginDeclaration.objects.issued()
        .filter(expired_notice_sent_at__isnull=True, period_end__lt=today)
        .select_related("supplier", "customer")
        .prefetch_related("lines")
        .order_by("period_end", "pk")
    )
    sent = 0
    for declaration in expired:
        if not _claim(declaration, "expired_notice_sent_at", now):
            continue
        subject = _("Origin declaration of %(supplier)s expired") % {
            "supplier": declaration.supplier
        }
        body = (
            _(
                "The origin declaration of %(supplier)s ended on %(date)s; its goods are no "
                "longer covered until a new declaration is issued:"
            )
            % {"supplier": declaration.supplier, "date": declaration.period_end}
            + "\n"
            + _goods(declaration)
        )
        organizations = [declaration.supplier_id]
        if declaration.customer_id:
            organizations.append(declaration.customer_id)
        notify(recipients=members_of(organizations), subject=subject, body=body)
        sent += 1
    return sent
