"""The teacher's pages, under /classes/ (namespace "classroom")."""

from django.urls import path

from . import views

app_name = "classroom"

CLASS = "<int:pk>/"
ASSIGNMENT = CLASS + "assignments/<int:assignment_pk>/"
ATTEMPT = CLASS + "attempts/<int:attempt_pk>/"

urlpatterns = [
    path("", views.classroom_list, name="classroom_list"),
    path("new/", views.classroom_create, name="classroom_create"),
    path("lessons/", views.lesson_list, name="lesson_list"),
    path("lessons/<slug:slug>/guide/", views.lesson_guide, name="lesson_guide"),
    path(CLASS, views.classroom_progress, name="classroom_progress"),
    path(CLASS + "progress/grid/", views.progress_grid, name="progress_grid"),
    path(CLASS + "edit/", views.classroom_edit, name="classroom_edit"),
    path(CLASS + "archive/", views.classroom_archive, name="classroom_archive"),
    path(CLASS + "join-code/", views.join_code_regenerate, name="join_code_regenerate"),
    path(CLASS + "students/", views.classroom_students, name="classroom_students"),
    path(CLASS + "students/import/", views.roster_import, name="roster_import"),
    path(
        CLASS + "students/<int:student_pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        CLASS + "students/<int:student_pk>/password/",
        views.student_password_reset,
        name="student_password_reset",
    ),
    path(CLASS + "assignments/new/", views.assignment_create, name="assignment_create"),
    path(ASSIGNMENT, views.assignment_analysis, name="assignment_analysis"),
    path(ASSIGNMENT + "edit/", views.assignment_edit, name="assignment_edit"),
    path(ASSIGNMENT + "extensions/", views.extension_list, name="extension_list"),
    path(
        ASSIGNMENT + "extensions/<int:student_pk>/delete/",
        views.extension_delete,
        name="extension_delete",
    ),
    path(ASSIGNMENT + "students/<int:student_pk>/", views.student_work, name="student_work"),
    path(ATTEMPT + "score/", views.item_score, name="item_score"),
    path(ATTEMPT + "reset/", views.attempt_reset, name="attempt_reset"),
    path(CLASS + "export/gradebook.csv", views.export_gradebook, name="export_gradebook"),
    path(CLASS + "export/responses.csv", views.export_responses, name="export_responses"),
]
