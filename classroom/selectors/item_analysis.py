"""Item analysis of an assignment's quiz: per question facility, discrimination and the answers
picked; skill mastery for the class and each student; the distribution of quiz scores. Read in
a fixed number of queries, computed by the pure statistics of `classroom.analysis`."""

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from accounts.models import User
from lessons.models import Skill
from quizzes.models import Attempt, Question, Response, Score
from quizzes.selectors import scores_latest
from quizzes.types import registry

from .. import analysis, charts
from ..models import Assignment
from ..progress import AttemptRow, counted_attempts
from .access import classroom_students, student_sort_key
from .progress import attempt_rows


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
    student_mastery: list[tuple[User, list[Fraction | None]]]
    student_chart: charts.Heatmap

    @property
    def student_table(self) -> list[tuple[User, list[str]]]:
        return [
            (student, [charts.percent_text(value) for value in values])
            for student, values in self.student_mastery
        ]

    min_students: int = analysis.MIN_STUDENTS_FOR_STATISTICS

    @property
    def look_first(self) -> list[QuestionStats]:
        """The questions worth a look, most urgent first (easy ones are not among them)."""
        flagged = [stat for stat in self.questions if stat.flag and stat.flag_rank < 3]
        return sorted(flagged, key=lambda stat: (stat.flag_rank, stat.number))


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

    # Item statistics per question version, in quiz order: the versions of a question are
    # never pooled, since each was graded on its own key (or regraded: its rows say so);
    # students in register order, so ties break the same way each time.
    entries_by_version: dict[int, list[tuple[int, Question, Score]]] = defaultdict(list)
    for (attempt_id, question_id), score in latest.items():
        entries_by_version[question_id].append(
            (student_of[attempt_id], questions[question_id], score)
        )
    ids = sorted(
        entries_by_version,
        key=lambda qid: (questions[qid].position, questions[qid].key, questions[qid].version),
    )
    versions = defaultdict(int)
    for qid in ids:
        versions[questions[qid].key] += 1
    stats = [
        _question_stats(
            number,
            sorted(entries_by_version[qid], key=lambda e: student_sort_key(by_id[e[0]])),
            totals,
            answers,
            counted,
        )
        for number, qid in enumerate(ids, start=1)
    ]
    for stat in stats:
        stat.versions = versions[stat.question.key]

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
    question = entries[0][1]  # one version
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
        auto_graded=qt.auto_graded,
    )


def _share(earned, possible) -> Fraction:
    return Fraction(earned or 0) / Fraction(possible) if possible else Fraction(0)


def _skill_order(assignment: Assignment, mastery: analysis.Mastery) -> list[str]:
    order = [key for key, _label in Skill.choices]
    lesson_skills = [s for s in assignment.lesson.skills if s in order] or order
    present = [s for s in order if s in lesson_skills or s in mastery.skills]
    return present + sorted(set(mastery.skills) - set(present))
