from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import checks, throttle  # noqa: F401  checks registers the system checks
        from .lockout import failure_remembered
        from .middleware import session_seen

        # Every failed login counts against its address (password spraying, accounts.throttle).
        user_login_failed.connect(throttle.login_failed, dispatch_uid="accounts.throttle")
        # Failures of a username at an address are kept LOGIN_FAILURE_MEMORY after the last.
        user_login_failed.connect(failure_remembered, dispatch_uid="accounts.lockout")
        # A session's idle clock starts at login (accounts.middleware).
        user_logged_in.connect(session_seen, dispatch_uid="accounts.session_seen")
