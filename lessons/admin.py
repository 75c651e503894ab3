from django.contrib import admin

from .models import GlossaryTerm, Lesson, Reference, Sentence, Source, Step


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
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "lesson", "kind", "key", "date")
    list_filter = ("lesson", "kind")
    search_fields = ("title", "author", "citation")


@admin.register(Sentence)
class SentenceAdmin(admin.ModelAdmin):
    list_display = ("key", "lesson", "paragraph", "text")
    list_filter = ("lesson",)


admin.site.register(GlossaryTerm)
admin.site.register(Reference)
