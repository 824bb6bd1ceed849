"""Account writes: supplier sign-up and e-mail verification, one transaction each."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from eslabon.accounts.models import User
from eslabon.accounts.tokens import email_verification_token
from eslabon.domain.errors import DomainError
from eslabon.registry import services as registry_services
from eslabon.registry.models import Organization


class AccountError(DomainError):
    """An account change the rules do not allow (e.g. a used verification link)."""


def verification_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    return reverse("accounts:verify_email", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def sign_up_supplier(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    organization_fields: dict[str, Any],
    base_url: str,
) -> tuple[User, Organization]:
    """Create an inactive user and a draft supplier; mail the verification link on commit.

    The account becomes active when the address is verified; the organisation then waits
    for a programme officer's approval before it is published.
    """
    user = User(
        email=email, username=email, first_name=first_name, last_name=last_name, is_active=False
    )
    user.set_password(password)
    user.save()
    organization = registry_services.create_organization(
        admin_user=user, is_supplier=True, **organization_fields
    )
    link = base_url.rstrip("/") + verification_path(user)
    message = render_to_string(
        "accounts/email/verify.txt", {"user": user, "organization": organization, "link": link}
    )
    transaction.on_commit(
        lambda: send_mail(
            _("Confirm your e-mail address for Eslabón"),
            message,
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    )
    return user, organization


@transaction.atomic
def verify_email(*, user: User, token: str) -> User:
    """Activate the account and submit its draft organisations for approval."""
    if user.email_verified or not email_verification_token.check_token(user, token):
        raise AccountError(_("This verification link is invalid or has already been used."))
    user.email_verified = True
    user.is_active = True
    user.save(update_fields=["email_verified", "is_active"])
    for organization in Organization.objects.filter(memberships__user=user, status="draft"):
        registry_services.submit_for_review(organization=organization)
    return user


PROGRAMME_OFFICERS_GROUP = "Programme officers"
# Apps whose records programme officers maintain in the Django admin. Quotes are not
# registered in the admin at all (sealed bids, see docs/hub.md).
PROGRAMME_OFFICER_APPS = ("registry", "discovery", "readiness", "programmes", "events", "jobs")


@transaction.atomic
def grant_programme_officer_admin(*, user: User) -> None:
    """Let a programme officer use the Django admin on the registry and programme data.

    Staff status opens the admin; the group's permissions decide what it shows. Platform
    administrators (superusers) keep everything else.
    """
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=PROGRAMME_OFFICERS_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=PROGRAMME_OFFICER_APPS)
    )
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(group)
