"""Forms of the teacher pages. They read and check input; the services write."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from lessons.models import Lesson, ReadingLevel
from quizzes import policy
from quizzes.models import FeedbackLevel, FeedbackTiming, GradingMethod, RegradePolicy
from quizzes.policy import QuizSettings, key_before_feedback

from .roster import MAX_BYTES, Roster, roster_decode, roster_parse
from .timezones import time_zone_names

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


def _zone_note(help_text) -> str:
    """The field's help, then the zone its time is read in: the class's, active while its
    page renders (classroom.timezones), in the reader's language."""

    def note() -> str:
        zone = _("Times are in %s.") % timezone.get_current_timezone_name()
        return f"{help_text} {zone}".strip()

    return lazy(note, str)()


def _when(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeLocalInput(),
        input_formats=DATETIME_INPUTS,
        help_text=_zone_note(help_text),
    )


class ClassroomForm(forms.Form):
    name = forms.CharField(
        label=_("Class name"),
        max_length=120,
        help_text=_("As your students know it, e.g. “History 9B”."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        choices=lambda: [(name, name) for name in time_zone_names()],
        initial=lambda: settings.TIME_ZONE,
        help_text=_("Due dates are entered and shown in this zone, e.g. Asia/Baku."),
    )


class JoinSettingsForm(forms.Form):
    """Who may join with the class code."""

    join_open = forms.BooleanField(
        label=_("Open to new students"),
        required=False,
        help_text=_("Closed: the code lets nobody new in. Students already in stay."),
    )
    join_approval = forms.BooleanField(
        label=_("New students wait for my approval"),
        required=False,
        help_text=_("They see nothing of the class until you let them in, below."),
    )
    join_code_expires_at = _when(
        _("The code stops working at"),
        required=False,
        help_text=_("Empty: it works until you close the class or make a new code."),
    )


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        required=False,
        help_text=_(
            "One student a row: username, then display name (optional). A first row naming "
            "the columns is fine. Save from a spreadsheet as “CSV UTF-8”."
        ),
    )
    text = forms.CharField(
        label=_("…or paste the rows here"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )

    roster: Roster | None = None

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(_("Upload a file or paste rows, not both."))
        if upload:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("The file is larger than %d KB.") % (MAX_BYTES // 1024)
                )
            try:
                text = roster_decode(upload.read())
            except UnicodeDecodeError as error:
                raise forms.ValidationError(
                    _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
                ) from error
        elif not text:
            raise forms.ValidationError(_("Choose a CSV file, or paste the rows."))
        self.roster = roster_parse(text)
        if self.roster.errors:  # every bad row, each with its line
            raise forms.ValidationError([str(error) for error in self.roster.errors])
        return data


class AssignmentForm(forms.Form):
    lesson = forms.ModelChoiceField(
        label=_("Lesson"), queryset=Lesson.objects.none(), empty_label=None
    )
    opens_at = _when(_("Opens"))
    due_at = _when(_("Due"))
    late_until = _when(
        _("Accept late work until"),
        required=False,
        help_text=_("Empty: the assignment closes at the due date. Late work is marked late."),
    )
    attempts_allowed = forms.IntegerField(
        label=_("Quiz attempts allowed"),
        min_value=0,
        max_value=policy.MAX_ATTEMPTS_ALLOWED,
        help_text=_("0 means unlimited."),
    )
    grading_method = forms.ChoiceField(label=_("Grade from"), choices=GradingMethod.choices)
    time_limit_minutes = forms.IntegerField(
        label=_("Time limit (minutes)"),
        required=False,
        min_value=1,
        max_value=policy.MAX_TIME_LIMIT_MINUTES,
        help_text=_("Empty: no time limit."),
    )
    shuffle_items = forms.BooleanField(label=_("Shuffle the order of questions"), required=False)
    shuffle_choices = forms.BooleanField(label=_("Shuffle the order of choices"), required=False)
    feedback_level = forms.ChoiceField(
        label=_("After submitting, students see"),
        choices=FeedbackLevel.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "None of these shows the right answers: an answer left blank or wrong is only "
            "marked, with no option named and no explanation that gives the answer away."
        ),
    )
    show_feedback = forms.ChoiceField(
        label=_("When they see it"),
        choices=FeedbackTiming.choices,
        help_text=_("The score comes with it."),
    )
    show_key = forms.ChoiceField(
        label=_("When they see the right answers"),
        choices=FeedbackTiming.choices,
        help_text=_(
            'Then they also see every explanation. With more than one attempt, "after the due '
            'date" keeps a first attempt, even a blank one, from giving the answers to the next.'
        ),
    )
    reading_level = forms.ChoiceField(
        label=_("Texts students see first"),
        choices=ReadingLevel.choices,
        initial=ReadingLevel.STANDARD,
        required=False,  # empty: standard for a new assignment, unchanged for one edited
        help_text=_(
            "Where the lesson has simpler versions of its texts. Each student can switch on "
            "every step."
        ),
    )

    SETTINGS = QuizSettings.field_names()

    def __init__(self, *args, lessons=None, fixed_lesson=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_lesson is not None:
            self.fields["lesson"].queryset = Lesson.objects.filter(pk=fixed_lesson.pk)
            self.fields["lesson"].disabled = True
            self.fields["lesson"].initial = fixed_lesson
        else:
            self.fields["lesson"].queryset = Lesson.objects.filter(
                pk__in=[lesson.pk for lesson in lessons or []]
            ).order_by("title")

    @classmethod
    def initial_for(cls, lesson=None, now=None) -> dict:
        """Opens now, due in a week at the end of the day, the lesson's quiz settings."""
        now = timezone.localtime(now or timezone.now()).replace(second=0, microsecond=0)
        initial = {
            "reading_level": ReadingLevel.STANDARD,
            "opens_at": now,
            "due_at": (now + timedelta(days=7)).replace(hour=23, minute=59),
        }
        if lesson is not None and hasattr(lesson, "quiz"):
            initial["lesson"] = lesson
            initial.update({name: getattr(lesson.quiz, name) for name in cls.SETTINGS})
        return initial

    @classmethod
    def defaults_by_lesson(cls, lessons) -> dict[str, dict]:
        """Each lesson's quiz settings by lesson id, for the page to put into the form when
        the teacher picks another lesson (lessons read with their quiz)."""
        return {
            str(lesson.pk): {name: getattr(lesson.quiz, name) for name in cls.SETTINGS}
            for lesson in lessons
            if hasattr(lesson, "quiz")
        }

    @classmethod
    def initial_from(cls, assignment) -> dict:
        initial = {
            "lesson": assignment.lesson,
            "reading_level": assignment.reading_level,
            "opens_at": timezone.localtime(assignment.opens_at),
            "due_at": timezone.localtime(assignment.due_at),
            "late_until": timezone.localtime(assignment.late_until)
            if assignment.late_until
            else None,
        }
        initial.update({name: getattr(assignment, name) for name in cls.SETTINGS})
        return initial

    def clean(self):
        data = super().clean()
        opens, due, late = data.get("opens_at"), data.get("due_at"), data.get("late_until")
        if opens and due and due <= opens:
            self.add_error("due_at", _("The due date must come after the opening date."))
        if due and late and late < due:
            self.add_error("late_until", _("Late work can only be accepted after the due date."))
        shown, key = data.get("show_feedback"), data.get("show_key")
        if shown and key and key_before_feedback(show_feedback=shown, show_key=key):
            self.add_error("show_key", _("The right answers cannot be shown before the feedback."))
        return data

    def settings(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SETTINGS}


class ExtensionForm(forms.Form):
    student = forms.TypedChoiceField(label=_("Student"), coerce=int)
    due_at = _when(_("New due date"), required=False)
    extra_minutes = forms.IntegerField(
        label=_("Extra minutes on the time limit"),
        required=False,
        min_value=0,
        max_value=policy.MAX_TIME_LIMIT_MINUTES,
        initial=0,
    )

    def __init__(self, *args, students=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].choices = [(s.pk, f"{s} ({s.username})") for s in students]

    def clean(self):
        data = super().clean()
        if not data.get("due_at") and not data.get("extra_minutes"):
            raise forms.ValidationError(_("Give a new due date, extra minutes, or both."))
        data["extra_minutes"] = data.get("extra_minutes") or 0
        return data


class ItemScoreForm(forms.Form):
    question = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.DecimalField(
        label=_("Points"), min_value=Decimal(0), max_digits=9, decimal_places=3
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RubricScoreForm(forms.Form):
    question = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a level of the scoring guide."),
            "invalid_choice": _("Choose a level of the scoring guide."),
        },
    )
    comment = forms.CharField(
        label=_("Comment (kept with the score)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (lv.level, f"{lv.level} · {lv.label} ({lv.points.normalize():f} pts)") for lv in levels
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the record, with your name and the time."),
    )


class RegradeForm(forms.Form):
    """A regrade decision: a policy for each question whose key changed after the class
    answered it, and the teacher's reason (kept with every new score, after the policy)."""

    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with every changed score, with your name, the time and the policy."),
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = [question.key for question in questions]
        for question in questions:
            self.fields[self.field_name(question.key)] = forms.ChoiceField(
                label=question.key,
                choices=RegradePolicy.choices,
                initial=RegradePolicy.EITHER,
            )

    @staticmethod
    def field_name(key: str) -> str:
        return f"policy-{key}"

    def policy_fields(self):
        return [self[self.field_name(key)] for key in self.keys]

    def clean(self):
        cleaned = super().clean()
        if not self.keys:
            raise forms.ValidationError(_("No key change touches this class's answers."))
        return cleaned

    def policies(self) -> dict[str, str]:
        return {key: self.cleaned_data[self.field_name(key)] for key in self.keys}
