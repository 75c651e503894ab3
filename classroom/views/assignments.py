"""A class's assignments: assigning a lesson, editing it, its analysis, extensions."""

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import teacher_required
from core.forms import GET_POST, form_page, parse_id

from .. import services
from ..forms import AssignmentForm, ExtensionForm
from ..selectors import access, item_analysis, regrade


@teacher_required
@GET_POST
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    lessons = access.lessons_for_teacher(teacher=request.user)
    chosen = next((lesson for lesson in lessons if lesson.slug == request.GET.get("lesson")), None)
    form = AssignmentForm(
        request.POST or None,
        lessons=lessons,
        initial=AssignmentForm.initial_for(chosen or (lessons[0] if lessons else None)),
    )

    def submit(data: dict) -> HttpResponse:
        assignment = services.assignment_create(
            classroom=classroom,
            lesson=data["lesson"],
            opens_at=data["opens_at"],
            due_at=data["due_at"],
            late_until=data["late_until"],
            reading_level=data["reading_level"] or None,
            **form.settings(),
        )
        messages.success(request, _("“%s” is assigned to the class.") % assignment.lesson.title)
        return redirect("classroom:classroom_progress", pk=classroom.pk)

    context = {
        "classroom": classroom,
        "lessons": lessons,
        # Read by static/js/assignment-form.js from a data attribute (no inline script).
        "lesson_defaults": json.dumps(AssignmentForm.defaults_by_lesson(lessons)),
        "tab": "assignments",
    }
    return form_page(request, "classroom/assignment_form.html", context, form=form, submit=submit)


@teacher_required
@GET_POST
def assignment_edit(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    form = AssignmentForm(
        request.POST or None,
        fixed_lesson=assignment.lesson,
        initial=AssignmentForm.initial_from(assignment),
    )

    def submit(data: dict) -> HttpResponse:
        services.assignment_update(
            assignment=assignment,
            opens_at=data["opens_at"],
            due_at=data["due_at"],
            late_until=data["late_until"],
            reading_level=data["reading_level"] or None,
            **form.settings(),
        )
        messages.success(request, _("Assignment updated."))
        return redirect(
            "classroom:assignment_analysis", pk=classroom.pk, assignment_pk=assignment.pk
        )

    context = {
        "classroom": classroom,
        "assignment": assignment,
        "tab": "progress",
        "plan": access.lesson_plan(lesson=assignment.lesson),
    }
    return form_page(request, "classroom/assignment_form.html", context, form=form, submit=submit)


@teacher_required
@require_GET
def assignment_analysis(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    services.class_attempts_close_overdue(classroom=classroom, assignment=assignment)
    return render(
        request,
        "classroom/assignment_analysis.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            # Paged: the answers given to one question, the mastery of 100 students.
            "analysis": item_analysis.assignment_analysis(
                assignment=assignment,
                question=parse_id(request.GET.get("question")),
                page=parse_id(request.GET.get("page")) or 1,
            ),
            "key_changes": regrade.changed_questions(assignment=assignment),
            "tab": "progress",
        },
    )


@teacher_required
@GET_POST
def extension_list(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    assignment = access.assignment_get_for_teacher(classroom=classroom, pk=assignment_pk)
    chosen = parse_id(request.GET.get("student"))
    form = ExtensionForm(
        request.POST or None,
        students=access.classroom_students(classroom=classroom),
        initial={"student": chosen} if chosen is not None else {},
    )

    def submit(data: dict) -> HttpResponse:
        student = access.student_get_for_teacher(classroom=classroom, pk=data["student"])
        services.extension_set(
            assignment=assignment,
            student=student,
            due_at=data["due_at"],
            extra_minutes=data["extra_minutes"],
        )
        messages.success(request, _("Extension saved for %s.") % student)
        return redirect("classroom:extension_list", pk=classroom.pk, assignment_pk=assignment.pk)

    def context() -> dict:
        return {
            "classroom": classroom,
            "assignment": assignment,
            "extensions": access.extensions_for_assignment(assignment=assignment),
            "tab": "progress",
        }

    return form_page(request, "classroom/extension_list.html", context, form=form, submit=submit)


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
