"""Reads on classes, assignments and students' work, with access built in.

Every `*_for_teacher` selector returns only what belongs to the teacher's own classes and raises
Http404 otherwise: another teacher's class does not exist for them. Page-sized reads fetch plain
rows in a fixed number of queries (asserted in tests/classroom/test_query_counts.py) and compute
in Python (`classroom.progress`, `classroom.analysis`)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
)
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts.models import User
from lessons.models import Lesson, Skill, StepKind
from quizzes import policy
from quizzes.models import Attempt, Question, Response, Score
from quizzes.selectors import Item, attempt_items, public_spec_for, scores_latest
from quizzes.types import PartLabels, QuestionType, registry

from . import analysis, charts
from .deadlines import student_due_at
from .models import Assignment, AttemptReset, Classroom, Extension
from .progress import AttemptRow, Progress, Status, counted_attempts, progress_for
from .rubric import rubric_levels

# --- students' side (unchanged) --------------------------------------------------------------


def assignment_get_for_student(*, student: User, pk: int) -> Assignment:
    """An assignment of one of the student's classes, or 404."""
    assignment = (
        Assignment.objects.select_related("lesson", "classroom")
        .filter(pk=pk, classroom__memberships__student=student, classroom__archived_at=None)
        .first()
    )
    if assignment is None:
        raise Http404("No such assignment.")
    return assignment


def assignments_for_student(*, student: User) -> list[Assignment]:
    return list(
        Assignment.objects.select_related("lesson", "classroom")
        .filter(classroom__memberships__student=student, classroom__archived_at=None)
        .order_by("due_at", "id")
    )


# --- access ----------------------------------------------------------------------------------


def classrooms_for_teacher(*, teacher: User, archived: bool = False) -> list[Classroom]:
    """The teacher's classes (open ones, or archived ones), with how many students and
    assignments each has (one query)."""
    return list(
        Classroom.objects.filter(teacher=teacher, archived_at__isnull=not archived)
        .annotate(
            student_count=Count("memberships", distinct=True),
            assignment_count=Count("assignments", distinct=True),
        )
        .order_by("name", "id")
    )


def classroom_get_for_teacher(*, teacher: User, pk: int) -> Classroom:
    """One of the teacher's classes (archived too), or 404."""
    classroom = Classroom.objects.filter(pk=pk, teacher=teacher).first()
    if classroom is None:
        raise Http404("No such class.")
    return classroom


def assignment_get_for_teacher(*, classroom: Classroom, pk: int) -> Assignment:
    """An assignment of the class (already checked to be the teacher's), or 404."""
    assignment = (
        Assignment.objects.select_related("lesson", "lesson__quiz")
        .filter(pk=pk, classroom=classroom)
        .first()
    )
    if assignment is None:
        raise Http404("No such assignment.")
    assignment.classroom = classroom
    return assignment


def student_get_for_teacher(*, classroom: Classroom, pk: int) -> User:
    """A student of the class, or 404."""
    student = User.objects.filter(pk=pk, memberships__classroom=classroom).first()
    if student is None:
        raise Http404("No such student in this class.")
    return student


def attempt_get_for_teacher(*, classroom: Classroom, pk: int) -> Attempt:
    """An attempt on an assignment of the class, by a student still in it, or 404."""
    attempt = (
        Attempt.objects.select_related("lesson", "assignment", "student")
        .filter(
            pk=pk,
            assignment__classroom=classroom,
            student__memberships__classroom=classroom,
        )
        .first()
    )
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


def classroom_students(*, classroom: Classroom) -> list[User]:
    """The class's students, sorted by name as a teacher reads a register."""
    students = list(
        User.objects.filter(memberships__classroom=classroom).only(
            "id", "username", "display_name", "first_name", "last_name", "role"
        )
    )
    return sorted(students, key=student_sort_key)


def student_sort_key(student: User) -> tuple[str, str, int]:
    return (str(student).casefold(), student.username.casefold(), student.pk)


def lessons_for_teacher() -> list[Lesson]:
    """Every lesson with a quiz: lessons are shared by all teachers of the school."""
    return list(Lesson.objects.filter(quiz__isnull=False).select_related("quiz").order_by("title"))


def lesson_get_for_teacher(*, slug: str) -> Lesson:
    lesson = Lesson.objects.filter(slug=slug).first()
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson


def extensions_for_assignment(*, assignment: Assignment) -> list[Extension]:
    return sorted(
        Extension.objects.filter(
            assignment=assignment, student__memberships__classroom_id=assignment.classroom_id
        ).select_related("student"),
        key=lambda e: student_sort_key(e.student),
    )


