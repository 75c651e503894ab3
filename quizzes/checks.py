"""System checks of the quizzes app (`manage.py check --database default`)."""

from collections import defaultdict

from django.core import checks
from django.db import connections

from .models import Question
from .types import registry

SHOWN = 5  # questions named per missing type; the rest are counted


@checks.register(checks.Tags.database)
def missing_question_types(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """quizzes.W001: stored questions whose type is no longer registered. They show as a
    placeholder and are never graded (`quizzes.types.missing`).

    It reads the database, so, as Django's own database checks, it runs only when `databases`
    is given (`check --database`, `migrate`, the test runner), and only where the questions'
    table exists (`migrate` runs it before migrating a new database)."""
    if not databases or (app_configs is not None and Question._meta.app_config not in app_configs):
        return []
    found: dict[str, list[str]] = defaultdict(list)
    for alias in databases:
        connection = connections[alias]
        if Question._meta.db_table not in connection.introspection.table_names():
            continue
        for key, slug, question, version in (
            Question.objects.using(alias)
            .exclude(type__in=registry.keys())
            .order_by("type", "lesson__slug", "key", "version")
            .values_list("type", "lesson__slug", "key", "version")
        ):
            found[key].append(f"{slug}/{question} v{version}")
    return [
        checks.Warning(
            f"{len(names)} stored question(s) have the type {key!r}, which is not registered.",
            hint=(
                "They show as a notice and are never graded. Register the type again "
                "(type keys are stored in data: never rename one), or replace the questions: "
                + ", ".join(names[:SHOWN])
                + (f" and {len(names) - SHOWN} more." if len(names) > SHOWN else ".")
            ),
            obj=f"quizzes.Question(type={key!r})",
            id="quizzes.W001",
        )
        for key, names in sorted(found.items())
    ]
