"""The teacher's classes and their rosters: the list, creating, renaming, archiving, the join
code, the students, importing a roster, removing a student, a new password."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.access import teacher_required
from core.compression import never_compress
from core.forms import GET_POST, form_page

from .. import services
from ..authority import AccountAction, account_authority_check
from ..forms import ClassroomForm, ReasonForm, RosterImportForm
from ..selectors import access
from ..selectors.roster import classroom_roster, duplicate_names_among

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
    def submit(data: dict) -> HttpResponse:
        classroom = services.classroom_create(
            teacher=request.user, name=data["name"], time_zone=data["time_zone"]
        )
        messages.success(request, _("Class “%s” created.") % classroom.name)
        return redirect("classroom:classroom_students", pk=classroom.pk)

    form = ClassroomForm(request.POST or None)
    return form_page(request, "classroom/classroom_form.html", {}, form=form, submit=submit)


@teacher_required
@GET_POST
def classroom_edit(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)

    def submit(data: dict) -> HttpResponse:
        services.classroom_rename(classroom=classroom, name=data["name"])
        if data["time_zone"]:
            services.classroom_time_zone_set(classroom=classroom, time_zone=data["time_zone"])
        messages.success(request, _("Class settings saved."))
        return redirect("classroom:classroom_students", pk=classroom.pk)

    form = ClassroomForm(
        request.POST or None, initial={"name": classroom.name, "time_zone": classroom.zone.key}
    )
    context = {"classroom": classroom, "tab": "settings"}
    return form_page(request, "classroom/classroom_form.html", context, form=form, submit=submit)


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
    services.join_code_regenerate(classroom=classroom)
    messages.success(
        request,
        _("New join code: %s. The old code no longer works.") % classroom.join_code_display,
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
            "roster": classroom_roster(classroom=classroom),
            "join_url": request.build_absolute_uri(reverse("learning:join")),
            "tab": "students",
        },
    )


@teacher_required
@never_cache
@never_compress  # shows new passwords
@GET_POST
def roster_import(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    form = RosterImportForm(request.POST or None, request.FILES or None)

    def submit(data: dict) -> HttpResponse:
        credentials = services.roster_import(classroom=classroom, rows=form.roster.rows)
        login_url = request.build_absolute_uri(reverse("accounts:login"))
        context = {
            "classroom": classroom,
            "credentials": credentials,
            "login_url": login_url,
            "same_names": duplicate_names_among(
                [c.display_name or c.username for c in credentials], classroom=classroom
            ),
        }
        return render(request, "classroom/roster_credentials.html", context)

    context = {"classroom": classroom, "tab": "students"}
    return form_page(request, "classroom/roster_import.html", context, form=form, submit=submit)


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
@never_compress  # shows new passwords
@GET_POST
def student_password_reset(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    student = access.student_get_for_teacher(classroom=classroom, pk=student_pk)
    # Before the form: a student shared with another teacher's class is refused at once (403,
    # saying who can do it), not after the teacher has typed a reason.
    account_authority_check(
        actor=request.user, student=student, action=AccountAction.PASSWORD_RESET
    )
    context = {"classroom": classroom, "student": student, "tab": "students"}

    def submit(data: dict) -> HttpResponse:
        password = services.student_password_reset(
            classroom=classroom, student=student, by=request.user, reason=data["reason"]
        )
        return render(request, "classroom/student_password.html", {**context, "password": password})

    form = ReasonForm(request.POST or None)
    return form_page(request, "classroom/student_password.html", context, form=form, submit=submit)


@teacher_required
@require_POST
def student_login_unlock(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    """End the wait a student of the class has after wrong passwords, from the list of
    students (the class's own students only; an archived class's list cannot be changed)."""
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    student = access.student_get_for_teacher(classroom=classroom, pk=student_pk)
    services.student_login_unlock(classroom=classroom, student=student)
    messages.success(request, _("%(name)s can log in again now.") % {"name": student})
    return redirect("classroom:classroom_students", pk=classroom.pk)
