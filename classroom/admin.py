from django.contrib import admin

from .models import Classroom, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("student",)


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "teacher", "join_code", "archived_at")
    search_fields = ("name", "teacher__username", "join_code")
    raw_id_fields = ("teacher",)
    inlines = [MembershipInline]
