"""Reads on classes, assignments and students' work, with access built in.

One module per concept: `access` (the `*_for_teacher` and `*_for_student` getters: another
teacher's class does not exist for them, a 404; a student's assignment is read as SQL in
`student_assignment`), `roster` (the list of students with requests
to join, names alike and login waits), `progress` (each student's progress on each
assignment), `grid` (the progress grid, as a presenter), `work` (one student's work), `labels`
(what each graded part of a key is about), `item_analysis`, `guide` (the teacher guide) and
`regrade` (key changes a class answered, and a regrade's preview).
Page-sized reads fetch plain rows in a fixed number of queries (asserted in
tests/classroom/test_query_counts.py) and compute in Python (`classroom.progress`,
`classroom.analysis`).

The names below are the package's public API, for callers outside the app."""

from .access import (
    assignment_get_for_student_work,
    assignment_get_for_teacher,
    attempt_get_for_teacher,
    attempt_get_writable,
    attempt_item_get_writable,
    attempt_item_known,
    classroom_get_for_teacher,
    classroom_students,
    classrooms_for_teacher,
    student_get_for_teacher,
)
from .grid import Filter, progress_grid
from .guide import lesson_guide
from .item_analysis import assignment_analysis
from .progress import ClassProgress, attempt_rows, class_progress
from .student_assignment import assignment_get_for_student
from .work import student_work, students_to_score

__all__ = [
    "ClassProgress",
    "Filter",
    "assignment_analysis",
    "assignment_get_for_student",
    "assignment_get_for_student_work",
    "assignment_get_for_teacher",
    "attempt_get_for_teacher",
    "attempt_get_writable",
    "attempt_item_get_writable",
    "attempt_item_known",
    "attempt_rows",
    "class_progress",
    "classroom_get_for_teacher",
    "classroom_students",
    "classrooms_for_teacher",
    "lesson_guide",
    "progress_grid",
    "student_get_for_teacher",
    "student_work",
    "students_to_score",
]
