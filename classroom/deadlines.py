"""A student's due date as a database expression, for lists that compare it row by row.

The rule is `quizzes.policy.student_window`: the extension's due date when it is later than the
class's, else the class's. Here it is the same rule written for the database, so that a grid of
a thousand students decides lateness in one query; a table test holds the two together."""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest

from .models import Extension


def student_due_at(*, assignment: str = "assignment", student: str = "student"):
    """The due date of the row's student on the row's assignment. `assignment` and `student`
    name the row's fields (e.g. on an Attempt: the defaults)."""
    extension_due = Extension.objects.filter(
        assignment=OuterRef(f"{assignment}_id"), student=OuterRef(f"{student}_id")
    ).values("due_at")[:1]
    class_due = F(f"{assignment}__due_at")
    # Coalesce first: an extension with no due date (extra minutes only) leaves the class's.
    return Greatest(class_due, Coalesce(Subquery(extension_due), class_due))
