"""The studio's forms. Each names the YAML path every field holds (`paths`), so the
validator's errors come back to the field they are about (`studio.package.place_errors`).
Forms only read what was typed; what is valid is the package validator's to say."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lessons.models import Skill, StepKind
from quizzes import policy
from quizzes.models import FeedbackLevel, FeedbackTiming, GradingMethod

from .package import STEP_KINDS

TEXT = 20_000  # the longest prose field the studio takes


class LinesField(forms.CharField):
    """One entry a line: a list of the non-empty lines."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


def _text(label, *, rows=None, **kwargs):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, required=False, max_length=TEXT, widget=widget, **kwargs)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the lesson"), max_length=200)
    text = _text(_("Paste the document"), rows=10)
    file = forms.FileField(
        label=_("Or upload it"),
        required=False,
        help_text=_("A .txt, .md or .docx file, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.docx"}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the document's text or choose a file."))
        return data


class DetailsForm(forms.Form):
    paths = {
        "title": "title",
        "summary": "summary",
        "objectives": "objectives",
        "grade_band": "grade_band",
        "estimated_minutes": "estimated_minutes",
        "skills": "skills",
        "overview": "teacher_guide.overview",
        "handling_with_care": "teacher_guide.handling_with_care",
    }
    title = _text(_("Title"))
    summary = _text(_("Summary (shown on the lesson card)"), rows=3)
    objectives = LinesField(label=_("Objectives (one a line)"), required=False)
    grade_band = _text(_("Grades"), help_text=_("For example 9-12."))
    estimated_minutes = forms.IntegerField(
        label=_("Minutes the lesson takes"), required=False, min_value=1, max_value=10_000
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills it teaches"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    overview = _text(_("Teacher guide: overview"), rows=3)
    handling_with_care = _text(_("Teacher guide: handling with care"), rows=2)

    GUIDE = ("overview", "handling_with_care")

    @classmethod
    def initial_of(cls, tree: dict) -> dict:
        guide = tree.get("teacher_guide") or {}
        return {
            **{name: tree.get(name) for name in cls.paths if name not in cls.GUIDE},
            **{name: guide.get(name) for name in cls.GUIDE},
        }

    def values(self) -> tuple[dict, dict]:
        data = self.cleaned_data
        return (
            {k: v for k, v in data.items() if k not in self.GUIDE},
            {k: data[k] for k in self.GUIDE},
        )


class SourcingForm(forms.Form):
    FIELDS = ("title", "author", "publisher", "date", "type", "audience", "url", "citation")
    paths = {name: f"source.{name}" for name in (*FIELDS, "known", "unknown")}
    title = _text(_("Title of the document"))
    author = _text(_("Author"), help_text=_("Leave empty when it is not known."))
    publisher = _text(_("Publisher"), help_text=_("Leave empty when it is not known."))
    date = _text(_("Date"), help_text=_("As precise as is known, e.g. “after 2002”."))
    type = _text(_("Type of document"), help_text=_("For example: newspaper report, speech."))
    audience = _text(_("Audience: whom it was made for"), rows=2)
    url = _text(_("Web address"))
    citation = _text(_("Citation"), rows=2)
    known = LinesField(label=_("What is known about it (one a line)"), required=False)
    unknown = LinesField(label=_("What is not known (one a line)"), required=False)

    @classmethod
    def initial_of(cls, tree: dict) -> dict:
        source = tree.get("source") or {}
        return {name: source.get(name) for name in cls.paths}


class ReferenceForm(forms.Form):
    id = forms.SlugField(label=_("Id (cited as [@id])"), required=False, max_length=80)
    citation = _text(_("Citation"), rows=2)
    url = _text(_("Web address"))

    def entry(self) -> dict | None:
        data = self.cleaned_data
        if not any(data.get(k) for k in ("id", "citation", "url")):
            return None
        return {k: data[k] for k in ("id", "citation", "url") if data.get(k)}


class GlossaryForm(forms.Form):
    term = _text(_("Term"))
    definition = _text(_("Definition"), rows=2)

    def entry(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("term") and not data.get("definition"):
            return None
        return {k: data[k] for k in ("term", "definition") if data.get(k)}


ReferenceFormSet = forms.formset_factory(ReferenceForm, extra=1, max_num=200)
GlossaryFormSet = forms.formset_factory(GlossaryForm, extra=1, max_num=200)


class TermForm(forms.Form):
    """A glossary term chosen in the document (or typed, without JavaScript)."""

    term = forms.CharField(label=_("Term"), max_length=200)
    definition = _text(_("Definition"), rows=2)


class SplitForm(forms.Form):
    sentence = forms.CharField(max_length=20)
    offset = forms.IntegerField(label=_("Split after the word"), min_value=1, max_value=10**6)


class MergeForm(forms.Form):
    sentence = forms.CharField(max_length=20)


class StepsForm(forms.Form):
    """Every step kind of the format: whether the lesson has it, its title and body; and the
    quiz's title and settings."""

    quiz_title = _text(_("Quiz title"))
    attempts = forms.IntegerField(
        label=_("Attempts allowed"),
        required=False,
        min_value=0,
        max_value=policy.MAX_ATTEMPTS_ALLOWED,
        help_text=_("0 means unlimited."),
    )
    grading = forms.ChoiceField(
        label=_("Grade from"), choices=[("", "—"), *GradingMethod.choices], required=False
    )
    feedback = forms.ChoiceField(
        label=_("After submitting, students see"),
        choices=[("", "—"), *FeedbackLevel.choices],
        required=False,
    )
    show_feedback = forms.ChoiceField(
        label=_("When they see it"), choices=[("", "—"), *FeedbackTiming.choices], required=False
    )
    show_key = forms.ChoiceField(
        label=_("When they see the right answers"),
        choices=[("", "—"), *FeedbackTiming.choices],
        required=False,
    )
    SETTINGS = ("attempts", "grading", "feedback", "show_feedback", "show_key")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(StepKind.choices)
        for kind in STEP_KINDS:
            label = labels[kind]
            if kind != "quiz":
                self.fields[f"{kind}-include"] = forms.BooleanField(
                    label=_("Include this step"), required=False
                )
            self.fields[f"{kind}-title"] = _text(_("Title"))
            self.fields[f"{kind}-body"] = _text(_("Text above the activities"), rows=4)
            self.fields[f"{kind}-title"].step_label = label

    @classmethod
    def initial_of(cls, tree: dict) -> dict:
        steps = {step.get("kind"): step for step in tree.get("steps") or []}
        quiz = tree.get("quiz") or {}
        initial = {"quiz_title": quiz.get("title")}
        initial.update({k: (quiz.get("settings") or {}).get(k) for k in cls.SETTINGS})
        for kind in STEP_KINDS:
            step = steps.get(kind) or {}
            initial[f"{kind}-include"] = kind in steps
            initial[f"{kind}-title"] = step.get("title") or dict(StepKind.choices)[kind]
            body = step.get("body")
            initial[f"{kind}-body"] = body if isinstance(body, str) else ""
        return initial

    @staticmethod
    def paths_for(tree: dict) -> dict[str, str]:
        paths = {"quiz_title": "quiz.title"}
        paths.update({name: f"quiz.settings.{name}" for name in StepsForm.SETTINGS})
        for index, step in enumerate(tree.get("steps") or []):
            kind = step.get("kind")
            paths[f"{kind}-title"] = f"steps[{index}].title"
            paths[f"{kind}-body"] = f"steps[{index}].body"
        return paths

    def steps(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "kind": kind,
                "include": data.get(f"{kind}-include", kind == "quiz"),
                "title": data[f"{kind}-title"],
                "body": data[f"{kind}-body"],
            }
            for kind in STEP_KINDS
        ]

    def quiz(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["quiz_title"],
            "settings": {name: data[name] for name in self.SETTINGS},
        }

    def step_fields(self):
        """(kind, label, include, title, body) bound fields, for the template."""
        labels = dict(StepKind.choices)
        for kind in STEP_KINDS:
            include = self[f"{kind}-include"] if kind != "quiz" else None
            yield kind, labels[kind], include, self[f"{kind}-title"], self[f"{kind}-body"]
