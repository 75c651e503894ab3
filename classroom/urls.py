"""The teacher's pages, under /classes/ (namespace "classroom")."""

from django.urls import path

from .views import (
    assignments,
    classes,
    exports,
    joining,
    lessons,
    progress,
    projector,
    regrade,
    work,
)

app_name = "classroom"

CLASS = "<int:pk>/"
ASSIGNMENT = CLASS + "assignments/<int:assignment_pk>/"
ATTEMPT = CLASS + "attempts/<int:attempt_pk>/"

urlpatterns = [
    path("", classes.classroom_list, name="classroom_list"),
    path("new/", classes.classroom_create, name="classroom_create"),
    path("lessons/", lessons.lesson_list, name="lesson_list"),
    path("lessons/<slug:slug>/guide/", lessons.lesson_guide, name="lesson_guide"),
    path(CLASS, progress.classroom_progress, name="classroom_progress"),
    path(CLASS + "progress/grid/", progress.progress_grid, name="progress_grid"),
    path(CLASS + "edit/", classes.classroom_edit, name="classroom_edit"),
    path(CLASS + "archive/", classes.classroom_archive, name="classroom_archive"),
    path(CLASS + "join-code/", classes.join_code_regenerate, name="join_code_regenerate"),
    path(CLASS + "join-settings/", joining.join_settings, name="join_settings"),
    path(
        CLASS + "join-requests/<int:student_pk>/",
        joining.join_request_answer,
        name="join_request_answer",
    ),
    path(CLASS + "students/", classes.classroom_students, name="classroom_students"),
    path(CLASS + "students/import/", classes.roster_import, name="roster_import"),
    path(
        CLASS + "students/<int:student_pk>/remove/",
        classes.membership_remove,
        name="membership_remove",
    ),
    path(
        CLASS + "students/<int:student_pk>/password/",
        classes.student_password_reset,
        name="student_password_reset",
    ),
    path(
        CLASS + "students/<int:student_pk>/login-wait/",
        classes.student_login_unlock,
        name="student_login_unlock",
    ),
    path(CLASS + "assignments/new/", assignments.assignment_create, name="assignment_create"),
    path(ASSIGNMENT, assignments.assignment_analysis, name="assignment_analysis"),
    path(ASSIGNMENT + "projector/", projector.projector_slide, name="projector"),
    path(ASSIGNMENT + "projector/<int:slide>/", projector.projector_slide, name="projector_slide"),
    path(ASSIGNMENT + "edit/", assignments.assignment_edit, name="assignment_edit"),
    path(ASSIGNMENT + "extensions/", assignments.extension_list, name="extension_list"),
    path(ASSIGNMENT + "regrade/", regrade.assignment_regrade, name="assignment_regrade"),
    path(
        ASSIGNMENT + "extensions/<int:student_pk>/delete/",
        assignments.extension_delete,
        name="extension_delete",
    ),
    path(ASSIGNMENT + "students/<int:student_pk>/", work.student_work, name="student_work"),
    path(ATTEMPT + "score/", work.item_score, name="item_score"),
    path(ATTEMPT + "reset/", work.attempt_reset, name="attempt_reset"),
    path(CLASS + "export/gradebook.csv", exports.export_gradebook, name="export_gradebook"),
    path(CLASS + "export/responses.csv", exports.export_responses, name="export_responses"),
]
