"""The progress grid: students by assignments, filtered and a page at a time, read from
`class_progress` (a fixed number of queries)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import Assignment, Classroom
from ..progress import Status
from .progress import class_progress


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
    return [SafeString(value) for value in values]  # nosec B703


def _grid_words() -> dict[str, str]:
    return {
        Status.IN_PROGRESS: escape(_("In progress")),
        Status.NOT_STARTED: escape(_("Not started")),
        "late": escape(_("late")),
        "overdue": escape(_("overdue")),
        "score": escape(_("to score")),
        "ext": escape(_("ext.")),
    }
