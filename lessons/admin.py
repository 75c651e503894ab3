from django.contrib import admin

from .models import GlossaryTerm, Lesson, Reference, Sentence, Source, Step
from .services import lesson_content_touch


class LessonContentAdmin(admin.ModelAdmin):
    """A lesson's content rows: a deletion here marks the lesson changed (saves do so through
    `learning.signals`; deletes are caught here so that the loader's bulk deletes stay fast)."""

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        lesson_content_touch(lesson_ids=[obj.lesson_id])

    def delete_queryset(self, request, queryset):
        lesson_ids = set(queryset.values_list("lesson_id", flat=True))
        super().delete_queryset(request, queryset)
        lesson_content_touch(lesson_ids=lesson_ids)


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ("position", "kind", "title")


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "version", "grade_band", "updated_at")
    search_fields = ("title", "slug")
    readonly_fields = ("package_digest",)
    inlines = [StepInline]


@admin.register(Source)
class SourceAdmin(LessonContentAdmin):
    list_display = ("title", "lesson", "kind", "key", "date")
    list_filter = ("lesson", "kind")
    search_fields = ("title", "author", "citation")


@admin.register(Sentence)
class SentenceAdmin(LessonContentAdmin):
    list_display = ("key", "lesson", "paragraph", "text")
    list_filter = ("lesson",)


admin.site.register(GlossaryTerm, LessonContentAdmin)
admin.site.register(Reference, LessonContentAdmin)
