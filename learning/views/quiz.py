"""Taking a quiz as a plain HTML form: works with JavaScript off. A refused action (closed,
no attempts left, time up) is a `QuizError` that `config.errors` answers; no view catches it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import student_required, teacher_or_author_required
from classroom.selectors import (
    assignment_get_for_student,
    attempt_get_writable,
    attempt_item_get_writable,
    attempt_item_known,
)
from classroom.services import quiz_answer_save_known
from classroom.timezones import class_zone_activate
from core.errors import answers_json
from core.http import form_data, saved_json
from learning.forms import posted_answers
from learning.selectors.attempt import attempt_get_for_taking, attempt_take_page
from learning.selectors.result import attempt_result_page
from learning.translations import (
    ReaderTranslation,
    reader_translation,
)
from lessons.selectors import lesson_visible_get
from quizzes import policy, selectors, services
from quizzes.models import Attempt


@student_required
@require_POST
def attempt_start(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = assignment_get_for_student(student=request.user, pk=assignment_id)
    attempt = services.attempt_start(
        student=request.user, lesson=assignment.lesson, assignment=assignment
    )
    return redirect("learning:attempt_take", pk=attempt.pk)


@teacher_or_author_required
@require_POST
def preview_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Teachers and authors try a quiz themselves; their attempts belong to no assignment."""
    lesson = lesson_visible_get(user=request.user, slug=slug)
    if lesson is None:
        raise Http404("No such lesson.")
    attempt = services.attempt_start(student=request.user, lesson=lesson)
    return redirect("learning:attempt_take", pk=attempt.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_take(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":  # a save past the deadline closes the attempt itself
        # Refused (4xx, nothing written) for a student removed from the class, or in an
        # archived class. Only what a save reads: the page, if it must be shown again, is
        # read then.
        attempt = attempt_get_writable(student=request.user, pk=pk)
        return _attempt_post(request, attempt)
    attempt = attempt_get_for_taking(student=request.user, pk=pk)
    if attempt.assignment is not None:
        class_zone_activate(attempt.assignment.classroom)
    if attempt.is_open and _closed_overdue(request, attempt):
        attempt.refresh_from_db()
    if not attempt.is_open:
        return redirect("learning:attempt_result", pk=attempt.pk)
    translation = _translation(request, attempt)
    page = attempt_take_page(attempt=attempt, translation=translation)
    context = {"page": page, "translation": translation}
    return render(request, "learning/attempt_take.html", context)


def _translation(request: HttpRequest, attempt: Attempt) -> ReaderTranslation:
    """The lesson's translation for this reader; a teacher's preview (no assignment) shows
    the original, as it has no switch."""
    if attempt.assignment is None:
        return ReaderTranslation(attempt.lesson, None)
    return reader_translation(
        user=request.user, lesson=attempt.lesson, language=request.LANGUAGE_CODE
    )


def _closed_overdue(request: HttpRequest, attempt: Attempt) -> int:
    """Close the student's overdue attempts when this one is overdue (how many closed). An
    attempt still in time needs no query: the quiz page is the most frequent page of all, and
    the dashboard and every other attempt's page close their own."""
    if not policy.is_past(attempt.deadline, timezone.now()):
        return 0
    return services.attempts_close_overdue(student=request.user)


def _attempt_post(request: HttpRequest, attempt: Attempt) -> HttpResponse:
    """Save every answer on the page, then submit if asked. An answer that cannot be read is
    reported next to its question and every other answer is still saved."""
    items = selectors.attempt_items(attempt=attempt, public_specs=False)
    answers, _raw = posted_answers(request.POST, items)
    known = {item.question.pk: item.question for item in items}  # not read again
    submit = request.POST.get("action") == "submit"
    # Saved and, with "Submit", graded in one transaction (only if every answer was read).
    result = services.responses_save(attempt=attempt, answers=answers, known=known, submit=submit)
    if result.errors:
        attempt = selectors.attempt_get_for_student(student=request.user, pk=attempt.pk)
        if attempt.assignment is not None:
            class_zone_activate(attempt.assignment.classroom)
        items = selectors.attempt_items(attempt=attempt)
        for item in items:
            error = result.errors.get(item.question.pk)
            item.error = error.message if error else ""
            if error:  # show what was typed, not the last saved answer
                item.response = None
        translation = _translation(request, attempt)
        page = attempt_take_page(attempt=attempt, translation=translation, items=items)
        context = {"page": page, "translation": translation}
        return render(request, "learning/attempt_take.html", context, status=400)
    if submit:
        messages.success(request, _("Your answers were submitted."))
        return redirect("learning:attempt_result", pk=attempt.pk)
    messages.success(request, _("Your answers were saved."))
    return redirect("learning:attempt_take", pk=attempt.pk)


@answers_json
@login_required
@require_POST
def response_save(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    """Autosave of one answer, posted as the question's own form fields."""
    known = attempt_item_known(student=request.user, pk=pk, question_id=question_id)
    if known is not None:  # read for an earlier save: one statement, if nothing has changed
        posted = form_data(request)
        revision = quiz_answer_save_known(student=request.user, known=known, posted=posted)
        if revision is not None:
            return saved_json(revision)
    attempt, item = attempt_item_get_writable(student=request.user, pk=pk, question_id=question_id)
    if item is None:
        return JsonResponse({"saved": False, "error": _("No such question.")}, status=404)
    posted = form_data(request)  # a body that is not a form must not save an empty answer
    spec = item.question.spec_parsed()  # parsed once: the answer is read with it too
    raw = item.qtype.parse_form(spec, posted, item.uid)
    response = services.response_save(
        attempt=attempt, question_id=question_id, data=raw, question=item.question
    )
    return saved_json(response.revision)


@login_required
@require_GET
def attempt_result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_get_for_taking(student=request.user, pk=pk)  # the same read
    if attempt.assignment is not None:
        class_zone_activate(attempt.assignment.classroom)
    if attempt.is_open and _closed_overdue(request, attempt):
        attempt.refresh_from_db()
    if attempt.is_open:
        return redirect("learning:attempt_take", pk=attempt.pk)
    translation = _translation(request, attempt)
    page = attempt_result_page(attempt=attempt, translation=translation)
    context = {"page": page, "translation": translation}
    return render(request, "learning/attempt_result.html", context)
