"""The student's pages, and the teacher's preview of a quiz as a student takes it.

Grouped by their common prefix, the student's hottest (the quiz, its autosave) first: Django
tries patterns in order, and a group's prefix is tested once for all its pages."""

from django.urls import include, path

from .views import figure, join, lesson, quiz, translation

app_name = "learning"

# quizzes/attempts/<pk>/...
_attempt = [
    path("", quiz.attempt_take, name="attempt_take"),
    path("responses/<int:question_id>/", quiz.response_save, name="response_save"),
    path("result/", quiz.attempt_result, name="attempt_result"),
]

# lessons/assignments/<assignment_id>/...
_assignment = [
    path("", lesson.assignment_resume, name="assignment"),
    path("steps/<slug:kind>/", lesson.step_detail, name="step"),
    path("activities/<int:question_id>/save/", lesson.activity_save, name="activity_save"),
    path("activities/<int:question_id>/check/", lesson.activity_check, name="activity_check"),
    path("glossary/", lesson.lesson_glossary_page, name="glossary"),
    path("reading-level/", lesson.reading_level_set, name="reading_level"),
    path("language/", translation.lesson_language_set, name="lesson_language"),
]

urlpatterns = [
    path("quizzes/attempts/<int:pk>/", include(_attempt)),
    path("lessons/assignments/<int:assignment_id>/", include(_assignment)),
    path("lessons/", lesson.dashboard, name="dashboard"),
    path("lessons/skills/", lesson.skills, name="skills"),
    path(
        "lessons/<int:lesson_id>/figures/<slug:key>/<str:digest>/",
        figure.figure_image,
        name="figure",
    ),
    path(
        "quizzes/assignments/<int:assignment_id>/start/", quiz.attempt_start, name="attempt_start"
    ),
    path("quizzes/lessons/<slug:slug>/preview/", quiz.preview_start, name="preview_start"),
    path("join/", join.join, name="join"),
]
