"""The projector view: an assignment's document, activities and quiz items on a classroom
screen, with the class's answers counted and no name shown."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import teacher_required

from .. import services
from ..selectors import access, projector


@teacher_required
@require_GET
def projector_slide(
    request: HttpRequest, pk: int, assignment_pk: int, slide: int = 0
) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    services.class_attempts_close_overdue(classroom=classroom, assignment=assignment)
    # Any other value is simply "off": the key stays hidden unless asked for exactly.
    with_key = request.GET.get("key") == "1"
    with_answers = request.GET.get("answers") != "0"
    return render(
        request,
        "classroom/projector.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "slide": projector.projector_slide(
                assignment=assignment, number=slide, with_key=with_key and with_answers
            ),
            "with_key": with_key and with_answers,
            "with_answers": with_answers,
            # Moving to another slide keeps what is shown, except the key: it is revealed
            # for one item at a time.
            "query": "" if with_answers else "?answers=0",
        },
    )
