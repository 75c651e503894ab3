"""The student's pages: the dashboard, a lesson step by step, activities, the skills page.

Every page works as plain HTML forms with JavaScript off. With JavaScript, htmx posts an
activity's "Check" and swaps in its feedback, and static/js/autosave.js saves each answer as
it changes. Views check access, call one selector or service and render; the rules live in
`quizzes.services` (saving, checking, deadlines) and `learning.selectors` (what a page shows).
A refused action is a `QuizError` that `config.errors` answers (a page, an htmx fragment or
JSON); no view catches it.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import student_required
from accounts.forms import JoinCodeForm
from classroom.selectors import assignment_get_for_student, assignment_get_for_student_work
from core.errors import answers_json
from core.http import form_data, saved_json
from learning import services
from learning.forms import posted_answers
from learning.selectors.dashboard import (
    assignments_for_dashboard,
    classes_waiting_for_approval,
    dashboard_next,
)
from learning.selectors.skills import skills_for_student
from learning.selectors.step import (
    activity_public_spec,
    check_feedback,
    lesson_attempts_get,
    lesson_step_page,
    lesson_work_get,
    reading_level_for,
)
from learning.selectors.step_access import assignment_attempts_get
from learning.step_html import activities_render
from learning.translations import reader_translation, step_page_translated
from lessons.models import ReadingLevel, StepKind
from lessons.selectors import lesson_citation_keys, lesson_glossary, lesson_references
from quizzes import selectors as quiz_selectors
from quizzes import services as quiz_services
from quizzes.errors import Code, QuizError
from quizzes.models import Attempt


@student_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    quiz_services.attempts_close_overdue(student=request.user)
    rows = assignments_for_dashboard(student=request.user)
    context = {
        "rows": rows,
        "next": dashboard_next(rows),
        "waiting": classes_waiting_for_approval(student=request.user),
        "join_form": JoinCodeForm(),
    }
    return render(request, "learning/assignment_list.html", context)


@student_required
@require_GET
def skills(request: HttpRequest) -> HttpResponse:
    rows = skills_for_student(student=request.user)
    return render(request, "learning/skill_list.html", {"rows": rows})


def _lesson_work(request: HttpRequest, assignment) -> Attempt:
    """The student's lesson-work record for this assignment, started on the first visit
    (raises QuizError when there is none and the assignment is not open)."""
    existing = lesson_work_get(student=request.user, assignment=assignment)
    if existing is not None:
        return existing
    return _lesson_work_start(request, assignment)


def _lesson_work_start(request: HttpRequest, assignment) -> Attempt:
    return quiz_services.attempt_start(
        student=request.user,
        lesson=assignment.lesson,
        assignment=assignment,
        kind=Attempt.Kind.LESSON,
    )


@student_required
@require_GET
def assignment_resume(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Open the lesson where the student left it (on this device or another one)."""
    assignment = assignment_get_for_student(student=request.user, pk=assignment_id)
    attempt = _lesson_work(request, assignment)
    kinds = list(assignment.lesson.steps.order_by("position").values_list("kind", flat=True))
    if not kinds:
        raise Http404("This lesson has no steps.")
    kind = attempt.current_step if attempt.current_step in kinds else kinds[0]
    return redirect("learning:step", assignment_id=assignment.pk, kind=kind)


@student_required
@require_http_methods(["GET", "POST"])
def step_detail(request: HttpRequest, assignment_id: int, kind: str) -> HttpResponse:
    """A step of the lesson; posted, its answers saved. A post by a student removed from the
    class, or in an archived class, is refused with a message saying so (4xx)."""
    if request.method == "POST":
        assignment = assignment_get_for_student_work(student=request.user, pk=assignment_id)
        attempt, quiz_attempts = lesson_attempts_get(student=request.user, assignment=assignment)
    else:  # the same read as one query, for the most frequent request
        assignment, attempt, quiz_attempts = assignment_attempts_get(
            student=request.user, pk=assignment_id
        )
    attempt = attempt or _lesson_work_start(request, assignment)
    page = lesson_step_page(
        attempt=attempt, assignment=assignment, kind=kind, quiz_attempts=quiz_attempts
    )
    translation = reader_translation(
        user=request.user, lesson=assignment.lesson, language=request.LANGUAGE_CODE
    )
    page = step_page_translated(page, translation)
    if request.method == "POST":
        return _step_post(request, page, translation)
    services.lesson_progress_save(attempt=attempt, step_kind=kind)
    return _step_render(request, page, translation)


def _step_render(request: HttpRequest, page, translation, status: int = 200) -> HttpResponse:
    """The step page, its activities' controls and feedback from the cache where it has them."""
    activities_render(page.activities, disabled=page.closed)
    context = {"page": page, "translation": translation}
    return render(request, "learning/step_detail.html", context, status=status)


