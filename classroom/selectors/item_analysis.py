"""Item analysis of an assignment's quiz: per question facility, discrimination and the answers
picked; skill mastery for the class and each student; the distribution of quiz scores. Read in
a fixed number of queries, computed by the pure statistics of `classroom.analysis`."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from django.db.models import Case, Count, OuterRef, Subquery, Value, When
from django.utils.translation import gettext as _

from accounts.models import User
from lessons.models import Skill
from quizzes.models import Attempt, Question, Response
from quizzes.selectors import scores_newest
from quizzes.types import registry

from .. import analysis, charts
from ..models import Assignment
from .access import classroom_students, student_sort_key
from .progress import attempts_counted

STUDENTS_PER_PAGE = 100  # rows of the students' mastery chart, as in the progress grid


class Counted(NamedTuple):
    """A student's counted quiz attempt: the columns the analysis reads."""

    student_id: int
    id: int
    points_earned: Decimal | None
    points_possible: Decimal | None


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
    versions: int = 1  # versions of this question in the analysis, each its own row
    auto_graded: bool = True  # False: written answers, which the teacher reads and scores
    tallied: bool = False  # the answers given were counted (one question per page)

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

    @property
    def flag_rank(self) -> int:
        """Which flag to look at first: a key to check, then a hard question, then one that
        does not tell strong from weak; an easy question last."""
        order = [_("check the key"), _("hard"), _("weak discrimination"), _("easy")]
        return order.index(self.flag) if self.flag in order else len(order)

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
    student_mastery: list[tuple[User, list[Fraction | None]]]  # one page of students
    student_chart: charts.Heatmap
    selected: QuestionStats | None = None  # the question whose answers are tallied
    page: int = 1  # of the students' mastery
    pages: int = 1
    students_with_data: int = 0

    @property
    def student_table(self) -> list[tuple[User, list[str]]]:
        return [
            (student, [charts.percent_text(value) for value in values])
            for student, values in self.student_mastery
        ]

    min_students: int = analysis.MIN_STUDENTS_FOR_STATISTICS

    @property
    def page_numbers(self) -> range:
        return range(1, self.pages + 1)

    @property
    def look_first(self) -> list[QuestionStats]:
        """The questions worth a look, most urgent first (easy ones are not among them)."""
        flagged = [stat for stat in self.questions if stat.flag and stat.flag_rank < 3]
        return sorted(flagged, key=lambda stat: (stat.flag_rank, stat.number))


