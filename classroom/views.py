"""The teacher's pages: classes, rosters, assignments, progress, scoring, analysis, exports.

Each view checks access (`teacher_required`, then a `*_for_teacher` selector: another teacher's
class is a 404), binds a form, calls one service or selector, and renders or redirects. Bad
input is answered with the page again and a message, with a 4xx status."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import teacher_required
from quizzes.errors import QuizError
from quizzes.models import Attempt, Question

from . import exports, services
from .forms import (
    AssignmentForm,
    ClassroomForm,
    ExtensionForm,
    ItemScoreForm,
    ReasonForm,
    RosterImportForm,
    RubricScoreForm,
)
from .rubric import rubric_levels
from .selectors import access, grid, guide, item_analysis, work

GET_POST = require_http_methods(["GET", "POST"])


def _id(value: str | None) -> int | None:
    """A database id from a query string or form field, or None (ASCII digits only: "²" is a
    digit to str.isdigit and not a number to the database)."""
    if value and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return None


def _archived(request: HttpRequest, classroom) -> HttpResponse:
    return render(
        request,
        "classroom/classroom_archived.html",
        {"classroom": classroom},
        status=409,
    )


def _form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """A form page: 200 when first shown, 400 when a posted form comes back with errors."""
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


# --- classes -------------------------------------------------------------------------------


@teacher_required
@require_GET
def classroom_list(request: HttpRequest) -> HttpResponse:
    archived = request.GET.get("archived") == "1"
    return render(
        request,
        "classroom/classroom_list.html",
        {
            "classrooms": access.classrooms_for_teacher(teacher=request.user, archived=archived),
            "archived": archived,
        },
    )


@teacher_required
@GET_POST
def classroom_create(request: HttpRequest) -> HttpResponse:
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = services.classroom_create(
                teacher=request.user, name=form.cleaned_data["name"]
            )
        except ValueError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("Class “%s” created.") % classroom.name)
            return redirect("classroom:classroom_students", pk=classroom.pk)
    return _form_page(request, "classroom/classroom_form.html", {"form": form})


@teacher_required
@GET_POST
def classroom_edit(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    form = ClassroomForm(request.POST or None, initial={"name": classroom.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.classroom_rename(classroom=classroom, name=form.cleaned_data["name"])
        except ValueError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("Class renamed."))
            return redirect("classroom:classroom_students", pk=classroom.pk)
    return _form_page(
        request,
        "classroom/classroom_form.html",
        {"form": form, "classroom": classroom, "tab": "settings"},
    )


@teacher_required
@require_POST
def classroom_archive(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    if request.POST.get("action") == "restore":
        services.classroom_restore(classroom=classroom)
        messages.success(request, _("Class “%s” restored.") % classroom.name)
        return redirect("classroom:classroom_progress", pk=classroom.pk)
    services.classroom_archive(classroom=classroom)
    messages.success(
        request,
        _("Class “%s” archived. Students no longer see it; nothing was deleted.") % classroom.name,
    )
    return redirect("classroom:classroom_list")


@teacher_required
@require_POST
def join_code_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    if classroom.archived_at:
        return _archived(request, classroom)
    services.join_code_regenerate(classroom=classroom)
    messages.success(
        request, _("New join code: %s. The old code no longer works.") % classroom.join_code
    )
    return redirect("classroom:classroom_students", pk=classroom.pk)


# --- students --------------------------------------------------------------------------------


@teacher_required
@require_GET
def classroom_students(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    return render(
        request,
        "classroom/classroom_students.html",
        {
            "classroom": classroom,
            "students": access.classroom_students(classroom=classroom),
            "join_url": request.build_absolute_uri("/"),
            "tab": "students",
        },
    )


@teacher_required
@never_cache
@GET_POST
def roster_import(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    if classroom.archived_at:
        return _archived(request, classroom)
    form = RosterImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        errors = form.roster.errors
        if not errors:
            try:
                credentials = services.roster_import(classroom=classroom, rows=form.roster.rows)
            except services.RosterInvalid as invalid:
                errors = invalid.errors
            else:
                return render(
                    request,
                    "classroom/roster_credentials.html",
                    {
                        "classroom": classroom,
                        "credentials": credentials,
                        "login_url": request.build_absolute_uri(reverse("accounts:login")),
                    },
                )
    return _form_page(
        request,
        "classroom/roster_import.html",
        {"classroom": classroom, "form": form, "errors": errors, "tab": "students"},
    )


@teacher_required
@GET_POST
def membership_remove(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    student = access.student_get_for_teacher(classroom=classroom, pk=student_pk)
    if request.method == "POST":
        services.membership_remove(classroom=classroom, student=student)
        messages.success(
            request,
            _("%(name)s was removed from the class. Their account and work are kept.")
            % {"name": student},
        )
        return redirect("classroom:classroom_students", pk=classroom.pk)
    return render(
        request,
        "classroom/membership_confirm_remove.html",
        {"classroom": classroom, "student": student, "tab": "students"},
    )


@teacher_required
@never_cache
@GET_POST
def student_password_reset(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    student = access.student_get_for_teacher(classroom=classroom, pk=student_pk)
    password = None
    if request.method == "POST":
        password = services.student_password_reset(classroom=classroom, student=student)
    return render(
        request,
        "classroom/student_password.html",
        {"classroom": classroom, "student": student, "password": password, "tab": "students"},
    )


# --- progress --------------------------------------------------------------------------------


def _grid_context(request: HttpRequest, classroom) -> dict:
    return {
        "classroom": classroom,
        "grid": grid.progress_grid(
            classroom=classroom,
            filter=request.GET.get("filter", grid.Filter.ALL),
            page=request.GET.get("page", 1),
        ),
        "tab": "progress",
    }


@teacher_required
@require_GET
def classroom_progress(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    return render(request, "classroom/classroom_progress.html", _grid_context(request, classroom))


@teacher_required
@never_cache
@require_GET
def progress_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """The grid alone, fetched every few seconds by static/js/teacher-progress.js."""
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    return render(request, "classroom/_progress_grid.html", _grid_context(request, classroom))


# --- assignments -----------------------------------------------------------------------------


@teacher_required
@GET_POST
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    if classroom.archived_at:
        return _archived(request, classroom)
    lessons = access.lessons_for_teacher()
    chosen = next((lesson for lesson in lessons if lesson.slug == request.GET.get("lesson")), None)
    form = AssignmentForm(
        request.POST or None,
        lessons=lessons,
        initial=AssignmentForm.initial_for(chosen or (lessons[0] if lessons else None)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                classroom=classroom,
                lesson=data["lesson"],
                opens_at=data["opens_at"],
                due_at=data["due_at"],
                late_until=data["late_until"],
                **form.settings(),
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("“%s” is assigned to the class.") % assignment.lesson.title)
            return redirect("classroom:classroom_progress", pk=classroom.pk)
    return _form_page(
        request,
        "classroom/assignment_form.html",
        {"classroom": classroom, "form": form, "lessons": lessons, "tab": "assignments"},
    )


@teacher_required
@GET_POST
def assignment_edit(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    if request.method == "POST" and classroom.archived_at:
        return _archived(request, classroom)
    form = AssignmentForm(
        request.POST or None,
        fixed_lesson=assignment.lesson,
        initial=AssignmentForm.initial_from(assignment),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assignment_update(
                assignment=assignment,
                opens_at=data["opens_at"],
                due_at=data["due_at"],
                late_until=data["late_until"],
                **form.settings(),
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Assignment updated."))
            return redirect(
                "classroom:assignment_analysis", pk=classroom.pk, assignment_pk=assignment.pk
            )
    return _form_page(
        request,
        "classroom/assignment_form.html",
        {"classroom": classroom, "assignment": assignment, "form": form, "tab": "progress"},
    )


@teacher_required
@require_GET
def assignment_analysis(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    return render(
        request,
        "classroom/assignment_analysis.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "analysis": item_analysis.assignment_analysis(assignment=assignment),
            "tab": "progress",
        },
    )


@teacher_required
@GET_POST
def extension_list(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    students = access.classroom_students(classroom=classroom)
    initial = {}
    if _id(request.GET.get("student")) is not None:
        initial["student"] = _id(request.GET.get("student"))
    form = ExtensionForm(request.POST or None, students=students, initial=initial)
    if request.method == "POST" and form.is_valid():
        student = access.student_get_for_teacher(
            classroom=classroom, pk=form.cleaned_data["student"]
        )
        try:
            services.extension_set(
                assignment=assignment,
                student=student,
                due_at=form.cleaned_data["due_at"],
                extra_minutes=form.cleaned_data["extra_minutes"],
            )
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Extension saved for %s.") % student)
            return redirect(
                "classroom:extension_list", pk=classroom.pk, assignment_pk=assignment.pk
            )
    return _form_page(
        request,
        "classroom/extension_list.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "extensions": access.extensions_for_assignment(assignment=assignment),
            "form": form,
            "tab": "progress",
        },
    )


@teacher_required
@require_POST
def extension_delete(
    request: HttpRequest, pk: int, assignment_pk: int, student_pk: int
) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    student = access.student_get_for_teacher(classroom=classroom, pk=student_pk)
    services.extension_delete(assignment=assignment, student=student)
    messages.success(request, _("Extension removed for %s.") % student)
    return redirect("classroom:extension_list", pk=classroom.pk, assignment_pk=assignment.pk)


# --- one student's work --------------------------------------------------------------------


def _work_context(request, classroom, assignment, student, attempt_pk=None) -> dict:
    student_work = work.student_work(
        classroom=classroom, assignment=assignment, student=student, attempt_pk=attempt_pk
    )
    waiting = work.students_to_score(assignment=assignment)
    later = [s for s in waiting if access.student_sort_key(s) > access.student_sort_key(student)]
    return {
        "classroom": classroom,
        "assignment": assignment,
        "student": student,
        "work": student_work,
        "next_to_score": (later or [s for s in waiting if s.pk != student.pk] or [None])[0],
        "waiting": len(waiting),
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
            _id(request.GET.get("attempt")),
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
    question_pk = _id(request.POST.get("question"))
    question = (
        Question.objects.select_related("step")
        .filter(pk=question_pk, lesson=attempt.lesson)
        .first()
        if question_pk is not None
        else None
    )
    error = None
    if question is None:
        error = _("That question is not part of this attempt.")
    elif "level" in request.POST:
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
    if question is not None:
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
    return _form_page(
        request,
        "classroom/attempt_confirm_reset.html",
        {"classroom": classroom, "attempt": attempt, "form": form, "tab": "progress"},
    )


# --- exports ---------------------------------------------------------------------------------


def _csv_response(rows, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        exports.csv_lines(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@teacher_required
@require_GET
def export_gradebook(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    now = timezone.now()
    return _csv_response(
        exports.gradebook_rows(classroom=classroom, now=now),
        exports.filename(classroom, "gradebook", now),
    )


@teacher_required
@require_GET
def export_responses(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    return _csv_response(
        exports.responses_rows(classroom=classroom), exports.filename(classroom, "responses")
    )


# --- lessons ---------------------------------------------------------------------------------


@teacher_required
@require_GET
def lesson_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "classroom/lesson_list.html",
        {
            "lessons": access.lessons_for_teacher(),
            "classrooms": access.classrooms_for_teacher(teacher=request.user),
        },
    )


@teacher_required
@require_GET
def lesson_guide(request: HttpRequest, slug: str) -> HttpResponse:
    """The teacher guide: never linked from, nor reachable by, student pages."""
    lesson = access.lesson_get_for_teacher(slug=slug)
    return render(
        request,
        "classroom/lesson_guide.html",
        {
            "lesson": lesson,
            "guide": lesson.teacher_guide or {},
            "steps": guide.lesson_guide(lesson=lesson),
            "references": lesson.references.all(),
        },
    )
