import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services


class DeleteForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is this data being deleted?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_username = forms.CharField(
        label=gettext_lazy("Type the student's username to confirm"), max_length=150
    )

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.student = student

    def clean_confirm_username(self):
        value = self.cleaned_data["confirm_username"].strip()
        if value != self.student.username:
            raise forms.ValidationError(_("That is not this student's username."))
        return value


@never_cache  # Cache-Control: no-store: a shared school computer keeps no copy of it
@login_required
@require_GET
def student_export(request: HttpRequest, pk: int) -> HttpResponse:
    reach = selectors.student_reach_for_manager(actor=request.user, pk=pk)
    student = reach.student
    data = services.student_data_export(
        student=student, by=request.user, classrooms=reach.classrooms
    )
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="student-{student.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def student_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """The school administrator, or a teacher of every class of the student, deletes the
    account and all its work; a teacher sharing the student with other teachers deletes the
    student's records in their own classes only (issue 13)."""
    reach = selectors.student_reach_for_manager(actor=request.user, pk=pk)
    student = reach.student
    form = DeleteForm(request.POST or None, student=student)
    context = {"form": form, "student": student, "reach": reach}
    if request.method == "POST":
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            if reach.whole_account:
                services.student_delete(student=student, by=request.user, reason=reason)
                messages.success(request, _("The student's account and work were deleted."))
            else:
                services.student_records_delete(
                    student=student, by=request.user, reason=reason, classrooms=reach.classrooms
                )
                messages.success(
                    request,
                    _(
                        "The student's work in your classes was deleted, and they left them. "
                        "Their account and their work in other teachers' classes are kept."
                    ),
                )
            return redirect("home")
        return render(request, "privacy/student_delete.html", context, status=400)
    return render(request, "privacy/student_delete.html", context)
