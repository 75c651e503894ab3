from django import forms
from django.contrib import admin
from pydantic import ValidationError

from .models import Attempt, KeyChange, Question, Quiz, Regrade, Response, Score
from .types import UnknownType, registry
from .types.base import plain_message


class QuestionAdminForm(forms.ModelForm):
    """Edits in the admin pass the same schema as the package loader."""

    class Meta:
        model = Question
        fields = (
            "lesson", "step", "key", "version", "is_current", "position",
            "type", "prompt", "points", "skills", "feedback", "spec",
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        type_key, spec = cleaned.get("type"), cleaned.get("spec")
        if type_key is None or spec is None:
            return cleaned
        try:
            qt = registry.get(type_key)
        except UnknownType:
            self.add_error("type", f"Unknown question type '{type_key}'.")
            return cleaned
        try:
            cleaned["spec"] = qt.dump_spec(qt.parse_spec(spec))
        except ValidationError as error:
            self.add_error("spec", plain_message(error))
        return cleaned


def is_answered(question: Question) -> bool:
    """Students answered this version: its content is a record, never edited in place."""
    return question.responses.exists() or question.scores.exists()


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """An answered version is read-only here: a key fix is a new version from the package
    (`load_lessons`), then a regrade decision (`manage.py regrade` or the assignment's page),
    so that scores change by new rows with who and why
    (docs/decisions/0017-regrade-and-versions.md)."""

    form = QuestionAdminForm
    list_display = ("key", "version", "is_current", "type", "lesson", "step", "points")
    list_filter = ("lesson", "type", "is_current", "step__kind")
    search_fields = ("key", "prompt")
    list_select_related = ("lesson", "step")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and is_answered(obj):
            return QuestionAdminForm.Meta.fields
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and is_answered(obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(KeyChange)
class KeyChangeAdmin(admin.ModelAdmin):
    list_display = ("key", "lesson", "old_question", "new_question", "attempts_touched")
    list_select_related = ("lesson", "old_question", "new_question")
    readonly_fields = ("lesson", "key", "old_question", "new_question", "attempts_touched")

    def has_add_permission(self, request):
        return False


@admin.register(Regrade)
class RegradeAdmin(admin.ModelAdmin):
    list_display = ("question", "policy", "assignment", "created_by", "created_at")
    list_select_related = ("question", "assignment", "created_by")
    readonly_fields = (
        "lesson", "question", "assignment", "policy", "created_by", "reason", "scores_changed",
    )  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ("title", "lesson", "attempts_allowed", "grading_method", "time_limit_minutes")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Students' work is read here, never written (issue 13, point 2): not even a superuser
    adds, changes or deletes an attempt, an answer or a score in the admin, because every
    score change goes through the audited services (an override with a reason, a regrade)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ResponseInline(admin.TabularInline):
    model = Response
    extra = 0
    readonly_fields = ("question", "data", "revision", "updated_at")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdmin):
    list_display = ("student", "lesson", "kind", "number", "status", "points_earned", "started_at")
    list_filter = ("kind", "status", "lesson")
    search_fields = ("student__username",)
    list_select_related = ("student", "lesson")
    raw_id_fields = ("student", "assignment")
    readonly_fields = ("item_order", "seed")
    inlines = [ResponseInline]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ("attempt", "question", "revision", "updated_at")
    list_select_related = ("attempt__student", "attempt__lesson", "question")
    raw_id_fields = ("attempt", "question")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = (
        "attempt",
        "question",
        "origin",
        "points_earned",
        "points_possible",
        "created_at",
    )
    list_filter = ("origin",)
    list_select_related = ("attempt__student", "attempt__lesson", "question")
    raw_id_fields = ("attempt", "question", "created_by")
