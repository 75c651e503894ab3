"""Reads for the teacher: only their own classes, and the progress grid."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from classroom.selectors.access import (
    assignment_get_for_teacher,
    attempt_get_for_teacher,
    classroom_get_for_teacher,
    classrooms_for_teacher,
    student_get_for_teacher,
)
from classroom.selectors.grid import Filter, progress_grid
from classroom.selectors.work import scoring_queue, student_work, students_to_score
from classroom.services import (
    assignment_create,
    classroom_archive,
    extension_set,
    membership_remove,
    rubric_score,
)
from tests.classroom.conftest import answer_quiz, reflection_question, write_reflection

pytestmark = pytest.mark.django_db


# --- access ----------------------------------------------------------------------------------


def test_a_teacher_gets_their_own_class_and_another_teachers_is_a_404(
    classroom, teacher, other_teacher
):
    assert classroom_get_for_teacher(teacher=teacher, pk=classroom.pk) == classroom
    with pytest.raises(Http404):
        classroom_get_for_teacher(teacher=other_teacher, pk=classroom.pk)


def test_an_assignment_or_attempt_of_another_class_is_a_404(assignment, other_classroom, student):
    attempt = answer_quiz(student=student, assignment=assignment)
    with pytest.raises(Http404):
        assignment_get_for_teacher(classroom=other_classroom, pk=assignment.pk)
    with pytest.raises(Http404):
        attempt_get_for_teacher(classroom=other_classroom, pk=attempt.pk)
    with pytest.raises(Http404):
        student_get_for_teacher(classroom=other_classroom, pk=student.pk)


def test_a_removed_students_work_is_no_longer_shown(classroom, assignment, student):
    attempt = answer_quiz(student=student, assignment=assignment)
    membership_remove(classroom=classroom, student=student)
    with pytest.raises(Http404):
        attempt_get_for_teacher(classroom=classroom, pk=attempt.pk)
    assert progress_grid(classroom=classroom).total == 0


def test_the_class_list_counts_students_and_assignments_and_hides_archived_classes(
    classroom, assignment, teacher, make_student
):
    make_student("ada")
    (listed,) = classrooms_for_teacher(teacher=teacher)
    assert (listed.student_count, listed.assignment_count) == (2, 1)
    classroom_archive(classroom=classroom)
    assert classrooms_for_teacher(teacher=teacher) == []
    assert classrooms_for_teacher(teacher=teacher, archived=True) == [classroom]


# --- the grid --------------------------------------------------------------------------------


def cells(grid):
    return {
        (row.student.username, column.assignment.pk): cell
        for row in grid.rows
        for column, cell in zip(grid.columns, row.cells, strict=True)
    }


def test_the_grid_shows_each_students_status_and_score(assignment, student, make_student):
    ada, ben = make_student("ada", "Ada"), make_student("ben", "Ben")
    answer_quiz(student=ada, assignment=assignment)  # 12/12
    answer_quiz(student=ben, assignment=assignment, submit=False)

    grid = progress_grid(classroom=assignment.classroom)

    by = cells(grid)
    assert by[("ada", assignment.pk)].text == "75%"  # 12 of 16: the reflection is not scored
    assert "to score" not in by[("ada", assignment.pk)].notes  # no reflection written
    assert by[("ben", assignment.pk)].text == "In progress"
    assert by[(student.username, assignment.pk)].text == "Not started"
    assert [row.student.username for row in grid.rows] == ["ada", "ben", student.username]
    assert grid.columns[0].submitted == 1 and grid.columns[0].average == 75


def test_scoring_the_reflection_updates_the_grade_in_the_grid(assignment, teacher, make_student):
    ada = make_student("ada", "Ada")
    answer_quiz(student=ada, assignment=assignment)
    lesson_attempt = write_reflection(student=ada, assignment=assignment, text="Evidence " * 40)
    cell = cells(progress_grid(classroom=assignment.classroom))[("ada", assignment.pk)]
    assert (cell.text, "to score" in cell.notes) == ("75%", True)

    rubric_score(
        attempt=lesson_attempt,
        question=reflection_question(assignment.lesson),
        level=4,
        by=teacher,
    )

    cell = cells(progress_grid(classroom=assignment.classroom))[("ada", assignment.pk)]
    assert (cell.text, cell.notes) == ("100%", [])


def test_filters_keep_the_students_with_a_matching_cell(classroom, example_lesson, make_student):
    now = timezone.now()
    past = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=3),
        due_at=now - timedelta(days=1),
        late_until=now + timedelta(days=1),
    )
    ada, ben = make_student("ada"), make_student("ben")
    answer_quiz(student=ada, assignment=past)  # late: after the due date
    write_reflection(student=ben, assignment=past, text="Draft " * 40)  # overdue, to score

    def usernames(name):
        return [
            row.student.username for row in progress_grid(classroom=classroom, filter=name).rows
        ]

    assert usernames(Filter.LATE) == ["ada", "ben", "s.lovelace"]
    assert usernames(Filter.NOT_STARTED) == ["s.lovelace"]
    assert usernames(Filter.NEEDS_SCORING) == ["ben"]
    grid = progress_grid(classroom=classroom, filter=Filter.NEEDS_SCORING)
    assert grid.counts == {"all": 3, "late": 3, "not_started": 1, "needs_scoring": 1}
    assert [cell.highlight for cell in grid.rows[0].cells] == [True]
    assert cells(progress_grid(classroom=classroom))[("ada", past.pk)].notes == ["late"]


def test_an_unknown_filter_shows_everyone(assignment):
    assert progress_grid(classroom=assignment.classroom, filter="nonsense").filter == Filter.ALL


def test_an_extension_shows_in_the_grid_and_stops_work_counting_late(
    classroom, example_lesson, student
):
    now = timezone.now()
    past = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=3),
        due_at=now - timedelta(days=1),
    )
    extension_set(assignment=past, student=student, due_at=now + timedelta(days=1))
    answer_quiz(student=student, assignment=past)
    cell = cells(progress_grid(classroom=classroom))[(student.username, past.pk)]
    assert cell.notes == ["ext."]


# --- one student's work ----------------------------------------------------------------------


def test_student_work_shows_the_attempt_that_counts_with_key_and_time_spent(assignment, student):
    now = timezone.now()
    first = answer_quiz(student=student, assignment=assignment, right={"q-purpose"}, now=now)
    best = answer_quiz(student=student, assignment=assignment, now=now + timedelta(minutes=3))

    work = student_work(classroom=assignment.classroom, assignment=assignment, student=student)

    assert [a.pk for a in work.attempts] == [first.pk, best.pk]
    assert work.selected.attempt == best and work.selected.counted
    assert work.selected.time_spent is not None
    item = work.selected.items[0]
    assert item.graded.origin == "submit" and item.graded.parts
    assert item.current == item.graded

    other = student_work(
        classroom=assignment.classroom, assignment=assignment, student=student, attempt_pk=first.pk
    )
    assert other.selected.attempt == first and not other.selected.counted


def test_a_big_class_is_shown_a_page_of_students_at_a_time(assignment, make_student):
    for name in ("ada", "ben", "cy", "dee"):
        make_student(name)  # with the fixture's s.lovelace: five students

    first = progress_grid(classroom=assignment.classroom, page_size=2)
    last = progress_grid(classroom=assignment.classroom, page=3, page_size=2)
    everyone = progress_grid(classroom=assignment.classroom, page=0, page_size=2)

    assert [r.student.username for r in first.rows] == ["ada", "ben"]
    assert [r.student.username for r in last.rows] == ["s.lovelace"]
    assert len(everyone.rows) == 5
    assert [(p.number, p.first, p.last) for p in first.pages] == [
        (1, 1, 2),
        (2, 3, 4),
        (3, 5, 5),
        (0, 1, 5),
    ]
    assert first.counts["all"] == 5 and first.columns[0].submitted == 0
    assert progress_grid(classroom=assignment.classroom, page=9, page_size=2).page == 1


def test_a_class_that_fits_on_one_page_has_no_pager(assignment):
    assert not progress_grid(classroom=assignment.classroom).paginated


def test_students_waiting_for_a_score_come_in_register_order(assignment, teacher, make_student):
    ada, ben, cy = make_student("ada", "Ada"), make_student("ben", "Ben"), make_student("cy", "Cy")
    for student in (ada, ben, cy):
        answer_quiz(student=student, assignment=assignment)
    ada_work = write_reflection(student=ada, assignment=assignment, text="Draft " * 40)
    cy_work = write_reflection(student=cy, assignment=assignment, text="Draft " * 40)
    rubric_score(
        attempt=cy_work, question=reflection_question(assignment.lesson), level=2, by=teacher
    )

    assert students_to_score(assignment=assignment) == [ada]

    rubric_score(
        attempt=ada_work, question=reflection_question(assignment.lesson), level=4, by=teacher
    )
    assert students_to_score(assignment=assignment) == []


def test_the_next_student_to_score_comes_after_this_one_and_wraps_round(assignment, make_student):
    ada, ben, cy = make_student("ada", "Ada"), make_student("ben", "Ben"), make_student("cy", "Cy")
    for student in (ada, cy):
        write_reflection(student=student, assignment=assignment, text="Draft " * 40)

    after_ben = scoring_queue(assignment=assignment, student=ben)
    after_cy = scoring_queue(assignment=assignment, student=cy)

    assert (after_ben.next, after_ben.waiting) == (cy, 2)
    assert (after_cy.next, after_cy.waiting) == (ada, 2)
    assert scoring_queue(assignment=assignment, student=ada).next == cy


def test_nobody_is_next_to_score_when_only_this_student_waits(assignment, make_student):
    ada = make_student("ada", "Ada")
    write_reflection(student=ada, assignment=assignment, text="Draft " * 40)
    assert scoring_queue(assignment=assignment, student=ada).next is None


def test_work_after_an_extended_due_date_is_still_late(classroom, example_lesson, student):
    now = timezone.now()
    past = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=3),
        due_at=now - timedelta(days=2),
        late_until=now + timedelta(days=1),
    )
    extension_set(assignment=past, student=student, due_at=now - timedelta(days=1))
    answer_quiz(student=student, assignment=past)
    cell = cells(progress_grid(classroom=classroom))[(student.username, past.pk)]
    assert cell.notes == ["late", "ext."]
