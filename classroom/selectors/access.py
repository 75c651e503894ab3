"""Access: the getters that return only what a user may see, or raise Http404.

Every `*_for_teacher` getter returns only what belongs to the teacher's own classes (the class
itself already checked by `classroom_get_for_teacher`): another teacher's class, and everything
in it, does not exist for them. `*_for_student` getters do the same for a student's classes.
The getters of one class also make its time zone the current one (classroom.timezones)."""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404

from accounts.models import User
from core import rows
from core.local_cache import LocalCache
from core.sql import prepared_cursor
from lessons.models import Lesson, Step
from lessons.parts import PartView, lesson_parts
from lessons.selectors import lesson_visible_get, lessons_visible_q
from quizzes import selectors as quiz_selectors
from quizzes.errors import Code as QuizCode
from quizzes.errors import QuizError
from quizzes.models import Attempt, Question
from quizzes.specs import question_with_spec

from ..errors import ClassroomError
from ..errors import Code as ClassCode
from ..models import Assignment, Classroom, Extension, Membership
from ..timezones import class_zone_activate
from .student_assignment import LESSON_UNREAD

# --- a student's classes --------------------------------------------------------------------

# What a student's assignment is read without (`student_assignment.LESSON_UNREAD`).
STUDENT_UNREAD = tuple(f"lesson__{name}" for name in LESSON_UNREAD)


def _is_member(student: User):
    return Exists(Membership.objects.filter(classroom=OuterRef("classroom"), student=student))


