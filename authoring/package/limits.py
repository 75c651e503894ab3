"""The largest numbers a package may hold: what the database columns that store them and the
arithmetic of grades hold. Each is read from the field that stores it, so a column that
grows raises its limit, and a package that validates always loads and never fails a page.

(``points: 1000000`` once loaded and then broke every page showing a score: scores and an
attempt's totals are decimals of 9 digits, 3 of them after the point.)"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from authoring.package.errors import Loc
from authoring.package.findings import Findings
from authoring.package.rawtree import dicts, get
from lessons.models import Lesson
from quizzes import policy
from quizzes.models import Attempt, Question, Quiz, Score


def column_max(model: type[models.Model], name: str) -> int:
    """The largest value an integer column holds on every database Django supports (SQLite
    holds more than PostgreSQL: a package valid on a laptop must load on the server too)."""
    field = model._meta.get_field(name)
    return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()][1]


def whole_points(model: type[models.Model], name: str) -> int:
    """The largest whole number a points column holds: 999999 for 9 digits, 3 of them decimals."""
    field = model._meta.get_field(name)
    return 10 ** (field.max_digits - field.decimal_places) - 1


# An attempt's totals add up its questions' points.
TOTAL_POINTS = min(whole_points(Attempt, "points_possible"), whole_points(Attempt, "points_earned"))
POINTS = min(
    column_max(Question, "points"),
    whole_points(Score, "points_possible"),
    whole_points(Score, "points_earned"),
    TOTAL_POINTS,
)
VERSION = column_max(Lesson, "version")
ESTIMATED_MINUTES = column_max(Lesson, "estimated_minutes")
ATTEMPTS = min(column_max(Quiz, "attempts_allowed"), policy.MAX_ATTEMPTS_ALLOWED)
TIME_LIMIT_MINUTES = min(column_max(Quiz, "time_limit_minutes"), policy.MAX_TIME_LIMIT_MINUTES)

WHY_POINTS = "the most points a score can store"
WHY_TOTAL = "the most points an attempt's total can store"
WHY_COLUMN = "the largest number the database stores here"
WHY_SETTING = "the widest a teacher's assignment can choose"


def check_point_totals(raw: Any, findings: Findings) -> None:
    """The points of the quiz's items together, and of the lesson's activities together (a
    lesson's written answers are totalled in an attempt too), fit an attempt's total."""
    quiz = dicts(get(raw, "quiz", "items"))
    _check_total(findings, ("quiz", "items"), "the quiz's items", [q for _i, q in quiz])
    activities = [
        question
        for _i, step in dicts(get(raw, "steps"))
        for _j, question in dicts(step.get("activities"))
    ]
    _check_total(findings, ("steps",), "the lesson's activities", activities)


def _check_total(findings: Findings, loc: Loc, what: str, questions: list[dict]) -> None:
    points = [q.get("points", 1) for q in questions]
    if not all(isinstance(p, int) and not isinstance(p, bool) and 0 < p <= POINTS for p in points):
        return  # a wrong points value is reported on its own line by check_structure
    total = sum(points)
    if total > TOTAL_POINTS:
        findings.error(
            loc, f"{what} are worth {total} points together: at most {TOTAL_POINTS} ({WHY_TOTAL})"
        )


# Package features with no column of their own to bound them, bounded for the pages that show them.
FIGURE_BYTES = 1_000_000  # an image a phone on a school network loads in a moment
TIMELINE_TAGS = 10
GLOSSARY_NAMES = 20  # the forms of one name: a few languages, a few spellings each
