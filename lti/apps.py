from django.apps import AppConfig


class LtiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "lti"
    verbose_name = "LTI (the school's LMS)"

    def ready(self) -> None:
        from core.personal_data import section_register

        from . import receivers  # noqa: F401  (connects the grade passback to quizzes' signal)
        from .personal_data import SECTION

        section_register(SECTION)  # the LMS rows in a person's data export and deletion
