from django.contrib import admin

from .models import Assignment, AttemptReset, Classroom, Extension, JoinRequest, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("student",)


class JoinRequestInline(admin.TabularInline):
    model = JoinRequest
    extra = 0
    raw_id_fields = ("student",)


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "teacher", "join_code", "join_open", "join_approval", "archived_at")
    search_fields = ("name", "teacher__username", "join_code")
    raw_id_fields = ("teacher",)
    inlines = [MembershipInline, JoinRequestInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("lesson", "classroom", "opens_at", "due_at", "grading_method")
    list_select_related = ("lesson", "classroom")
    search_fields = ("lesson__title", "classroom__name")
    raw_id_fields = ("classroom",)


@admin.register(Extension)
class ExtensionAdmin(admin.ModelAdmin):
    list_display = ("assignment", "student", "due_at", "extra_minutes")
    raw_id_fields = ("assignment", "student")


@admin.register(AttemptReset)
class AttemptResetAdmin(admin.ModelAdmin):
    """The audit record of resets: read only."""

    list_display = ("reset_at", "student", "assignment", "kind", "number", "reset_by", "reason")
    list_select_related = ("student", "assignment__lesson", "assignment__classroom", "reset_by")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
