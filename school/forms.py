"""Forms of the school administrator's pages: they read and check input; the services write."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.validators import HELP_TEXT
from audit.models import AuditEntry


def reason_field():
    return forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required. Kept in the audit log with your name and the time."),
    )


class AccountSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Username or name"), required=False, max_length=150)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        required=False,
        choices=[
            ("", gettext_lazy("Students and teachers")),
            (User.Role.STUDENT, gettext_lazy("Students")),
            (User.Role.TEACHER, gettext_lazy("Teachers")),
        ],
    )


class LinkSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("The other account: username or name"), required=False, max_length=150
    )


class ClassSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Class or teacher"), required=False, max_length=150)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", gettext_lazy("Every action")), *AuditEntry.Action.choices],
    )
    actor = forms.CharField(
        label=gettext_lazy("Done by (username)"), required=False, max_length=150
    )
    subject = forms.CharField(
        label=gettext_lazy("Account (username or id)"), required=False, max_length=150
    )


class ReasonForm(forms.Form):
    reason = reason_field()


class UsernameForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("New username"), max_length=150, help_text=HELP_TEXT
    )
    reason = reason_field()


class DeleteForm(forms.Form):
    reason = reason_field()
    confirm_username = forms.CharField(
        label=gettext_lazy("Type the account's username to confirm"), max_length=150
    )

    def __init__(self, *args, account, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def clean_confirm_username(self):
        value = self.cleaned_data["confirm_username"].strip()
        if value != self.account.username:
            raise forms.ValidationError(_("That is not this account's username."))
        return value


class TeacherForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150, help_text=HELP_TEXT)
    display_name = forms.CharField(
        label=gettext_lazy("Name as students see it"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("For example “Ms Hopper”."),
    )
