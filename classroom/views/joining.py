"""Who may join a class with its code: the join settings, and the students who asked to join
a class that needs the teacher's approval."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import teacher_required
from core.forms import GET_POST, form_page

from .. import services
from ..forms import JoinSettingsForm
from ..selectors import access


@teacher_required
@GET_POST
def join_settings(request: HttpRequest, pk: int) -> HttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)

    def submit(data: dict) -> HttpResponse:
        services.join_settings_update(classroom=classroom, **data)
        messages.success(request, _("Joining settings saved."))
        return redirect("classroom:classroom_students", pk=classroom.pk)

    expires = classroom.join_code_expires_at
    initial = {
        "join_open": classroom.join_open,
        "join_approval": classroom.join_approval,
        "join_code_expires_at": timezone.localtime(expires) if expires else None,
    }
    form = JoinSettingsForm(request.POST or None, initial=initial)
    context = {"classroom": classroom, "tab": "students"}
    return form_page(request, "classroom/join_settings.html", context, form=form, submit=submit)


@teacher_required
@require_POST
def join_request_answer(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    """Approve (`action=approve`) or turn down (any other action) a request to join."""
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    if request.POST.get("action") == "approve":
        membership = services.join_request_approve(classroom=classroom, student_pk=student_pk)
        messages.success(request, _("%(name)s is now in the class.") % {"name": membership.student})
    else:
        student = services.join_request_reject(classroom=classroom, student_pk=student_pk)
        messages.success(
            request,
            _("%(name)s was not let in. Their request is gone.") % {"name": student},
        )
    return redirect("classroom:classroom_students", pk=classroom.pk)
