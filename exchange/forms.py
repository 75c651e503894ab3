from django import forms
from django.utils.translation import gettext_lazy as _

from .moodle.reading import MAX_BYTES


class BankForm(forms.Form):
    bank = forms.FileField(
        label=_("Moodle XML question bank"),
        help_text=_("Exported from Moodle: Question bank → Export → Moodle XML format."),
    )

    def clean_bank(self):
        bank = self.cleaned_data["bank"]
        if bank.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is over 2 MB."))
        return bank


class PackageForm(forms.Form):
    package = forms.FileField(
        label=_("Lesson package (zip)"),
        help_text=_(
            "A zip of the package folder: lesson.yaml with its document and figures, as "
            "exported from a lesson's page."
        ),
    )
