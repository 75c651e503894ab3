"""The progress grid, as a presenter: students by assignments, filtered and a page at a time.

It reads `class_progress` (a fixed number of queries) and computes only data: each cell's text,
its notes in words, its flags and its link. `templates/classroom/_progress_grid.html` draws it;
Django escapes every string there, as on any page."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User

from ..bands import Band, score_band
from ..models import Assignment, Classroom
from ..progress import STATUS_LABELS, Progress, Status
from .progress import class_progress


class Filter(models.TextChoices):
    ALL = "all", gettext_lazy("All students")
    LATE = "late", gettext_lazy("Late or overdue")
    NOT_STARTED = "not_started", gettext_lazy("Not started")
    NEEDS_SCORING = "needs_scoring", gettext_lazy("Needs scoring")


@dataclass(slots=True)
class GridCell:
    """One student's progress on one assignment, as the grid shows it."""

    text: str  # the grade ("75%"), or the status in words
    notes: list[str]  # short flags in words: late or overdue, to score, extension
    status: str  # a `Status`
    late: bool  # late or overdue
    needs_scoring: bool
    highlight: bool  # the cell matches the filter
    url: str  # the student's work on the assignment
    band: Band | None = None  # a grade's score band (colour and symbol); None without a grade


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
    number: int  # ALL_PAGES: every student on one page
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
    page: int = 1  # ALL_PAGES: all
    pages: list[GridPage] = field(default_factory=list)
    matching: int = 0  # students matching the filter, on every page

    @property
    def paginated(self) -> bool:
        return len(self.pages) > 1

    @property
    def filters(self) -> list[tuple[str, str, int]]:
        """(value, label, students matching) for each filter, for the filter's menu."""
        return [(value, label, self.counts[value]) for value, label in Filter.choices]


GRID_PAGE_SIZE = 100
ALL_PAGES = 0


def progress_grid(
    *,
    classroom: Classroom,
    filter: str = Filter.ALL,
    page: int | str = 1,
    page_size: int = GRID_PAGE_SIZE,
    now: datetime | None = None,
) -> Grid:
    """The students-by-assignments grid, filtered to the students with at least one matching
    cell (their matching cells highlighted), a page of `page_size` students at a time in
    register order. `page` is a page number, as a number or as a query string gives it, or
    `ALL_PAGES` (or "all") for every student; anything else is the first page. Counts and
    class averages cover every student."""
    now = now or timezone.now()
    if filter not in Filter.values:
        filter = Filter.ALL
    data = class_progress(classroom=classroom, now=now)
    progress = data.progress
    assignments = data.assignments
    counts = dict.fromkeys(Filter.values, 0)
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

    shown, page, pages = _page_of(matching, page, page_size)
    work_urls = _work_urls(classroom, assignments)
    words = _grid_words()
    rows = [
        GridRow(student, _grid_cells(student, assignments, progress, work_urls, filter, words))
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
                reverse("classroom:assignment_analysis", args=[classroom.pk, assignment.pk]),
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


def _page_of(students: list, page: int | str, size: int) -> tuple[list, int, list[GridPage]]:
    """The students on the page asked for, its number, and the pager's entries (with "all"
    after the numbered pages when there is more than one)."""
    paginator = Paginator(students, size)
    pages = [
        GridPage(n, paginator.page(n).start_index(), paginator.page(n).end_index(), False)
        for n in paginator.page_range
    ]
    if paginator.num_pages > 1:
        pages.append(GridPage(ALL_PAGES, 1, paginator.count, False))
    if page in (ALL_PAGES, "all"):
        shown, number = students, ALL_PAGES
    else:
        try:
            current = paginator.page(page)
        except InvalidPage:
            current = paginator.page(1)
        shown, number = current.object_list, current.number
    for entry in pages:
        entry.current = entry.number == number
    return shown, number, pages


def _work_urls(classroom: Classroom, assignments: list[Assignment]) -> dict[int, tuple[str, str]]:
    """Each column's link to a student's work, split around the student's id: one `reverse()`
    a column, not one a cell (a page of all 10,000 cells spent most of a second in it)."""
    mark = "2147483647"  # stands for the student's id, the last id in the URL
    urls = {}
    for assignment in assignments:
        url = reverse("classroom:student_work", args=[classroom.pk, assignment.pk, int(mark)])
        before, after = url.rsplit(mark, 1)
        urls[assignment.pk] = (before, after)
    return urls


def _grid_cells(student, assignments, progress, work_urls, filter, words) -> list[GridCell]:
    cells = []
    for assignment in assignments:
        p: Progress = progress[(student.pk, assignment.pk)]
        status = p.status
        is_late = p.late or p.overdue
        band = None
        if status == Status.SUBMITTED:
            percent = p.percent
            text = f"{percent}%" if percent is not None else "✓"
            band = score_band(percent)
        else:
            text = words[status]
        notes = []
        if is_late:
            notes.append(words["late"] if p.late else words["overdue"])
        if p.needs_scoring:
            notes.append(words["score"])
        if p.extended:
            notes.append(words["ext"])
        if p.regraded:
            notes.append(words["regraded"])
        highlight = (
            (filter == Filter.LATE and is_late)
            or (filter == Filter.NOT_STARTED and status == Status.NOT_STARTED)
            or (filter == Filter.NEEDS_SCORING and p.needs_scoring)
        )
        before, after = work_urls[assignment.pk]
        url = f"{before}{student.pk}{after}"
        cells.append(GridCell(text, notes, status, is_late, p.needs_scoring, highlight, url, band))
    return cells


def _grid_words() -> dict[str, str]:
    """The grid's words, translated once for all its cells."""
    return {
        Status.IN_PROGRESS: str(STATUS_LABELS[Status.IN_PROGRESS]),
        Status.NOT_STARTED: str(STATUS_LABELS[Status.NOT_STARTED]),
        "late": _("late"),
        "overdue": _("overdue"),
        "score": _("to score"),
        "ext": _("ext."),
        "regraded": _("regraded"),
    }