@student_required
@require_GET
def lesson_glossary_page(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The lesson's glossary and its whole list of sources and references: a page of its own,
    or (for htmx) one of the two, which a step page loads when the student opens it."""
    assignment = assignment_get_for_student(student=request.user, pk=assignment_id)
    lesson = assignment.lesson
    context = {
        "assignment": assignment,
        "lesson": lesson,
        "glossary": lesson_glossary(lesson=lesson),
    }
    context["sources"], context["references"] = lesson_references(lesson=lesson)
    if request.htmx:
        context["part"] = "references" if request.GET.get("part") == "references" else "glossary"
        context["citations"] = [w.key for w in [*context["sources"], *context["references"]]]
        return render(request, "learning/_glossary_fragment.html", context)
    return render(request, "learning/lesson_glossary.html", context)


@student_required
@require_POST
def reading_level_set(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The student switches between the standard and the simpler texts; back to the step. A
    write on their lesson work, so refused like any other once they left the class."""
    assignment = assignment_get_for_student_work(student=request.user, pk=assignment_id)
    level = request.POST.get("level", "")
    if level not in ReadingLevel.values:  # refused before the lesson-work record is made
        raise QuizError(Code.INVALID_RESPONSE, _("Choose the standard or the simpler texts."))
    attempt = _lesson_work(request, assignment)
    services.lesson_reading_level_save(attempt=attempt, level=level)
    kind = request.POST.get("step", "")
    if kind not in StepKind.values:
        return redirect("learning:assignment", assignment_id=assignment.pk)
    return redirect("learning:step", assignment_id=assignment.pk, kind=kind)


def _step_url(page, kind: str | None = None, anchor: str = "") -> str:
    url = reverse("learning:step", args=[page.assignment.pk, kind or page.step.kind])
    return f"{url}#{anchor}" if anchor else url


def _step_post(request: HttpRequest, page, translation) -> HttpResponse:
    """The step's form without JavaScript: save every answer on the step, then check one
    activity, or go to another step. An answer that cannot be read is shown again, as typed,
    with its message (400), and nothing else is lost."""
    answers, raw_by_id = posted_answers(request.POST, page.activities)
    result = quiz_services.responses_save(attempt=page.attempt, answers=answers)
    if result.errors:
        for activity in page.activities:
            error = result.errors.get(activity.question.pk)
            if error:
                activity.error = error.message
                activity.response = raw_by_id.get(activity.question.pk)
                activity.feedback = None
        messages.error(request, _("Some answers could not be saved. They are marked below."))
        return _step_render(request, page, translation, status=400)

    check = request.POST.get("check")
    if check:
        activity = next((a for a in page.activities if str(a.question.pk) == check), None)
        if activity is None or not activity.checkable:
            raise QuizError(Code.UNKNOWN_QUESTION, _("That activity is not on this step."))
        data = raw_by_id.get(activity.question.pk)
        if data is None:
            raise QuizError(Code.INVALID_RESPONSE, _("Post the activity's answer with it."))
        quiz_services.activity_check(
            attempt=page.attempt, question_id=activity.question.pk, data=data
        )
        return redirect(_step_url(page, anchor=f"activity-{activity.uid}"))

    go = request.POST.get("go")
    if go:
        if go not in [link.step.kind for link in page.steps]:
            raise QuizError(Code.UNKNOWN_QUESTION, _("This lesson has no such step."))
        services.lesson_progress_save(attempt=page.attempt, step_kind=go)
        return redirect(_step_url(page, go))
    messages.success(request, _("Your answers were saved."))
    return redirect(_step_url(page))


def _activity_item(request: HttpRequest, assignment_id: int, question_id: int):
    """(assignment, attempt, item) for an activity endpoint (a write). Raises Http404 (not the
    student's, or not an activity of this lesson), ClassroomError (removed from the class, or
    the class archived) or QuizError."""
    assignment = assignment_get_for_student_work(student=request.user, pk=assignment_id)
    attempt = _lesson_work(request, assignment)
    item = quiz_selectors.attempt_item(attempt=attempt, question_id=question_id)
    if item is None:
        raise Http404("That activity is not part of this lesson.")
    return assignment, attempt, item


@student_required
@require_POST
def activity_check(request: HttpRequest, assignment_id: int, question_id: int) -> HttpResponse:
    """Check one activity: save the answer, grade it, and answer with its feedback (the
    fragment htmx swaps in), or go back to the step without JavaScript."""
    assignment, attempt, item = _activity_item(request, assignment_id, question_id)
    spec = item.qtype.parse_spec(item.question.spec)
    raw = item.qtype.parse_form(spec, request.POST, item.uid)
    if item.qtype.auto_graded:
        score = quiz_services.activity_check(
            attempt=attempt, question_id=item.question.pk, data=raw
        )
    else:
        quiz_services.response_save(attempt=attempt, question_id=item.question.pk, data=raw)
        score = None
    if not request.htmx:
        step_url = reverse("learning:step", args=[assignment.pk, item.question.step.kind])
        return redirect(f"{step_url}#activity-{item.uid}")
    feedback = None
    if score is not None:
        level = reading_level_for(attempt=attempt, assignment=assignment)
        public = activity_public_spec(
            attempt=attempt, question=item.question, assignment=assignment, level=level
        )
        feedback = check_feedback(question=item.question, spec=public, score=score, level=level)
        translation = reader_translation(
            user=request.user, lesson=assignment.lesson, language=request.LANGUAGE_CODE
        )
        feedback = translation.feedback(item.question, feedback)
    citations = lesson_citation_keys(lesson_id=assignment.lesson_id)
    context = {"feedback": feedback, "saved_only": score is None, "citations": citations}
    return render(request, "learning/_feedback_fragment.html", context)


@answers_json
@student_required
@require_POST
@transaction.atomic  # a refused save leaves nothing, not even a lesson-work record it started
def activity_save(request: HttpRequest, assignment_id: int, question_id: int) -> HttpResponse:
    """Autosave of one activity's answer, posted as its own form fields."""
    _assignment, attempt, item = _activity_item(request, assignment_id, question_id)
    posted = form_data(request)  # a body that is not a form must not save an empty answer
    spec = item.qtype.parse_spec(item.question.spec)
    raw = item.qtype.parse_form(spec, posted, item.uid)
    response = quiz_services.response_save(attempt=attempt, question_id=item.question.pk, data=raw)
    return saved_json(response.revision)