def assignment_get_for_student_work(*, student: User, pk: int) -> Assignment:
    """For a write (a save, a check, a step's form): the assignment as
    `assignment_get_for_student` gives it. A student who can no longer work on it is told why
    instead of a bare 404: `CLASS_ARCHIVED` (409) in an archived class of theirs,
    `NO_LONGER_MEMBER` (403) when removed from a class whose assignment they worked on. What
    they saved before stays as it is. Anyone else: 404."""
    assignment = (
        Assignment.objects.select_related("lesson", "classroom")
        .defer(*STUDENT_UNREAD)
        .annotate(is_member=_is_member(student))
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404("No such assignment.")
    if assignment.is_member:
        if assignment.classroom.archived_at is not None:
            raise ClassroomError(ClassCode.CLASS_ARCHIVED)
        class_zone_activate(assignment.classroom)
        return assignment
    if Attempt.objects.filter(student=student, assignment=assignment).exists():
        raise ClassroomError(ClassCode.NO_LONGER_MEMBER)
    raise Http404("No such assignment.")


def attempt_get_writable(*, student: User, pk: int) -> Attempt:
    """A write's read (the quiz page's post): the student's attempt, 404 if not theirs, in one
    query with the check that the student may still write: refused once the class is archived
    (`CLASS_ARCHIVED`, 409) or the student was removed from it (`NO_LONGER_MEMBER`, 403); a
    teacher's preview (no assignment) is always writable. Only the columns a save reads are
    loaded (`_WRITABLE`); the others are read on first use."""
    attempt, _item = _writable(student=student, pk=pk, question_id=None)
    return attempt


def attempt_item_get_writable(
    *, student: User, pk: int, question_id: int
) -> tuple[Attempt, quiz_selectors.Item | None]:
    """The autosave's read: the attempt as `attempt_get_writable` gives it, and the item to
    save, None if the attempt does not answer that question (`quizzes.selectors.is_item_of`).
    One query for all of it."""
    return _writable(student=student, pk=pk, question_id=question_id)


@dataclass(frozen=True)
class KnownItem:
    """What reads for a quiz's autosaves found (`attempt_item_get_writable`): the attempt, the
    item, and the stored texts its checks read: the attempt's item order, the question's spec."""

    attempt: Attempt
    item: quiz_selectors.Item
    order_text: str
    spec_text: str


# What this process last read for the autosaves of quizzes: their attempts by id, with the
# stored text of their item order, and their question versions by id, with the stored text of
# their spec (shared by every student's attempt). Copies to check the next save against,
# never trusted alone: that save's one statement writes only if the rows still hold what it
# was checked on (classroom.services.autosave). Kept by attempt and by question, not by pair:
# a worker serves a student's saves one in a few, and most answers are saved once or twice.
_KNOWN_ATTEMPTS = LocalCache(max_entries=4096)
_KNOWN_QUESTIONS = LocalCache(max_entries=2048)


def attempt_item_known(*, student: User, pk: int, question_id: int) -> KnownItem | None:
    """What this process last read of the student's quiz attempt `pk` and of the question,
    if the question is one of the attempt's items; None if it has not read both (then
    `attempt_item_get_writable`). No query."""
    attempt = _KNOWN_ATTEMPTS.get(pk)
    if attempt is None or attempt[0].student_id != student.pk:
        return None
    question = _KNOWN_QUESTIONS.get(question_id)
    if question is None or not quiz_selectors.is_item_of(attempt[0], question[0].question):
        return None
    return KnownItem(attempt[0], question[0], attempt[1], question[1])


# Who may still write to an assignment's attempt: a member of its class (`_MEMBER`), while the
# class is not archived. The read below says which of the two fails; the autosave's one
# statement requires both (`_MAY_WRITE`).
_MEMBER = """EXISTS (SELECT 1 FROM {membership} m
               WHERE m.classroom_id = {asg}.classroom_id AND m.student_id = {a}.student_id)"""
_MAY_WRITE = """({a}.assignment_id IS NULL OR EXISTS (
    SELECT 1 FROM {assignment} asg JOIN {classroom} c ON c.id = asg.classroom_id
    WHERE asg.id = {a}.assignment_id AND c.archived_at IS NULL AND {member}))"""


def attempt_may_write_sql(a: str) -> str:
    """SQL, true when the attempt (the row of `quizzes_attempt` named `a`) may be written by
    its student: a teacher's preview, or an assignment of a class the student is a member of
    and that is not archived."""
    return _MAY_WRITE.format(
        a=a,
        assignment=Assignment._meta.db_table,
        classroom=Classroom._meta.db_table,
        member=_MEMBER.format(membership=Membership._meta.db_table, asg="asg", a=a),
    )


# The writes' read, the autosave the most frequent request of all: written as SQL because
# composing the same query with the ORM (the class check is an `Exists`, the question a join)
# cost ten times more than running it. The attempt comes without its deadline: the writes
# check it under their own lock or in their own statement (quizzes.services). The question's
# spec comes as its stored text, parsed once per process for each text (quizzes.specs).
_WRITABLE = """
SELECT {a},
       {member},
       c.archived_at, {q}, q.spec, {st}
FROM {attempt} a
LEFT JOIN {assignment} asg ON asg.id = a.assignment_id
LEFT JOIN {classroom} c ON c.id = asg.classroom_id
LEFT JOIN {question} q ON q.id = %s
LEFT JOIN {step} st ON st.id = q.step_id
WHERE a.id = %s AND a.student_id = %s
"""


@cache
def _writable_query(vendor: str) -> tuple[tuple, tuple, tuple, str]:
    """`_WRITABLE`'s columns of each model, and its SQL for the database (`vendor`)."""
    a = rows.fields_named(
        Attempt, "id", "student", "lesson", "assignment", "kind", "status", "item_order"
    )
    q = rows.fields_named(Question, "id", "lesson", "step", "is_current", "type")
    st = rows.fields_named(Step, "id", "kind")
    sql = _WRITABLE.format(
        a=rows.columns("a", a),
        q=rows.columns("q", q),
        st=rows.columns("st", st),
        member=_MEMBER.format(membership=Membership._meta.db_table, asg="asg", a="a"),
        attempt=Attempt._meta.db_table,
        assignment=Assignment._meta.db_table,
        classroom=Classroom._meta.db_table,
        question=Question._meta.db_table,
        step=Step._meta.db_table,
    )
    return a, q, st, sql


def _writable(
    *, student: User, pk: int, question_id: int | None
) -> tuple[Attempt, quiz_selectors.Item | None]:
    if not (rows.is_row_id(pk) and (question_id is None or rows.is_row_id(question_id))):
        raise Http404("No such attempt.")  # not an id any table holds
    a, q, st, sql = _writable_query(connection.vendor)
    with prepared_cursor() as cursor:
        cursor.execute(sql, [question_id, pk, student.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such attempt.")
    attempt = rows.instance(Attempt, a, row[: len(a)])
    member, archived = row[len(a) : len(a) + 2]
    if attempt.assignment_id is not None:
        _check_writable(bool(member), archived)
    if attempt.kind == Attempt.Kind.QUIZ:
        # `item_order`, the last column of `a`, as stored
        _KNOWN_ATTEMPTS.set(pk, (attempt, row[len(a) - 1]))
    start = len(a) + 2
    if row[start] is None:
        return attempt, None
    question = rows.instance(Question, q, row[start : start + len(q)])
    spec_text = row[start + len(q)]
    question = question_with_spec(question, spec_text)
    question.step = rows.instance(Step, st, row[start + len(q) + 1 :])
    if not quiz_selectors.is_item_of(attempt, question):
        return attempt, None
    item = quiz_selectors.item_for(question)
    if attempt.kind == Attempt.Kind.QUIZ:
        _KNOWN_QUESTIONS.set(question.pk, (item, spec_text))
    return attempt, item


def _check_writable(is_member: bool, archived_at) -> None:
    if not is_member:
        raise ClassroomError(ClassCode.NO_LONGER_MEMBER)
    if archived_at is not None:
        raise ClassroomError(ClassCode.CLASS_ARCHIVED)


# --- a teacher's classes --------------------------------------------------------------------


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
    if classroom is not None:
        class_zone_activate(classroom)
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
    attempt.assignment.classroom = classroom
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


def lessons_for_teacher(*, teacher: User) -> list[Lesson]:
    """Every lesson with a quiz that the teacher may see (``lessons.selectors.lessons_visible_q``:
    school lessons and their own, never another teacher's private lesson). Each has ``plan``:
    its parts with their minutes (``lessons.parts``), and ``used_by``: the teacher's classes it
    is assigned in, in a fixed number of queries."""
    lessons = list(
        Lesson.objects.filter(lessons_visible_q(teacher), quiz__isnull=False)
        .select_related("quiz", "owner")
        .prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("position")),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(classroom__teacher=teacher)
                .select_related("classroom")
                .order_by("classroom__name", "pk"),
                to_attr="teacher_assignments",
            ),
        )
        .order_by("title")
    )
    for lesson in lessons:
        lesson.plan = lesson_parts(lesson, lesson.steps.all())
        lesson.used_by = list(dict.fromkeys(a.classroom for a in lesson.teacher_assignments))
    return lessons


def lesson_plan(*, lesson: Lesson) -> list[PartView]:
    """The lesson's parts with their minutes at the standard level (one query)."""
    return lesson_parts(lesson, lesson.steps.order_by("position"))


def lesson_get_for_teacher(*, teacher: User, slug: str) -> Lesson:
    """A lesson the teacher may see, or 404 (another teacher's private lesson included)."""
    lesson = lesson_visible_get(user=teacher, slug=slug)
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


def question_get_for_attempt(*, attempt: Attempt, pk: int | None) -> Question:
    """A question of the attempt's lesson (any version), for scoring one item. Anything else,
    a missing id included, is refused as `UNKNOWN_QUESTION` (400): the form was not ours."""
    question = (
        Question.objects.select_related("step").filter(pk=pk, lesson=attempt.lesson).first()
        if pk is not None
        else None
    )
    if question is None:
        raise QuizError(QuizCode.UNKNOWN_QUESTION)
    return question
