"""The student's switch between a lesson's translation (into their interface language) and
its original (learning.translations); remembered per lesson, on their account."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.access import student_required
from classroom.selectors import assignment_get_for_student_work
from learning import services


@student_required
@require_POST
def lesson_language_set(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """``original=1``: read the lesson as written; ``original=0``: in the translation. Back to
    the page the switch was on (``next``, a path of this site), else to the lesson. Refused
    like any other write once the student left the class."""
    assignment = assignment_get_for_student_work(student=request.user, pk=assignment_id)
    services.lesson_original_choose(
        user=request.user, lesson=assignment.lesson, original=request.POST.get("original") == "1"
    )
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("learning:assignment", assignment_id=assignment.pk)