# --- progress --------------------------------------------------------------------------------


def manual_types() -> list[str]:
    """Question types scored by the teacher, never automatically (free text)."""
    return [qt.key for qt in registry if not qt.auto_graded]


def part_label(part_id: str, expected: str | None, labels: PartLabels) -> str:
    """What a graded part is about, for the key (the item, the cell, the choice), from the
    question's public spec; empty when the expected answer already says it."""
    label = " / ".join(piece.with_sentence for piece in labels.find(part_id))
    if not label:
        return ""
    if expected and (label == expected or expected.startswith(label.split(" (")[0])):
        return ""
    return label


def labelled_parts(parts: list[dict], public_spec: dict, qtype: QuestionType) -> list[dict]:
    labels = qtype.part_labels(public_spec)
    return [
        {**part, "label": part_label(str(part.get("id", "")), part.get("expected"), labels)}
        for part in parts
    ]


def attempt_rows(attempts) -> list[AttemptRow]:
    """Quiz attempts as AttemptRow, in one query. Lateness is decided by the database
    (submitted after the later of the class's due date and the student's extension), which
    spares converting ten thousand dates in Python for a big class."""
    due = student_due_at()
    return [
        AttemptRow(*values)
        for values in attempts.annotate(
            late=ExpressionWrapper(
                Q(submitted_at__isnull=False, submitted_at__gt=due), output_field=BooleanField()
            )
        ).values_list(
            "id",
            "student_id",
            "assignment_id",
            "number",
            "status",
            "late",
            "points_earned",
            "points_possible",
            "needs_scoring",
        )
    ]


@dataclass
class ClassProgress:
    """Everything the grid and the gradebook need, in a fixed number of queries."""

    classroom: Classroom
    students: list[User]
    assignments: list[Assignment]
    progress: dict[tuple[int, int], Progress]  # (student id, assignment id)
    attempts: dict[tuple[int, int], list[AttemptRow]]

    def cell(self, student: User, assignment: Assignment) -> Progress:
        return self.progress[(student.pk, assignment.pk)]


def class_progress(*, classroom: Classroom, now: datetime | None = None) -> ClassProgress:
    """Each student's progress on each assignment of the class, in 9 queries whatever the
    number of students, assignments or attempts. Only the columns the rules need are read:
    at a thousand students and ten assignments, converting values is most of the cost."""
    now = now or timezone.now()
    students = classroom_students(classroom=classroom)
    assignments = list(classroom.assignments.select_related("lesson").order_by("due_at", "id"))
    extensions = {
        (extension.student_id, extension.assignment_id): extension
        for extension in Extension.objects.filter(assignment__classroom=classroom).only(
            "assignment_id", "student_id", "due_at", "extra_minutes"
        )
    }
    attempts: dict[tuple[int, int], list[AttemptRow]] = defaultdict(list)
    for row in attempt_rows(
        Attempt.objects.filter(assignment__classroom=classroom, kind=Attempt.Kind.QUIZ).order_by(
            "assignment_id", "student_id", "number"
        )
    ):
        attempts[(row.student_id, row.assignment_id)].append(row)
    lesson_started = set(
        Attempt.objects.filter(
            assignment__classroom=classroom, kind=Attempt.Kind.LESSON
        ).values_list("student_id", "assignment_id")
    )
    # A lesson attempt's cached totals are the sum of its newest scores that are not formative
    # checks: the teacher's scores of its written answers (quizzes.services.activity_score).
    written_points = {
        (student_id, assignment_id): points
        for student_id, assignment_id, points in Attempt.objects.filter(
            assignment__classroom=classroom, kind=Attempt.Kind.LESSON, points_possible__gt=0
        ).values_list("student_id", "assignment_id", "points_earned")
    }

    lesson_ids = {a.lesson_id for a in assignments}
    written_possible: dict[int, Decimal] = defaultdict(Decimal)
    manual_ids = []
    for qid, lesson_id, points, is_current in (
        Question.objects.filter(lesson_id__in=lesson_ids, type__in=manual_types())
        .exclude(step__kind=StepKind.QUIZ)
        .values_list("id", "lesson_id", "points", "is_current")
    ):
        manual_ids.append(qid)
        if is_current:
            written_possible[lesson_id] += Decimal(points)
    # Waiting: no score saved since the answer was last saved (none at all, or only older).
    scored_since = Score.objects.filter(
        attempt=OuterRef("attempt_id"),
        question=OuterRef("question_id"),
        created_at__gte=OuterRef("updated_at"),
    ).exclude(origin=Score.Origin.CHECK)
    written_waiting = set(
        Response.objects.filter(
            attempt__assignment__classroom=classroom,
            attempt__kind=Attempt.Kind.LESSON,
            question_id__in=manual_ids,
        )
        .filter(~Exists(scored_since))
        .values_list("attempt__student_id", "attempt__assignment_id")
    )

    progress: dict[tuple[int, int], Progress] = {}
    nothing: list = []
    student_ids = [student.pk for student in students]
    for assignment in assignments:
        possible = written_possible.get(assignment.lesson_id, Decimal(0))
        method, assignment_id = assignment.grading_method, assignment.pk
        class_due = policy.student_window(assignment=assignment).due_at
        for student_id in student_ids:
            key = (student_id, assignment_id)
            extension = extensions.get(key)
            progress[key] = progress_for(
                method=method,
                due_at=class_due
                if extension is None
                else policy.student_window(assignment=assignment, extension=extension).due_at,
                extended=extension is not None,
                quiz_attempts=attempts.get(key, nothing),
                lesson_started=key in lesson_started,
                written_points=written_points.get(key),
                written_waiting=key in written_waiting,
                written_possible=possible,
                now=now,
            )
    return ClassProgress(classroom, students, assignments, progress, dict(attempts))


