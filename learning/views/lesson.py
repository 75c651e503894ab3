"""The student's pages: the dashboard, a lesson step by step, activities, the skills page.

Every page works as plain HTML forms with JavaScript off. With JavaScript, htmx posts an
activity's "Check" and swaps in its feedback, and static/js/autosave.js saves each answer as
it changes. Views check access, call one selector or service and render; the rules live in
`quizzes.services` (saving, checking, deadlines) and `learning.selectors` (what a page shows).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import JoinCodeForm
from classroom.selectors import assignment_get_for_student
from learning import selectors, services
from quizzes import selectors as quiz_selectors
from quizzes import services as quiz_services
from quizzes.errors import QuizError
from quizzes.models import Attempt


def student_required(view):
    """Logged in (else the login page), and a student (else 403)."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_student:
            return render(request, "403.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


@student_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    rows = selectors.assignments_for_dashboard(student=request.user)
    return render(
        request, "learning/assignment_list.html", {"rows": rows, "join_form": JoinCodeForm()}
    )


@student_required
@require_GET
def skills(request: HttpRequest) -> HttpResponse:
    rows = selectors.skills_for_student(student=request.user)
    return render(request, "learning/skill_list.html", {"rows": rows})


def _start(request: HttpRequest, assignment) -> Attempt:
    """The student's lesson-work record for this assignment, started on the first visit.
    Raises QuizError when there is none and the assignment is not open."""
    existing = selectors.lesson_work_get(student=request.user, assignment=assignment)
    if existing is not None:
        return existing
    return quiz_services.attempt_start(
        student=request.user,
        lesson=assignment.lesson,
        assignment=assignment,
        kind=Attempt.Kind.LESSON,
    )


def _lesson_attempt(request: HttpRequest, assignment) -> tuple[Attempt | None, HttpResponse | None]:
    try:
        return _start(request, assignment), None
    except QuizError as error:
        return None, _error(request, error)


def _error(request: HttpRequest, error: QuizError) -> HttpResponse:
    return render(
        request, "learning/attempt_error.html", {"message": error.message}, status=error.status
    )


@student_required
@require_GET
def assignment_resume(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """Open the lesson where the student left it (on this device or another one)."""
    assignment = assignment_get_for_student(student=request.user, pk=assignment_id)
    attempt, error = _lesson_attempt(request, assignment)
    if error:
        return error
    kinds = list(assignment.lesson.steps.order_by("position").values_list("kind", flat=True))
    if not kinds:
        return render(request, "404.html", status=404)
    kind = attempt.current_step if attempt.current_step in kinds else kinds[0]
    return redirect("learning:step", assignment_id=assignment.pk, kind=kind)


@student_required
@require_http_methods(["GET", "POST"])
def step_detail(request: HttpRequest, assignment_id: int, kind: str) -> HttpResponse:
    assignment = assignment_get_for_student(student=request.user, pk=assignment_id)
    attempt, error = _lesson_attempt(request, assignment)
    if error:
        return error
    page = selectors.lesson_step_page(attempt=attempt, assignment=assignment, kind=kind)
    if request.method == "POST":
        return _step_post(request, page)
    services.lesson_progress_save(attempt=attempt, step_kind=kind)
    return render(request, "learning/step_detail.html", {"page": page})


def _form_answers(request: HttpRequest, activities) -> tuple[dict[int, object], dict[int, object]]:
    """(answers to save, every activity's raw answer). An activity left untouched and never
    answered is not saved, so that a bare "Next" does not store empty answers."""
    posted = set(request.POST.getlist("items"))
    answers, raw_by_id = {}, {}
    for activity in activities:
        if str(activity.question.pk) not in posted:
            continue
        spec = activity.qtype.parse_spec(activity.question.spec)
        raw = activity.qtype.parse_form(spec, request.POST, activity.uid)
        raw_by_id[activity.question.pk] = raw
        empty = activity.qtype.dump_response(activity.qtype.empty_response(spec))
        if activity.response is not None or raw != empty:
            answers[activity.question.pk] = raw
    return answers, raw_by_id


def _step_url(page, kind: str | None = None, anchor: str = "") -> str:
    url = reverse("learning:step", args=[page.assignment.pk, kind or page.step.kind])
    return f"{url}#{anchor}" if anchor else url


def _step_post(request: HttpRequest, page) -> HttpResponse:
    """The step's form without JavaScript: save every answer on the step, then check one
    activity, or go to another step. An answer that cannot be read is shown again, as typed,
    with its message (400), and nothing else is lost."""
    answers, raw_by_id = _form_answers(request, page.activities)
    try:
        result = quiz_services.responses_save(attempt=page.attempt, answers=answers)
    except QuizError as error:
        return _error(request, error)
    if result.errors:
        for activity in page.activities:
            error = result.errors.get(activity.question.pk)
            if error:
                activity.error = error.message
                activity.response = raw_by_id.get(activity.question.pk)
                activity.feedback = None
        messages.error(request, _("Some answers could not be saved. They are marked below."))
        return render(request, "learning/step_detail.html", {"page": page}, status=400)

    check = request.POST.get("check")
    if check:
        activity = next((a for a in page.activities if str(a.question.pk) == check), None)
        if activity is None or not activity.checkable:
            return _bad_request(request, _("That activity is not on this step."))
        data = raw_by_id.get(activity.question.pk)
        if data is None:
            return _bad_request(request, _("Post the activity's answer with it."))
        try:
            quiz_services.activity_check(
                attempt=page.attempt, question_id=activity.question.pk, data=data
            )
        except QuizError as error:
            return _error(request, error)
        return redirect(_step_url(page, anchor=f"activity-{activity.uid}"))

    go = request.POST.get("go")
    if go:
        kinds = [link.step.kind for link in page.steps]
        if go not in kinds:
            return _bad_request(request, _("This lesson has no such step."))
        services.lesson_progress_save(attempt=page.attempt, step_kind=go)
        return redirect(_step_url(page, go))
    messages.success(request, _("Your answers were saved."))
    return redirect(_step_url(page))


def _bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "learning/attempt_error.html", {"message": message}, status=400)


def _activity_item(request: HttpRequest, assignment_id: int, question_id: int):
    """(assignment, attempt, item) for an activity endpoint; item is None if the question is
    not an activity of this lesson. Raises Http404 (not the student's) or QuizError."""
    assignment = assignment_get_for_student(student=request.user, pk=assignment_id)
    attempt = _start(request, assignment)
    return (
        assignment,
        attempt,
        quiz_selectors.attempt_item(attempt=attempt, question_id=question_id),
    )


@student_required
@require_POST
def activity_check(request: HttpRequest, assignment_id: int, question_id: int) -> HttpResponse:
    """Check one activity: save the answer, grade it, and answer with its feedback (the
    fragment htmx swaps in), or go back to the step without JavaScript."""
    try:
        assignment, attempt, item = _activity_item(request, assignment_id, question_id)
    except QuizError as exc:
        return _fragment(request, exc.message, exc.status)
    if item is None:
        return _fragment(request, _("That activity is not part of this lesson."), 404)
    spec = item.qtype.parse_spec(item.question.spec)
    raw = item.qtype.parse_form(spec, request.POST, item.uid)
    try:
        if item.qtype.auto_graded:
            score = quiz_services.activity_check(
                attempt=attempt, question_id=item.question.pk, data=raw
            )
        else:
            quiz_services.response_save(attempt=attempt, question_id=item.question.pk, data=raw)
            score = None
    except QuizError as exc:
        return _fragment(request, exc.message, exc.status)
    if not request.htmx:
        step_url = reverse("learning:step", args=[assignment.pk, item.question.step.kind])
        return redirect(f"{step_url}#activity-{item.uid}")
    feedback = None
    if score is not None:
        public = selectors.activity_public_spec(
            attempt=attempt, question=item.question, assignment=assignment
        )
        feedback = selectors.check_feedback(question=item.question, spec=public, score=score)
    return render(
        request,
        "learning/_feedback.html",
        {"feedback": feedback, "saved_only": score is None},
    )


def _fragment(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """An error as htmx swaps it into the feedback area, or as a page without JavaScript."""
    template = "learning/_feedback.html" if request.htmx else "learning/attempt_error.html"
    return render(request, template, {"error": message, "message": message}, status=status)


@student_required
@require_POST
def activity_save(request: HttpRequest, assignment_id: int, question_id: int) -> JsonResponse:
    """Autosave of one activity's answer, posted as its own form fields."""
    try:
        _assignment, attempt, item = _activity_item(request, assignment_id, question_id)
        if item is None:
            return JsonResponse({"saved": False, "error": _("No such activity.")}, status=404)
        spec = item.qtype.parse_spec(item.question.spec)
        raw = item.qtype.parse_form(spec, request.POST, item.uid)
        response = quiz_services.response_save(
            attempt=attempt, question_id=item.question.pk, data=raw
        )
    except QuizError as exc:
        return JsonResponse(
            {"saved": False, "error": exc.message, "code": exc.code}, status=exc.status
        )
    return JsonResponse({"saved": True, "revision": response.revision})
