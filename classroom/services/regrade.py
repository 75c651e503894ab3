"""A teacher's regrade decision for one assignment, after a key fix
(docs/decisions/0017-regrade-and-versions.md)."""

from accounts.models import User
from quizzes import services as quiz_services

from ..models import Assignment
from .classes import check_active


def assignment_regrade(
    *, assignment: Assignment, policies: dict[str, str], by: User, reason: str = ""
) -> quiz_services.RegradePlan:
    """Apply `policies` ({question id: policy}) to the attempts of the class's students on
    this assignment (the attempts the teacher sees: a student who left the class is not
    touched). Refused on an archived class. Audited by the quiz service."""
    check_active(assignment.classroom)
    students = assignment.classroom.memberships.values_list("student_id", flat=True)
    return quiz_services.regrade_apply(
        lesson=assignment.lesson,
        policies=policies,
        by=by,
        reason=reason,
        assignment=assignment,
        student_ids=list(students),
    )
