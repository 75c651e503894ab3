"""Taking a quiz as a plain HTML form: works with JavaScript off."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from classroom.selectors import assignment_get_for_student
from learning.selectors import lesson_references
from lessons.models import Lesson
from quizzes import selectors, services
from quizzes.errors import QuizError
from quizzes.feedback import feedback_view
from quizzes.models import Attempt


def _error(request: HttpRequest, error: QuizError, attempt: Attempt | None = None):
    return render(
        request,
        "learning/attempt_error.html",
        {"message": error.message, "attempt": attempt},
        status=error.status,
    )


@login_required
@require_POST
def attempt_start(request: HttpRequest, assignment_id: int) -> HttpResponse:
    if not request.user.is_student:
        return render(request, "403.html", status=403)
    assignment = assignment_get_for_student(student=request.user, pk=assignment_id)
    try:
        attempt = services.attempt_start(
            student=request.user, lesson=assignment.lesson, assignment=assignment
        )
    except QuizError as error:
        return _error(request, error)
    return redirect("learning:attempt_take", pk=attempt.pk)


@login_required
@require_POST
def preview_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Teachers and authors try a quiz themselves; their attempts belong to no assignment."""
    if not (request.user.is_teacher or request.user.is_author):
        return render(request, "403.html", status=403)
    lesson = get_object_or_404(Lesson, slug=slug)
    attempt = services.attempt_start(student=request.user, lesson=lesson)
    return redirect("learning:attempt_take", pk=attempt.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_take(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_get_for_student(student=request.user, pk=pk)
    if request.method == "POST":
        return _attempt_post(request, attempt)
    if not attempt.is_open:
        return redirect("learning:attempt_result", pk=attempt.pk)
    items = selectors.attempt_items(attempt=attempt)
    return render(request, "learning/attempt_take.html", _take_context(attempt, items))


# A deadline this close is shown as a countdown even without a time limit (the assignment closes).
COUNTDOWN_WITHOUT_LIMIT = timedelta(hours=2)


def _take_context(attempt: Attempt, items, **extra) -> dict:
    """The quiz page's context, with the server's own count of the seconds left: the countdown
    in the browser starts from it, so it agrees with the server whatever the device's clock."""
    remaining = None
    timed = False
    if attempt.deadline is not None:
        left = attempt.deadline - timezone.now()
        remaining = max(0, int(left.total_seconds()))
        source = attempt.assignment if attempt.assignment_id else attempt.lesson.quiz
        timed = bool(source.time_limit_minutes) or left <= COUNTDOWN_WITHOUT_LIMIT
    answered = sum(item.response is not None for item in items)
    sources, references = lesson_references(lesson=attempt.lesson)
    return {
        "attempt": attempt,
        "items": items,
        "sources": sources,
        "references": references,
        "remaining_seconds": remaining,
        "timed": timed,
        "answered": answered,
        **extra,
    }


def _form_answers(request: HttpRequest, items) -> dict[int, object]:
    """The raw answer of every item the student touched, read by each type's own form parser."""
    posted = set(request.POST.getlist("items"))
    answers = {}
    for item in items:
        if str(item.question.pk) not in posted:
            continue  # not on the page that was posted: leave its answer alone
        spec = item.qtype.parse_spec(item.question.spec)
        raw = item.qtype.parse_form(spec, request.POST, item.uid)
        empty = item.qtype.dump_response(item.qtype.empty_response(spec))
        if item.response is not None or raw != empty:
            answers[item.question.pk] = raw
    return answers


def _attempt_post(request: HttpRequest, attempt: Attempt) -> HttpResponse:
    """Save every answer on the page, then submit if asked. An answer that cannot be read is
    reported next to its question and every other answer is still saved."""
    items = selectors.attempt_items(attempt=attempt)
    try:
        result = services.responses_save(attempt=attempt, answers=_form_answers(request, items))
    except QuizError as error:
        return _error(request, error, attempt)
    if result.errors:
        items = selectors.attempt_items(attempt=attempt)
        for item in items:
            error = result.errors.get(item.question.pk)
            item.error = error.message if error else ""
            if error:  # show what was typed, not the last saved answer
                item.response = None
        return render(
            request,
            "learning/attempt_take.html",
            _take_context(attempt, items, has_errors=True),
            status=400,
        )
    if request.POST.get("action") == "submit":
        services.attempt_submit(attempt=attempt)
        messages.success(request, _("Your answers were submitted."))
        return redirect("learning:attempt_result", pk=attempt.pk)
    messages.success(request, _("Your answers were saved."))
    return redirect("learning:attempt_take", pk=attempt.pk)


@login_required
@require_POST
def response_save(request: HttpRequest, pk: int, question_id: int) -> JsonResponse:
    """Autosave of one answer, posted as the question's own form fields."""
    attempt = selectors.attempt_get_for_saving(student=request.user, pk=pk)
    item = selectors.attempt_item(attempt=attempt, question_id=question_id)
    if item is None:
        return JsonResponse({"saved": False, "error": _("No such question.")}, status=404)
    spec = item.qtype.parse_spec(item.question.spec)
    raw = item.qtype.parse_form(spec, request.POST, item.uid)
    try:
        response = services.response_save(
            attempt=attempt, question_id=question_id, data=raw, question=item.question
        )
    except QuizError as error:
        return JsonResponse(
            {"saved": False, "error": error.message, "code": error.code}, status=error.status
        )
    return JsonResponse({"saved": True, "revision": response.revision})


@login_required
def attempt_result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_get_for_student(student=request.user, pk=pk)
    if attempt.is_open:
        return redirect("learning:attempt_take", pk=attempt.pk)
    review = selectors.attempt_review(attempt=attempt)
    items = selectors.attempt_items(attempt=attempt, with_scores=review.feedback)
    rows = [(item, _review_feedback(item, review)) for item in items]
    context = {"attempt": attempt, "items": items, "rows": rows, "review": review}
    if review.feedback:
        context["sources"], context["references"] = lesson_references(lesson=attempt.lesson)
    return render(request, "learning/attempt_result.html", context)


def _review_feedback(item, review):
    """Every part of a submitted answer, named; the expected answers only if the key may be
    shown. None when feedback is not released (or the item was not scored)."""
    if not review.feedback or item.score is None:
        return None
    return feedback_view(
        state=item.score.state,
        parts=item.score.parts,
        lines=item.score.feedback,
        qtype=item.qtype,
        public_spec=item.spec,
        response=item.response,
        question_feedback=item.question.feedback,
        formative=False,
        show_expected=review.key,
        points_earned=item.score.points_earned,
        points_possible=item.score.points_possible,
    )
