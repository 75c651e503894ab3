"""The teacher-side fixtures (more students, another teacher's class), for the quiz services
that act on a class's work: regrading after a key fix."""

from tests.classroom.conftest import make_student, other_classroom, other_teacher  # noqa: F401