class Filter:
    ALL = "all"
    LATE = "late"
    NOT_STARTED = "not_started"
    NEEDS_SCORING = "needs_scoring"

    CHOICES = (ALL, LATE, NOT_STARTED, NEEDS_SCORING)


@dataclass(slots=True)
class GridCell:
    """One cell, ready to show. Its strings are escaped here, once (they are built from a few
    translated words, numbers and a URL), so that drawing 10,000 cells does not escape them
    again one by one."""

    text: str
    note: str  # short flags: late, to score, extension
    css: str
    url: str
    highlight: bool


@dataclass
class GridRow:
    student: User
    cells: list[GridCell]


@dataclass
class GridColumn:
    assignment: Assignment
    submitted: int
    average: int | None
    analysis_url: str


@dataclass
class GridPage:
    number: int  # 0: every student on one page
    first: int
    last: int
    current: bool


@dataclass
class Grid:
    classroom: Classroom
    columns: list[GridColumn]
    rows: list[GridRow]
    filter: str
    counts: dict[str, int]  # students matching each filter
    total: int
    refreshed_at: datetime
    page: int = 1  # 0: all
    pages: list[GridPage] = field(default_factory=list)
    matching: int = 0  # students matching the filter, on every page

    @property
    def paginated(self) -> bool:
        return len(self.pages) > 1


GRID_PAGE_SIZE = 100


