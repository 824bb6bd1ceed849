from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "eslabon.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from eslabon.accounts import two_factor

        user_logged_in.connect(two_factor.on_login, dispatch_uid="eslabon_two_factor_on_login")
        checks.register(two_factor.check_required_roles)
