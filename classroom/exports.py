"""CSV exports of a class: the gradebook (one row per student) and every response (one row per
answer). Written with the csv module, streamed row by row, in a fixed number of queries.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula,
and a student chooses their own display name and answers: such cells are prefixed with a quote
(OWASP's advice for CSV injection), which spreadsheets show as plain text."""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.utils import timezone
from django.utils.text import slugify

from quizzes import policy
from quizzes.models import Attempt, Response
from quizzes.selectors import NEWEST_FIRST, scores_counted

from .models import Classroom, Extension
from .selectors.access import classroom_students
from .selectors.progress import class_progress

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # Excel reads UTF-8 only with it; csv readers use encoding="utf-8-sig"


def csv_safe(value, zone=None) -> str:
    """The text of a cell, defused if a spreadsheet would read it as a formula. A date is
    written in `zone` (the class's) with its offset, so it cannot be misread."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value, zone).isoformat(timespec="seconds")
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write returns the line, for streaming with csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable], zone=None) -> Iterator[str]:
    """Streamed after the view has returned, so the class's zone is given, not read from the
    request's active zone."""
    writer = csv.writer(_Echo())
    yield BOM
    for row in rows:
        yield writer.writerow([csv_safe(cell, zone) for cell in row])


def _number(value) -> str:
    """A number as spreadsheets and scripts read it whatever the reader's language: digits,
    a point for decimals, no grouping ("1234.5"), unlike the pages (`floatformat`)."""
    return "" if value is None else f"{value.normalize():f}"


def assignment_label(assignment, zone=None) -> str:
    return f"{assignment.lesson.title} (due {timezone.localtime(assignment.due_at, zone):%Y-%m-%d})"


def status_text(progress) -> str:
    words = [str(progress.status)]
    if progress.late:
        words.append("late")
    if progress.overdue:
        words.append("overdue")
    if progress.needs_scoring:
        words.append("needs scoring")
    if progress.extended:
        words.append("extension")
    if progress.regraded:
        words.append("regraded")
    return "; ".join(words)


def gradebook_rows(*, classroom: Classroom, now: datetime | None = None) -> Iterator[list]:
    """Header, then one row per student: for each assignment the points, the points possible
    and the status (e.g. "submitted; late"), then the class's time zone, in which the due
    dates of the header are written. Points are empty until a quiz is submitted."""
    data = class_progress(classroom=classroom, now=now)
    header = ["username", "display_name"]
    for assignment in data.assignments:
        label = assignment_label(assignment, classroom.zone)
        header += [f"{label}: points", f"{label}: out of", f"{label}: status"]
    yield [*header, "time_zone"]
    for student in data.students:
        row = [student.username, student.display_name]
        for assignment in data.assignments:
            progress = data.cell(student, assignment)
            row += [_number(progress.points), _number(progress.possible), status_text(progress)]
        yield [*row, classroom.zone.key]


RESPONSE_HEADER = [
    "username",
    "display_name",
    "assignment_id",
    "lesson",
    "attempt_kind",
    "attempt_number",
    "attempt_status",
    "started_at",
    "submitted_at",
    "time_zone",  # the class's: started_at and submitted_at are written in it, with its offset
    "late",
    "question",
    "question_version",
    "question_type",
    "response",
    "points_earned",
    "points_possible",
    "score_origin",
    "scored_by",
    "score_reason",
]


ATTEMPT_ORDER = ("assignment__due_at", "assignment_id", "student_id", "kind", "number", "id")


def _by_attempt(prefix: str) -> list[str]:
    return [f"{prefix}{field}" for field in ATTEMPT_ORDER]


def responses_rows(*, classroom: Classroom) -> Iterator[list]:
    """Header, then one row per saved answer of every student of the class on its
    assignments (quiz attempts and lesson work), with the score that counts for it (the
    newest that is not a formative check) and who gave it.

    Six queries, streamed: the attempts, then their answers and their scores, both in the
    attempts' order, merged here attempt by attempt (a correlated subquery per answer for the
    newest score took 20 seconds for 200,000 answers on PostgreSQL)."""
    students = {s.pk: s for s in classroom_students(classroom=classroom)}
    assignments = {a.pk: a for a in classroom.assignments.select_related("lesson")}
    extensions = {
        (extension.assignment_id, extension.student_id): extension
        for extension in Extension.objects.filter(assignment__classroom=classroom).only(
            "assignment_id", "student_id", "due_at", "extra_minutes"
        )
    }
    attempts = {
        row[0]: row
        for row in Attempt.objects.filter(assignment__classroom=classroom)
        .order_by(*ATTEMPT_ORDER)
        .values_list(
            "id",
            "student_id",
            "assignment_id",
            "kind",
            "number",
            "status",
            "started_at",
            "submitted_at",
        )
    }
    position = {attempt_id: index for index, attempt_id in enumerate(attempts)}
    answers = (
        Response.objects.filter(attempt__assignment__classroom=classroom)
        .order_by(
            *_by_attempt("attempt__"),
            "question__step__position",
            "question__position",
            "question_id",
        )
        .values_list(
            "attempt_id",
            "question_id",
            "question__key",
            "question__version",
            "question__type",
            "data",
        )
        .iterator(chunk_size=2000)
    )
    scores = (
        scores_counted()
        .filter(attempt__assignment__classroom=classroom)
        .order_by(*_by_attempt("attempt__"), NEWEST_FIRST)
        .values_list(
            "attempt_id",
            "question_id",
            "points_earned",
            "points_possible",
            "origin",
            "created_by__username",
            "reason",
        )
        .iterator(chunk_size=2000)
    )
    yield RESPONSE_HEADER
    pending = next(scores, None)
    current_attempt, newest = None, {}
    for attempt_id, question_id, key, version, qtype, data in answers:
        if attempt_id not in position:
            continue  # started after the export began
        if attempt_id != current_attempt:
            # Gather this attempt's scores (newest first), skipping those of attempts before it.
            current_attempt, newest = attempt_id, {}
            while pending is not None and position.get(pending[0], -1) < position[attempt_id]:
                pending = next(scores, None)
            while pending is not None and pending[0] == attempt_id:
                newest.setdefault(pending[1], pending)
                pending = next(scores, None)
        _id, student_id, assignment_id, kind, number, status, started_at, submitted_at = attempts[
            attempt_id
        ]
        student = students.get(student_id)
        if student is None:
            continue  # removed from the class: their work is kept, not exported
        assignment = assignments[assignment_id]
        due = policy.student_window(
            assignment=assignment, extension=extensions.get((assignment_id, student_id))
        ).due_at
        late = kind == Attempt.Kind.QUIZ and submitted_at is not None and submitted_at > due
        score = newest.get(question_id)
        points, possible, origin, scored_by, reason = score[2:] if score else (None,) * 5
        yield [
            student.username,
            student.display_name,
            assignment_id,
            assignment.lesson.slug,
            kind,
            number,
            status,
            started_at,
            submitted_at,
            classroom.zone.key,
            "yes" if late else "no",
            key,
            version,
            qtype,
            json.dumps(data, ensure_ascii=False, sort_keys=True),
            _number(points),
            _number(possible),
            origin or "",
            scored_by or "",
            reason or "",
        ]


def filename(classroom: Classroom, what: str, now: datetime | None = None) -> str:
    day = timezone.localtime(now or timezone.now(), classroom.zone).date().isoformat()
    return f"{slugify(classroom.name) or 'class'}-{what}-{day}.csv"