def progress_grid(
    *,
    classroom: Classroom,
    filter: str = Filter.ALL,
    page: int = 1,
    page_size: int = GRID_PAGE_SIZE,
    now: datetime | None = None,
) -> Grid:
    """The students-by-assignments grid, filtered to the students with at least one matching
    cell (their matching cells highlighted), a page of `page_size` students at a time in
    register order (`page=0`: all of them). Counts and class averages cover every student."""
    now = now or timezone.now()
    if filter not in Filter.CHOICES:
        filter = Filter.ALL
    data = class_progress(classroom=classroom, now=now)
    progress = data.progress
    assignments = data.assignments
    counts = dict.fromkeys(Filter.CHOICES, 0)
    submitted: dict[int, list[int | None]] = {a.pk: [] for a in assignments}
    matching = []
    assignment_ids = [a.pk for a in assignments]
    for student in data.students:
        any_late = any_not_started = any_score = False
        student_id = student.pk
        for assignment_id in assignment_ids:
            p = progress[(student_id, assignment_id)]
            any_late |= p.late or p.overdue
            any_score |= p.needs_scoring
            if p.status == Status.SUBMITTED:
                submitted[assignment_id].append(p.percent)
            elif p.status == Status.NOT_STARTED:
                any_not_started = True
        counts[Filter.LATE] += any_late
        counts[Filter.NOT_STARTED] += any_not_started
        counts[Filter.NEEDS_SCORING] += any_score
        if (
            filter == Filter.ALL
            or (filter == Filter.LATE and any_late)
            or (filter == Filter.NOT_STARTED and any_not_started)
            or (filter == Filter.NEEDS_SCORING and any_score)
        ):
            matching.append(student)
    counts[Filter.ALL] = len(data.students)

    count = max(1, -(-len(matching) // page_size))
    page = page if 0 <= page <= count else 1
    shown = matching if page == 0 else matching[(page - 1) * page_size : page * page_size]
    pages = [
        GridPage(n, (n - 1) * page_size + 1, min(n * page_size, len(matching)), n == page)
        for n in range(1, count + 1)
    ]
    if count > 1:
        pages.append(GridPage(0, 1, len(matching), page == 0))

    base = {
        a.pk: reverse("classroom:assignment_analysis", args=[classroom.pk, a.pk])
        for a in assignments
    }
    words = _grid_words()
    rows = [
        GridRow(student, _grid_cells(student, assignments, progress, base, filter, words))
        for student in shown
    ]
    columns = []
    for assignment in assignments:
        percents = [p for p in submitted[assignment.pk] if p is not None]
        columns.append(
            GridColumn(
                assignment,
                len(submitted[assignment.pk]),
                round(sum(percents) / len(percents)) if percents else None,
                base[assignment.pk],
            )
        )
    return Grid(
        classroom,
        columns,
        rows,
        filter,
        counts,
        len(data.students),
        now,
        page=page,
        pages=pages,
        matching=len(matching),
    )


def _grid_cells(student, assignments, progress, base, filter, words) -> list[GridCell]:
    cells = []
    for assignment in assignments:
        p = progress[(student.pk, assignment.pk)]
        status = p.status
        is_late = p.late or p.overdue
        if status == Status.SUBMITTED:
            percent = p.percent
            text = f"{percent}%" if percent is not None else "✓"
        else:
            text = words[status]
        notes = []
        css = f"cell-{status}"
        if is_late:
            notes.append(words["late"] if p.late else words["overdue"])
            css += " cell-late"
        if p.needs_scoring:
            notes.append(words["score"])
            css += " cell-score"
        if p.extended:
            notes.append(words["ext"])
        highlight = (
            (filter == Filter.LATE and is_late)
            or (filter == Filter.NOT_STARTED and status == Status.NOT_STARTED)
            or (filter == Filter.NEEDS_SCORING and p.needs_scoring)
        )
        if highlight:
            css += " cell-match"
        url = f"{base[assignment.pk]}students/{student.pk}/"
        cells.append(GridCell(*_built_safe(text, " · ".join(notes), css, url), highlight))
    return cells


def _built_safe(*values: str) -> list[SafeString]:
    """The grid's strings, built only from digits, words escaped in `_grid_words`, class names
    and ids in a URL: nothing left to escape, so the template engine need not try again."""
    return [SafeString(value) for value in values]


def _grid_words() -> dict[str, str]:
    return {
        Status.IN_PROGRESS: escape(_("In progress")),
        Status.NOT_STARTED: escape(_("Not started")),
        "late": escape(_("late")),
        "overdue": escape(_("overdue")),
        "score": escape(_("to score")),
        "ext": escape(_("ext.")),
    }


# --- one student's work on one assignment ---------------------------------------------------


@dataclass
class ScoredItem:
    """A question of an attempt as the teacher reviews it: answer, key, feedback, history."""

    item: Item
    history: list[Score]  # newest first, excluding formative checks
    graded: Score | None  # the newest automatic grading (it holds the key and the feedback)
    manual: bool
    rubric: list = field(default_factory=list)
    changed_since_scored: bool = False
    response_updated_at: datetime | None = None
    error: str = ""  # a refused score, shown next to the item

    @property
    def current(self) -> Score | None:
        return self.history[0] if self.history else None

    @property
    def key_parts(self) -> list[dict]:
        return (
            labelled_parts(self.graded.parts, self.item.spec, self.item.qtype)
            if self.graded
            else []
        )


@dataclass
class AttemptView:
    attempt: Attempt
    items: list[ScoredItem]
    late: bool
    time_spent: timedelta | None
    counted: bool

    @property
    def time_spent_text(self) -> str:
        if self.time_spent is None:
            return ""
        seconds = int(self.time_spent.total_seconds())
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        if hours:
            return _("%(h)d h %(m)02d min") % {"h": hours, "m": minutes}
        if minutes:
            return _("%(m)d min %(s)02d s") % {"m": minutes, "s": seconds}
        return _("%d s") % seconds


@dataclass
class StudentWork:
    classroom: Classroom
    assignment: Assignment
    student: User
    progress: Progress
    attempts: list[Attempt]  # quiz attempts, in order
    selected: AttemptView | None
    lesson_attempt: Attempt | None
    written: list[ScoredItem]
    formative: list[dict]
    extension: Extension | None
    resets: list[AttemptReset]

    @property
    def latest_attempt_id(self) -> int | None:
        return self.attempts[-1].pk if self.attempts else None

    def set_error(self, question_id: int, message: str) -> None:
        items = (self.selected.items if self.selected else []) + self.written
        for scored in items:
            if scored.item.question.pk == question_id:
                scored.error = message


def _history(attempt: Attempt) -> dict[int, list[Score]]:
    history: dict[int, list[Score]] = defaultdict(list)
    for score in (
        Score.objects.filter(attempt=attempt)
        .exclude(origin=Score.Origin.CHECK)
        .select_related("created_by")
        .order_by("question_id", "-created_at", "-id")
    ):
        history[score.question_id].append(score)
    return history


def _scored(item: Item, history: list[Score]) -> ScoredItem:
    graded = next(
        (s for s in history if s.origin in (Score.Origin.SUBMIT, Score.Origin.REGRADE)), None
    )
    return ScoredItem(
        item=item,
        history=history,
        graded=graded,
        manual=not item.qtype.auto_graded,
        rubric=rubric_levels(item.question) if not item.qtype.auto_graded else [],
    )


def student_work(
    *,
    classroom: Classroom,
    assignment: Assignment,
    student: User,
    attempt_pk: int | None = None,
    now: datetime | None = None,
) -> StudentWork:
    """The student's attempts on the assignment, one of them in full (by default the one
    that counts, else the latest), the written answers to score, and the audit records."""
    now = now or timezone.now()
    all_attempts = list(
        Attempt.objects.filter(assignment=assignment, student=student)
        .select_related("lesson", "assignment")
        .order_by("kind", "number")
    )
    quiz = [a for a in all_attempts if a.kind == Attempt.Kind.QUIZ]
    lesson_attempt = next((a for a in all_attempts if a.kind == Attempt.Kind.LESSON), None)
    extension = Extension.objects.filter(assignment=assignment, student=student).first()
    due_at = policy.student_window(assignment=assignment, extension=extension).due_at

    rows = {
        row.id: row
        for row in attempt_rows(
            Attempt.objects.filter(
                assignment=assignment, student=student, kind=Attempt.Kind.QUIZ
            ).order_by("number")
        )
    }
    written = _written_items(lesson_attempt, assignment) if lesson_attempt else []
    written_possible = sum(
        (Decimal(q.points) for q in _manual_questions(assignment.lesson_id) if q.is_current),
        Decimal(0),
    )
    scored_points = [w.current.points_earned for w in written if w.current is not None]
    progress = progress_for(
        method=assignment.grading_method,
        due_at=due_at,
        extended=extension is not None,
        quiz_attempts=[rows[a.pk] for a in quiz],
        lesson_started=lesson_attempt is not None,
        written_points=sum(scored_points, Decimal(0)) if scored_points else None,
        written_waiting=any(
            w.current is None or w.changed_since_scored
            for w in written
            if w.response_updated_at is not None
        ),
        written_possible=written_possible,
        now=now,
    )
    counted_ids = {
        a.id
        for a in counted_attempts(
            assignment.grading_method, [rows[a.pk] for a in quiz if rows[a.pk].submitted]
        )
    }
    selected = None
    chosen = next((a for a in quiz if a.pk == attempt_pk), None) if attempt_pk else None
    if chosen is None and quiz:
        chosen = next((a for a in reversed(quiz) if a.pk in counted_ids), quiz[-1])
    if chosen is not None:
        history = _history(chosen)
        items = [
            _scored(item, history.get(item.question.pk, []))
            for item in attempt_items(attempt=chosen, with_scores=True)
        ]
        end = chosen.submitted_at or (now if chosen.is_open else None)
        selected = AttemptView(
            attempt=chosen,
            items=items,
            late=rows[chosen.pk].late,
            time_spent=end - chosen.started_at if end else None,
            counted=chosen.pk in counted_ids,
        )
    return StudentWork(
        classroom=classroom,
        assignment=assignment,
        student=student,
        progress=progress,
        attempts=quiz,
        selected=selected,
        lesson_attempt=lesson_attempt,
        written=written,
        formative=_formative(lesson_attempt) if lesson_attempt else [],
        extension=extension,
        resets=list(
            AttemptReset.objects.filter(assignment=assignment, student=student).select_related(
                "reset_by"
            )
        ),
    )


def students_to_score(*, assignment: Assignment) -> list[User]:
    """The students of the class with work on the assignment waiting for the teacher's score
    (an unscored answer in a submitted quiz attempt, or a written answer unscored or changed
    since it was scored), in register order: for scoring one after the other."""
    scored_since = Score.objects.filter(
        attempt=OuterRef("attempt_id"),
        question=OuterRef("question_id"),
        created_at__gte=OuterRef("updated_at"),
    ).exclude(origin=Score.Origin.CHECK)
    written = (
        Response.objects.filter(
            attempt__assignment=assignment,
            attempt__kind=Attempt.Kind.LESSON,
            question__type__in=manual_types(),
        )
        .exclude(question__step__kind=StepKind.QUIZ)
        .filter(~Exists(scored_since))
        .values("attempt__student_id")
    )
    waiting = Q(attempts__assignment=assignment, attempts__kind=Attempt.Kind.QUIZ) & Q(
        attempts__status=Attempt.Status.SUBMITTED, attempts__needs_scoring=True
    )
    ids = set(
        User.objects.filter(memberships__classroom_id=assignment.classroom_id)
        .filter(waiting | Q(pk__in=written))
        .values_list("pk", flat=True)
    )
    return [s for s in classroom_students(classroom=assignment.classroom) if s.pk in ids]


def _manual_questions(lesson_id: int) -> list[Question]:
    return list(
        Question.objects.filter(lesson_id=lesson_id, type__in=manual_types())
        .exclude(step__kind=StepKind.QUIZ)
        .order_by("step__position", "position", "version")
    )


def _written_items(lesson_attempt: Attempt, assignment: Assignment) -> list[ScoredItem]:
    """The answers to score in the lesson work: current written activities, and older versions
    the student answered."""
    responses = {r.question_id: r for r in Response.objects.filter(attempt=lesson_attempt)}
    history = _history(lesson_attempt)
    result = []
    for number, question in enumerate(_manual_questions(assignment.lesson_id), start=1):
        response = responses.get(question.pk)
        if not question.is_current and response is None:
            continue
        qt = registry.get(question.type)
        item = Item(
            number=number,
            question=question,
            qtype=qt,
            spec=public_spec_for(question, qt, seed=0, shuffle=False),
            response=response.data if response else None,
        )
        scored = _scored(item, history.get(question.pk, []))
        scored.response_updated_at = response.updated_at if response else None
        current = scored.current
        scored.changed_since_scored = bool(
            current and response and response.updated_at > current.created_at
        )
        result.append(scored)
    return result


def _formative(lesson_attempt: Attempt) -> list[dict]:
    """Per activity of the lesson: tries, and whether the first try was right."""
    first: dict[int, Score] = {}
    tries: dict[int, int] = defaultdict(int)
    for score in Score.objects.filter(
        attempt=lesson_attempt, origin=Score.Origin.CHECK
    ).select_related("question", "question__step"):
        tries[score.question_id] += 1
        if score.question_id not in first or score.try_number < first[score.question_id].try_number:
            first[score.question_id] = score
    rows = [
        {
            "question": s.question,
            "step": s.question.step,
            "tries": tries[qid],
            "first_state": s.state,
            "first_points": s.points_earned,
            "points": s.points_possible,
        }
        for qid, s in first.items()
    ]
    rows.sort(key=lambda r: (r["step"].position, r["question"].position))
    return rows


# --- analysis --------------------------------------------------------------------------------


@dataclass
class QuestionStats:
    number: int
    question: Question
    type_label: str
    answered: int
    facility: Fraction | None
    discrimination: Fraction | None
    picks: list[analysis.PickCount]
    labels: dict[str, str]  # parts: items, choices, rows, columns, words
    values: dict[str, str]  # answers that are not parts: categories

    @property
    def facility_percent(self) -> int | None:
        return round(float(self.facility) * 100) if self.facility is not None else None

    @property
    def discrimination_value(self) -> float | None:
        return round(float(self.discrimination), 2) if self.discrimination is not None else None

    @property
    def flag(self) -> str:
        """A short word for the teacher: what to look at."""
        if self.discrimination is not None and self.discrimination < 0:
            return _("check the key")
        if self.facility is not None and self.facility < Fraction(3, 10):
            return _("hard")
        if self.facility is not None and self.facility > Fraction(9, 10):
            return _("easy")
        if self.discrimination is not None and self.discrimination < Fraction(2, 10):
            return _("weak discrimination")
        return ""

    def pick_rows(self, limit: int = 12) -> list[dict]:
        rows = []
        for pick in self.picks[:limit]:
            part = " / ".join(
                self.labels.get(segment, "") for segment in pick.part.split(".") if segment
            ).strip(" /")
            rows.append(
                {
                    "part": part,
                    "answer": self.values.get(pick.answer)
                    or self.labels.get(pick.answer, pick.answer),
                    "count": pick.count,
                    "percent": round(float(pick.share) * 100),
                    "correct": pick.correct,
                }
            )
        return rows

    @property
    def more_picks(self) -> int:
        return max(0, len(self.picks) - 12)


@dataclass
class Analysis:
    assignment: Assignment
    students: int  # in the class
    submitted: int  # students with a counted attempt
    enough: bool
    distribution: charts.Chart
    distribution_rows: list[tuple[str, int]]
    questions: list[QuestionStats]
    skills: list[tuple[str, str]]  # (key, label)
    class_mastery: list[tuple[str, Fraction | None]]
    class_chart: charts.Chart
    student_mastery: list[tuple[User, list[Fraction | None]]]
    student_chart: charts.Heatmap

    @property
    def student_table(self) -> list[tuple[User, list[str]]]:
        return [
            (student, [charts.percent_text(value) for value in values])
            for student, values in self.student_mastery
        ]

    min_students: int = analysis.MIN_STUDENTS_FOR_STATISTICS


def assignment_analysis(*, assignment: Assignment) -> Analysis:
    """Item analysis and skill mastery over each student's counted quiz attempt (the one the
    grading method picks; for "average", the latest), with the written answers the teacher
    scored counting towards mastery. Eight queries, whatever the size of the class."""
    students = classroom_students(classroom=assignment.classroom)
    by_id = {s.pk: s for s in students}
    submitted: dict[int, list[AttemptRow]] = defaultdict(list)
    for row in attempt_rows(
        Attempt.objects.filter(
            assignment=assignment, kind=Attempt.Kind.QUIZ, status=Attempt.Status.SUBMITTED
        ).order_by("student_id", "number")
    ):
        if row.student_id in by_id:
            submitted[row.student_id].append(row)
    counted = {
        student_id: counted_attempts(assignment.grading_method, rows)[-1]
        for student_id, rows in submitted.items()
    }
    student_of = {row.id: student_id for student_id, row in counted.items()}
    latest = scores_latest(attempts=list(student_of), fields=("points_earned", "points_possible"))
    answers = {
        (attempt_id, question_id): data
        for attempt_id, question_id, data in Response.objects.filter(
            attempt_id__in=list(student_of)
        ).values_list("attempt_id", "question_id", "data")
    }
    questions = Question.objects.in_bulk({qid for (_a, qid) in latest})
    totals = {
        student_id: _share(row.points_earned, row.points_possible)
        for student_id, row in counted.items()
    }

    # Item statistics per question key (the versions of one question pooled, shown as the
    # newest), in quiz order; students in register order, so ties break the same way each time.
    entries_by_key: dict[str, list[tuple[int, Question, Score]]] = defaultdict(list)
    for (attempt_id, question_id), score in latest.items():
        question = questions[question_id]
        entries_by_key[question.key].append((student_of[attempt_id], question, score))
    keys = sorted(entries_by_key, key=lambda k: min(q.position for _s, q, _x in entries_by_key[k]))
    stats = [
        _question_stats(
            number,
            sorted(entries_by_key[key], key=lambda e: student_sort_key(by_id[e[0]])),
            totals,
            answers,
            counted,
        )
        for number, key in enumerate(keys, start=1)
    ]

    # Mastery per skill, for the class and for each student.
    per_student: dict[int, analysis.Mastery] = defaultdict(analysis.Mastery)
    whole = analysis.Mastery()

    def add(student_id: int, question: Question, score: Score) -> None:
        earned, possible = Fraction(score.points_earned), Fraction(score.points_possible)
        per_student[student_id].add(question.skills, earned, possible)
        whole.add(question.skills, earned, possible)

    for (attempt_id, question_id), score in latest.items():
        add(student_of[attempt_id], questions[question_id], score)
    # Written answers in the lesson work, as the teacher scored them.
    lesson_work = Attempt.objects.filter(assignment=assignment, kind=Attempt.Kind.LESSON)
    for score in scores_latest(attempts=lesson_work, related=("attempt", "question")).values():
        if score.attempt.student_id in by_id:
            add(score.attempt.student_id, score.question, score)
    skill_labels = dict(Skill.choices)
    skills = [(key, str(skill_labels.get(key, key))) for key in _skill_order(assignment, whole)]
    class_mastery = [(label, whole.fraction(key)) for key, label in skills]
    student_mastery = [
        (student, [per_student[student.pk].fraction(key) for key, _label in skills])
        for student in students
        if student.pk in per_student
    ]

    counts = analysis.histogram(float(totals[s]) * 100 for s in counted)
    bands = [f"{10 * i}\N{EN DASH}{10 * i + 9}%" for i in range(9)] + ["90\N{EN DASH}100%"]
    return Analysis(
        assignment=assignment,
        students=len(students),
        submitted=len(counted),
        enough=len(counted) >= analysis.MIN_STUDENTS_FOR_STATISTICS,
        distribution=charts.column_chart(
            chart_id=f"distribution-{assignment.pk}",
            title=_("Distribution of quiz scores"),
            description=_("Number of students in each band of quiz scores."),
            counts=counts,
            labels=[band.removesuffix("%") for band in bands],
        ),
        distribution_rows=list(zip(bands, counts, strict=True)),
        questions=stats,
        skills=skills,
        class_mastery=class_mastery,
        class_chart=charts.hbar_chart(
            chart_id=f"mastery-{assignment.pk}",
            title=_("Class mastery by skill"),
            description=_("Share of the points the class earned on the questions of each skill."),
            items=class_mastery,
        ),
        student_mastery=student_mastery,
        student_chart=charts.heatmap(
            chart_id=f"students-{assignment.pk}",
            title=_("Mastery by skill for each student"),
            description=_("One row per student, one column per skill: the share of points earned."),
            columns=[label for _key, label in skills],
            rows=[(str(student), values) for student, values in student_mastery],
        ),
    )


def _question_stats(number, entries, totals, answers, counted) -> QuestionStats:
    question = max((q for _s, q, _x in entries), key=lambda q: q.version)
    qt = registry.get_or_missing(question.type)
    spec = qt.parse_spec(question.spec)
    public = qt.public_spec(spec)
    fractions = [_share(score.points_earned, score.points_possible) for _s, _q, score in entries]
    return QuestionStats(
        number=number,
        question=question,
        type_label=str(qt.label),
        answered=len(entries),
        facility=analysis.facility(fractions),
        discrimination=analysis.discrimination(
            [
                (totals[student_id], f)
                for (student_id, _q, _x), f in zip(entries, fractions, strict=True)
            ]
        ),
        picks=analysis.tally(
            [
                (answers.get((counted[student_id].id, q.pk)), f == 1)
                for (student_id, q, _x), f in zip(entries, fractions, strict=True)
            ],
            question_type=question.type,
            correct=qt.dump_response(qt.correct_response(spec)),
        ),
        labels={i: label.with_sentence for i, label in qt.part_labels(public).items()},
        values=qt.value_labels(public),
    )


def _share(earned, possible) -> Fraction:
    return Fraction(earned or 0) / Fraction(possible) if possible else Fraction(0)


def _skill_order(assignment: Assignment, mastery: analysis.Mastery) -> list[str]:
    order = [key for key, _label in Skill.choices]
    lesson_skills = [s for s in assignment.lesson.skills if s in order] or order
    present = [s for s in order if s in lesson_skills or s in mastery.skills]
    return present + sorted(set(mastery.skills) - set(present))


# --- the teacher guide -----------------------------------------------------------------------


@dataclass
class GuideItem:
    number: int
    question: Question
    qtype: object
    spec: dict
    correct: dict
    parts: list
    feedback: list[str]
    rubric: list
    sample_answer: str


@dataclass
class GuideStep:
    title: str
    kind: str
    items: list[GuideItem]


def lesson_guide(*, lesson: Lesson) -> list[GuideStep]:
    """Every current question of the lesson with its key, grouped by step: the key is the
    correct response drawn with the question's own controls, and the grader's verdict on it
    (each part's expected answer and explanation)."""
    steps: dict[int, GuideStep] = {}
    order = []
    for question in (
        Question.objects.filter(lesson=lesson, is_current=True)
        .select_related("step")
        .order_by("step__position", "position")
    ):
        step = question.step
        if step.pk not in steps:
            steps[step.pk] = GuideStep(step.title, step.kind, [])
            order.append(step.pk)
        qt = registry.get_or_missing(question.type)
        spec = qt.parse_spec(question.spec)
        correct = qt.dump_response(qt.correct_response(spec))
        result = qt.grade(spec, correct).as_dict()
        steps[step.pk].items.append(
            GuideItem(
                number=len(steps[step.pk].items) + 1,
                question=question,
                qtype=qt,
                spec=qt.public_spec(spec),
                correct=correct,
                parts=labelled_parts(
                    [p for p in result["parts"] if p["expected"] or p["feedback"]],
                    qt.public_spec(spec),
                    qt,
                ),
                feedback=result["feedback"],
                rubric=rubric_levels(question) if not qt.auto_graded else [],
                sample_answer=(question.spec or {}).get("sample_answer", "")
                if not qt.auto_graded
                else "",
            )
        )
    return [steps[pk] for pk in order]
