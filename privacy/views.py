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
    student = selectors.student_get_for_manager(actor=request.user, pk=pk)
    data = services.student_data_export(student=student, by=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="student-{student.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def student_delete(request: HttpRequest, pk: int) -> HttpResponse:
    student = selectors.student_get_for_manager(actor=request.user, pk=pk)
    form = DeleteForm(request.POST or None, student=student)
    if request.method == "POST":
        if form.is_valid():
            services.student_delete(
                student=student, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The student's account and work were deleted."))
            return redirect("home")
        return render(
            request, "privacy/student_delete.html", {"form": form, "student": student}, status=400
        )
    return render(request, "privacy/student_delete.html", {"form": form, "student": student})
