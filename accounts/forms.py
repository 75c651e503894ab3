"""Forms of the account pages. They validate input; the services do the writing."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, UsernameField
from django.utils.translation import gettext_lazy as _

from .models import User
from .names import display_name_clean
from .validators import UsernameValidator

CODE_HELP = _("Your teacher gives you this code. Capitals, spaces and dashes do not matter.")


class JoinCodeForm(forms.Form):
    """A student who already has an account joins another class."""

    join_code = forms.CharField(
        label=_("Class code"),
        max_length=32,
        help_text=CODE_HELP,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_join_code(self) -> str:
        code = self.cleaned_data["join_code"]
        if not any(ch.isalnum() for ch in code):
            raise forms.ValidationError(_("Type the class code your teacher gave you."))
        return code


class StudentSignupForm(JoinCodeForm):
    """A new student: a username and a password they choose, and the class code. No e-mail."""

    username = UsernameField(
        label=_("Choose a username"),
        max_length=150,
        help_text=_("Letters a-z, digits and . _ - only. Not your e-mail address."),
        validators=[UsernameValidator()],
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    display_name = forms.CharField(
        label=_("Your name, as your teacher knows you (optional)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = ["join_code", "username", "display_name", "password1", "password2"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That username is taken. Try another one."))
        return username

    def clean_display_name(self) -> str:
        return display_name_clean(self.cleaned_data["display_name"])

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            candidate = User(
                username=cleaned.get("username") or "",
                display_name=cleaned.get("display_name") or "",
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset by e-mail, for teachers and content authors only: students have no
    e-mail address here, and their teacher gives them a new password."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if not user.is_student)
