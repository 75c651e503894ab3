"""Regrade after a key fix, for one assignment: the questions whose key changed, a preview of
a decision (GET), and the decision itself (POST)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import teacher_required
from core.forms import GET_POST, form_page

from .. import services
from ..forms import RegradeForm
from ..selectors import access
from ..selectors import regrade as selectors

TEMPLATE = "classroom/assignment_regrade.html"


@teacher_required
@GET_POST
def assignment_regrade(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """GET: the changed questions with a policy each; with `preview` in the query, what the
    policies would do to each student and to the class average. POST: apply them."""
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    questions = selectors.changed_questions(assignment=assignment)
    context = {
        "classroom": classroom,
        "assignment": assignment,
        "questions": questions,
        "tab": "progress",
    }
    if request.method == "GET":
        previewing = "preview" in request.GET
        form = RegradeForm(request.GET if previewing else None, questions=questions)
        context["questions_and_fields"] = list(zip(questions, form.policy_fields(), strict=True))
        if previewing and form.is_valid():
            context["preview"] = selectors.regrade_preview(
                assignment=assignment, policies=form.policies()
            )
        status = 400 if previewing and not form.is_valid() else 200
        return render(request, TEMPLATE, {**context, "form": form}, status=status)

    form = RegradeForm(request.POST, questions=questions)
    context["questions_and_fields"] = list(zip(questions, form.policy_fields(), strict=True))

    def submit(data: dict) -> HttpResponse:
        plan = services.assignment_regrade(
            assignment=assignment, policies=form.policies(), by=request.user, reason=data["reason"]
        )
        messages.success(
            request,
            _("Regrade applied: %(n)d score(s) changed, each kept with your name and reason.")
            % {"n": len(plan.changes)},
        )
        return redirect(
            "classroom:assignment_regrade", pk=classroom.pk, assignment_pk=assignment.pk
        )

    return form_page(request, TEMPLATE, context, form=form, submit=submit)
