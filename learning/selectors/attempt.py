"""A quiz attempt as the student takes it (the result page: `learning.selectors.result`)."""

from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from functools import cache

from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.models import User
from classroom.models import Assignment, Classroom
from core import rows
from core.sql import prepared_cursor
from learning import take_html
from learning.selectors.step import reading_level_chosen
from learning.translations import ReaderTranslation, items_translated
from lessons.models import Lesson, ReadingLevel
from lessons.selectors import lesson_references_html
from quizzes import policy, selectors
from quizzes.controls import controls_render
from quizzes.models import Attempt, Quiz
from quizzes.selectors import Item

# A deadline this close is shown as a countdown even without a time limit (the assignment closes).
COUNTDOWN_WITHOUT_LIMIT = timedelta(hours=2)


@dataclass
class TakeItem(Item):
    """An item of the quiz page with its words and address made in Python: per item, a
    template tag costs more than the string it makes."""

    heading: str = ""
    points_label: str = ""
    save_url: str = ""


@dataclass
class TakePage:
    attempt: Attempt
    items: list[TakeItem]
    references_html: str  # the lesson's reference list, drawn (lessons.selectors)
    remaining_seconds: int | None  # the server's count: the browser's countdown starts from it
    timed: bool
    answered: int
    has_errors: bool = False

    @property
    def all_answered(self) -> bool:
        return self.answered == len(self.items)

    @property
    def items_html(self) -> str:
        return take_html.items_html(self.items)

    @property
    def unanswered_html(self) -> str:
        return take_html.unanswered_html(self.items)


# The quiz page's read, the most frequent page of all: `attempt_get_for_student(reading_level=
# True)` written as SQL (core.rows), as composing it with the ORM (four joins, a subquery)
# cost ten times more than running it: the same columns, instances and 404.
_TAKE = """
SELECT {a}, {l}, {qz}, {asg}, {c}, (
           SELECT w.reading_level FROM {attempts} w
           WHERE w.student_id = a.student_id AND w.assignment_id = a.assignment_id
             AND w.kind = %s
           ORDER BY w.number DESC LIMIT 1)
FROM {attempts} a
JOIN {lessons} l ON l.id = a.lesson_id
LEFT JOIN {quizzes} qz ON qz.lesson_id = l.id
LEFT JOIN {assignments} asg ON asg.id = a.assignment_id
LEFT JOIN {classrooms} c ON c.id = asg.classroom_id
WHERE a.id = %s AND a.student_id = %s
"""


@cache
def _take_query(vendor: str) -> tuple[tuple, str]:
    """`_TAKE`'s models and columns, and its SQL for the database (`vendor`), made once."""
    parts = {
        "a": (Attempt, rows.fields_of(Attempt)),
        "l": (Lesson, rows.fields_of(Lesson, skip=selectors.LESSON_CONTENT)),
        "qz": (Quiz, rows.fields_of(Quiz)),
        "asg": (Assignment, rows.fields_of(Assignment)),
        "c": (Classroom, rows.fields_of(Classroom)),
    }
    sql = _TAKE.format(
        **{alias: rows.columns(alias, fields) for alias, (_model, fields) in parts.items()},
        attempts=Attempt._meta.db_table,
        lessons=Lesson._meta.db_table,
        quizzes=Quiz._meta.db_table,
        assignments=Assignment._meta.db_table,
        classrooms=Classroom._meta.db_table,
    )
    return tuple(parts.values()), sql


def attempt_get_for_taking(*, student: User, pk: int) -> Attempt:
    """The quiz page's attempt, as `quizzes.selectors.attempt_get_for_student(reading_level=
    True)` gives it (with its lesson and quiz, assignment and class, and `work_level`), in
    one SQL query (`_TAKE`); 404 if it is not the student's."""
    if not rows.is_row_id(pk):
        raise Http404("No such attempt.")  # not an id the table can hold
    parts, sql = _take_query(connection.vendor)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [Attempt.Kind.LESSON, pk, student.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such attempt.")
    attempt, lesson, quiz, assignment, classroom = rows.instances(row, parts)
    attempt.work_level = row[-1]
    lesson.quiz = quiz
    attempt.lesson = lesson
    if assignment is not None:
        assignment.classroom = classroom
    attempt.assignment = assignment
    return attempt


def attempt_take_page(
    *,
    attempt: Attempt,
    translation: ReaderTranslation | None = None,
    items: list[Item] | None = None,
    now: datetime | None = None,
) -> TakePage:
    """The quiz page, its questions in the reader's `translation` if it is active. `items`
    are the attempt's items as the page shows them (answers that could not be saved carry
    their error); by default as stored."""
    now = now or timezone.now()
    level = _reading_level(attempt)
    if items is None:
        items = selectors.attempt_items(attempt=attempt, level=level)
    else:
        items = [selectors.item_at_level(i, attempt=attempt, level=level) for i in items]
    remaining, timed = None, False
    if attempt.deadline is not None:
        left = attempt.deadline - now
        remaining = max(0, int(left.total_seconds()))
        limit = policy.attempt_settings(attempt).time_limit_minutes
        timed = bool(limit) or left <= COUNTDOWN_WITHOUT_LIMIT
    items = _take_items(attempt, items, level)
    if translation is not None:  # before the controls are drawn, so they are drawn once
        items = items_translated(items, translation)
    controls_render(items, disabled=False)
    return TakePage(
        attempt=attempt,
        items=items,
        references_html=lesson_references_html(lesson=attempt.lesson),
        remaining_seconds=remaining,
        timed=timed,
        answered=sum(item.response is not None for item in items),
        has_errors=any(item.error for item in items),
    )


def _take_items(attempt: Attempt, items: list[Item], level: str) -> list[TakeItem]:
    # One reverse() for the page: the autosave URLs differ only in their last segment; each
    # word translated once for the page, not once per item.
    save_base = reverse("learning:response_save", args=[attempt.pk, 0]).removesuffix("0/")
    heading = gettext("Question %(n)s")
    points_labels: dict[int, str] = {}
    names = _item_fields()
    made = []
    for item in items:
        points = item.question.points
        if points not in points_labels:
            points_labels[points] = ngettext("%(points)s point", "%(points)s points", points) % {
                "points": points
            }
        known = item.__dict__  # the fields' values, read without a getattr() each
        made.append(
            TakeItem(
                **{**{name: known[name] for name in names}, "level": level},
                heading=heading % {"n": item.number},
                points_label=points_labels[points],
                save_url=f"{save_base}{item.question.pk}/",
            )
        )
    return made


@cache
def _item_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Item))


def _reading_level(attempt: Attempt) -> str:
    """The student's reading level for the lesson: the quiz's instructions read at the level
    of the lesson's other texts. `attempt_get_for_student` reads their choice with the attempt
    (`work_level`); otherwise one query."""
    if attempt.assignment is None:
        return ReadingLevel.STANDARD
    if hasattr(attempt, "work_level"):
        chosen = attempt.work_level
    else:
        chosen = (
            Attempt.objects.filter(pk=attempt.pk)
            .annotate(level=selectors.work_level())
            .values_list("level", flat=True)
            .first()
        )
    # Not `reading_level_for` with an Attempt made to hold the choice: a model's __init__
    # cost the quiz page 30 µs.
    return reading_level_chosen(chosen, attempt.assignment)
