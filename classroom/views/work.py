"""One student's work on an assignment: reviewing it, scoring an item, resetting an attempt."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import teacher_required
from core.forms import GET_POST, form_page, parse_id
from quizzes.models import Attempt

from .. import services
from ..forms import ItemScoreForm, ReasonForm, RubricScoreForm
from ..rubric import rubric_levels
from ..selectors import access, work


def _work_context(classroom, assignment, student, attempt_pk=None) -> dict:
    services.class_attempts_close_overdue(classroom=classroom, assignment=assignment)
    queue = work.scoring_queue(assignment=assignment, student=student)
    return {
        "classroom": classroom,
        "assignment": assignment,
        "student": student,
        "work": work.student_work(
            classroom=classroom, assignment=assignment, student=student, attempt_pk=attempt_pk
        ),
        "next_to_score": queue.next,
        "waiting": queue.waiting,
        "tab": "progress",
    }


@teacher_required
@require_GET
def student_work(
    request: HttpRequest, pk: int, assignment_pk: int, student_pk: int
) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    student = access.student_get_for_teacher(classroom=classroom, pk=student_pk)
    attempt_pk = parse_id(request.GET.get("attempt"))
    return render(
        request,
        "classroom/student_work.html",
        _work_context(classroom, assignment, student, attempt_pk),
    )


def _work_url(attempt: Attempt, classroom, anchor: str = "") -> str:
    url = reverse(
        "classroom:student_work", args=[classroom.pk, attempt.assignment_id, attempt.student_id]
    )
    if attempt.kind == Attempt.Kind.QUIZ:
        url += f"?attempt={attempt.pk}"
    return url + anchor


@teacher_required
@require_POST
def item_score(request: HttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    """Score one item of an attempt: by points (an override, with a reason), or by a level of
    the scoring guide (written answers). A refused score comes back on the student's page,
    next to the item."""
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    attempt = access.attempt_get_for_teacher(classroom=classroom, pk=attempt_pk)
    question = access.question_get_for_attempt(
        attempt=attempt, pk=parse_id(request.POST.get("question"))
    )
    by_level = "level" in request.POST
    if by_level:
        form = RubricScoreForm(request.POST, levels=rubric_levels(question))
    else:
        form = ItemScoreForm(request.POST)

    def submit(data: dict) -> HttpResponse:
        if by_level:
            services.rubric_score(
                attempt=attempt,
                question=question,
                level=data["level"],
                by=request.user,
                comment=data["comment"],
            )
        else:
            services.item_score(
                attempt=attempt,
                question=question,
                points=data["points"],
                by=request.user,
                reason=data["reason"],
            )
        messages.success(request, _("Score saved."))
        return redirect(_work_url(attempt, classroom, f"#question-{question.pk}"))

    def context() -> dict:
        shown = attempt.pk if attempt.kind == Attempt.Kind.QUIZ else None
        page = _work_context(classroom, attempt.assignment, attempt.student, shown)
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        page["work"].set_error(question.pk, error)
        messages.error(request, error)
        return page

    return form_page(request, "classroom/student_work.html", context, form=form, submit=submit)


@teacher_required
@GET_POST
def attempt_reset(request: HttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    attempt = access.attempt_get_for_teacher(classroom=classroom, pk=attempt_pk)

    def submit(data: dict) -> HttpResponse:
        services.attempt_reset(attempt=attempt, by=request.user, reason=data["reason"])
        messages.success(
            request,
            _("The attempt was reset; %(name)s can start again. The record is kept below.")
            % {"name": attempt.student},
        )
        return redirect(
            "classroom:student_work",
            pk=classroom.pk,
            assignment_pk=attempt.assignment_id,
            student_pk=attempt.student_id,
        )

    form = ReasonForm(request.POST or None)
    context = {"classroom": classroom, "attempt": attempt, "tab": "progress"}
    return form_page(
        request, "classroom/attempt_confirm_reset.html", context, form=form, submit=submit
    )
