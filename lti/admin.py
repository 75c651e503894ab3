"""Platforms (issuer, client id, deployments, key-set URL) are registered in django-lti's admin
(`lti_tool`: LTI registrations, with their deployments inline; JWKs). These are Source Lab's
links, read-only except for the retry state of a grade."""

from django.contrib import admin

from .models import CourseClass, GradeSync, LinkedAssignment


@admin.register(CourseClass)
class CourseClassAdmin(admin.ModelAdmin):
    list_display = ["context", "classroom", "roster_synced_at"]
    readonly_fields = ["context", "classroom", "roster_synced_at"]


@admin.register(LinkedAssignment)
class LinkedAssignmentAdmin(admin.ModelAdmin):
    list_display = ["resource_link", "assignment", "lineitem_url"]
    readonly_fields = ["resource_link", "assignment"]


@admin.register(GradeSync)
class GradeSyncAdmin(admin.ModelAdmin):
    list_display = ["student", "link", "score_given", "score_maximum", "status", "tries"]
    list_filter = ["status"]
    readonly_fields = ["link", "student", "lti_user", "score_given", "score_maximum", "timestamp"]
