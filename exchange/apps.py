from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exchange"
    verbose_name = "Question exchange (Moodle XML, QTI)"