def assignment_analysis(
    *, assignment: Assignment, question: int | None = None, page: int = 1
) -> Analysis:
    """Item analysis and skill mastery over each student's counted quiz attempt (the one the
    grading method picks; for "average", the latest), with the written answers the teacher
    scored counting towards mastery.

    A class of 1,000 has 20,000 scored answers per quiz: the database counts, per question
    version, how many students earned each number of points, in the upper, lower or middle
    group, and Python turns those few rows into exact fractions. The answers given are tallied
    for one question only (`question`, its number), and the students' mastery is read for
    one page of `STUDENTS_PER_PAGE` (`page`). A fixed number of queries, whatever the size of
    the class (at most eight)."""
    students = classroom_students(classroom=assignment.classroom)
    by_id = {s.pk: s for s in students}
    # Each student's counted attempt, picked by the database: the score queries below join on
    # the same query instead of filtering by a list of a thousand attempt ids.
    counted_rows = attempts_counted(assignment=assignment)
    # Only the columns used here: the grid's AttemptRow adds lateness, a subquery per attempt.
    counted = {
        row[0]: Counted(*row)
        for row in counted_rows.values_list("student_id", "id", "points_earned", "points_possible")
    }
    student_of = {row.id: student_id for student_id, row in counted.items()}
    totals = {
        student_id: analysis.share(row.points_earned, row.points_possible)
        for student_id, row in counted.items()
    }
    # Upper and lower 27 %: ranked by total; equal totals keep register order. Sorted by the
    # floats of the exact totals: points have three decimals, so two different totals differ
    # far more than a float's precision, and equal ones give equal floats (and it is quick).
    ranked = sorted(
        (s.pk for s in students if s.pk in counted), key=lambda sid: -float(totals[sid])
    )
    size = analysis.group_size(len(ranked))
    upper = [counted[sid].id for sid in ranked[:size]]
    lower = [counted[sid].id for sid in ranked[len(ranked) - size :]] if size else []

    newest = scores_newest(attempts=counted_rows)
    tallies: dict[int, analysis.QuestionTally] = defaultdict(analysis.QuestionTally)
    for question_id, band, earned, possible, n in (
        newest.annotate(
            band=Case(
                When(attempt_id__in=upper, then=Value(1)),
                When(attempt_id__in=lower, then=Value(-1)),
                default=Value(0),
            )
        )
        .values_list("question_id", "band", "points_earned", "points_possible")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tallies[question_id].add(band, earned, possible, n)

    # The teacher's scores of the lesson work (written answers): a row per student and written
    # question, read once for the class, who wrote and the page. Counted by the database, the
    # same rows took a sequential scan of every score on PostgreSQL (it expects nine scores per
    # lesson attempt, as for a quiz attempt); joined to the attempts, it reads each one's few.
    # The outer filter repeats the assignment: it lets PostgreSQL read the joined attempts by
    # its index instead of scanning every attempt of the school.
    written_rows = list(
        scores_newest(
            attempts=Attempt.objects.filter(
                assignment=assignment,
                kind=Attempt.Kind.LESSON,
                student__memberships__classroom=assignment.classroom,
            )
        )
        .filter(attempt__assignment=assignment, attempt__kind=Attempt.Kind.LESSON)
        .values_list("attempt__student_id", "question_id", "points_earned", "points_possible")
        .order_by()
    )
    written: dict[int, analysis.QuestionTally] = defaultdict(analysis.QuestionTally)
    for (question_id, earned, possible), n in Counter(row[1:] for row in written_rows).items():
        written[question_id].add(0, earned, possible, n)
    questions = Question.objects.in_bulk({*tallies, *written})

    # Item statistics per question version, in quiz order: the versions of a question are
    # never pooled, since each was graded on its own key (or regraded: its rows say so).
    ids = sorted(
        tallies,
        key=lambda qid: (questions[qid].position, questions[qid].key, questions[qid].version),
    )
    versions: dict[str, int] = defaultdict(int)
    for qid in ids:
        versions[questions[qid].key] += 1
    # A version not every student answered has groups of its own (rare: a key changed).
    partial = [qid for qid in ids if tallies[qid].answered != len(ranked)]
    own_groups = _own_discrimination(newest, partial, student_of, by_id, totals)
    stats = []
    for number, qid in enumerate(ids, start=1):
        tally = tallies[qid]
        qt = registry.get_or_missing(questions[qid].type)
        stats.append(
            QuestionStats(
                number=number,
                question=questions[qid],
                type_label=str(qt.label),
                answered=tally.answered,
                facility=tally.total / tally.answered if tally.answered else None,
                discrimination=own_groups[qid]
                if qid in own_groups
                else ((tally.upper - tally.lower) / size if size else None),
                picks=[],
                labels={},
                values={},
                versions=versions[questions[qid].key],
                auto_graded=qt.auto_graded,
            )
        )
    selected = next((stat for stat in stats if stat.number == question), None)
    if selected is not None:
        _tally_picks(selected, newest)

    # Mastery per skill: the class from the counts above, each student for one page.
    whole = analysis.Mastery()
    for qid, tally in [*tallies.items(), *written.items()]:
        whole.add(questions[qid].skills, tally.earned, tally.possible)
    skill_labels = dict(Skill.choices)
    skills = [(key, str(skill_labels.get(key, key))) for key in _skill_order(assignment, whole)]
    class_mastery = [(label, whole.fraction(key)) for key, label in skills]
    wrote = {row[0] for row in written_rows}
    with_data = [s for s in students if s.pk in counted or s.pk in wrote]
    pages = max(1, -(-len(with_data) // STUDENTS_PER_PAGE))
    page = min(max(page, 1), pages)
    on_page = with_data[(page - 1) * STUDENTS_PER_PAGE : page * STUDENTS_PER_PAGE]
    per_student = _student_mastery(on_page, counted, counted_rows, written_rows, questions)
    student_mastery = [
        (student, [per_student[student.pk].fraction(key) for key, _label in skills])
        for student in on_page
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
        selected=selected,
        page=page,
        pages=pages,
        students_with_data=len(with_data),
    )


def _own_discrimination(newest, question_ids, student_of, by_id, totals) -> dict:
    """Discrimination of versions only some students answered, among those students."""
    if not question_ids:
        return {}
    pairs: dict[int, list] = defaultdict(list)
    rows = (
        newest.filter(question_id__in=question_ids)
        .values_list("question_id", "attempt_id", "points_earned", "points_possible")
        .order_by()  # sorted below, by student
    )
    for qid, attempt_id, earned, possible in rows:
        student = by_id[student_of[attempt_id]]
        share = analysis.share(earned, possible)
        pairs[qid].append((student_sort_key(student), totals[student.pk], share))
    return {
        qid: analysis.discrimination([(total, share) for _k, total, share in sorted(rows)])
        for qid, rows in pairs.items()
    }


def _tally_picks(stat: QuestionStats, newest) -> None:
    """The answers given to one question version, with their labels: one query, each counted
    score with the answer it was given for (a second query would pick the attempts again)."""
    question = stat.question
    qt = registry.get_or_missing(question.type)
    spec = qt.parse_spec(question.spec)
    public = qt.public_spec(spec)
    answer = Response.objects.filter(
        attempt_id=OuterRef("attempt_id"), question_id=OuterRef("question_id")
    ).values("data")  # at most one: a response per attempt and question
    rows = (
        newest.filter(question=question)
        .annotate(data=Subquery(answer))
        .values_list("data", "points_earned", "points_possible")
        .order_by()  # sorted by the tally
    )
    stat.picks = analysis.tally(
        [(data, analysis.share(earned, possible) == 1) for data, earned, possible in rows],
        question_type=question.type,
        correct=qt.dump_response(qt.correct_response(spec)),
    )
    stat.labels = {i: label.with_sentence for i, label in qt.part_labels(public).items()}
    stat.values = qt.value_labels(public)
    stat.tallied = True


def _student_mastery(on_page, counted, counted_rows, written_rows, questions) -> dict:
    """Points per skill for the students of one page: quiz (one query) and written answers."""
    per_student: dict[int, analysis.Mastery] = defaultdict(analysis.Mastery)
    page = {s.pk for s in on_page}
    student_of = {counted[pk].id: pk for pk in page if pk in counted}
    # The page's counted attempts by the same rule, not a list of their ids: without table
    # statistics PostgreSQL expected a list of 100 ids to match a third of the scores, and
    # read them all. No order: the default ordering joins four tables to sort summed rows.
    quiz = (
        scores_newest(attempts=counted_rows.filter(student_id__in=page))
        .values_list("attempt_id", "question_id", "points_earned", "points_possible")
        .order_by()
    )
    written = [row for row in written_rows if row[0] in page]
    rows = [(student_of[a], q, e, p) for a, q, e, p in quiz] + written
    for student_id, question_id, earned, possible in rows:
        per_student[student_id].add(questions[question_id].skills, earned or 0, possible or 0)
    return per_student


def _skill_order(assignment: Assignment, mastery: analysis.Mastery) -> list[str]:
    order = [key for key, _label in Skill.choices]
    lesson_skills = [s for s in assignment.lesson.skills if s in order] or order
    present = [s for s in order if s in lesson_skills or s in mastery.skills]
    return present + sorted(set(mastery.skills) - set(present))
