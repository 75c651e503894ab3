from django.apps import AppConfig


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"
    verbose_name = "Student pages"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the content-change receivers)
