"""One student's work on an assignment: reviewing it, scoring an item, resetting an attempt."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import teacher_required
from quizzes.errors import QuizError
from quizzes.models import Attempt

from .. import services
from ..forms import ItemScoreForm, ReasonForm, RubricScoreForm
from ..rubric import rubric_levels
from ..selectors import access, work
from .pages import GET_POST, form_page, parse_id


def _work_context(request, classroom, assignment, student, attempt_pk=None) -> dict:
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
    return render(
        request,
        "classroom/student_work.html",
        _work_context(
            request,
            classroom,
            assignment,
            student,
            parse_id(request.GET.get("attempt")),
        ),
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
    the scoring guide (written answers)."""
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    attempt = access.attempt_get_for_teacher(classroom=classroom, pk=attempt_pk)
    question = access.question_get_for_attempt(
        attempt=attempt, pk=parse_id(request.POST.get("question"))
    )
    error = None
    if "level" in request.POST:
        form = RubricScoreForm(request.POST, levels=rubric_levels(question))
        if form.is_valid():
            try:
                services.rubric_score(
                    attempt=attempt,
                    question=question,
                    level=form.cleaned_data["level"],
                    by=request.user,
                    comment=form.cleaned_data["comment"],
                )
            except (ValueError, QuizError) as problem:
                error = getattr(problem, "message", None) or str(problem)
        else:
            error = _("Choose a level of the scoring guide.")
    else:
        form = ItemScoreForm(request.POST)
        if form.is_valid():
            try:
                services.item_score(
                    attempt=attempt,
                    question=question,
                    points=form.cleaned_data["points"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except (ValueError, QuizError) as problem:
                error = getattr(problem, "message", None) or str(problem)
        else:
            error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if error is None:
        messages.success(request, _("Score saved."))
        return redirect(_work_url(attempt, classroom, f"#question-{question.pk}"))
    context = _work_context(
        request,
        classroom,
        attempt.assignment,
        attempt.student,
        attempt.pk if attempt.kind == Attempt.Kind.QUIZ else None,
    )
    context["work"].set_error(question.pk, error)
    messages.error(request, error)
    return render(request, "classroom/student_work.html", context, status=400)


@teacher_required
@GET_POST
def attempt_reset(request: HttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    attempt = access.attempt_get_for_teacher(classroom=classroom, pk=attempt_pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attempt_reset(
                attempt=attempt, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
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
    return form_page(
        request,
        "classroom/attempt_confirm_reset.html",
        {"classroom": classroom, "attempt": attempt, "form": form, "tab": "progress"},
    )
