"""The student's pages, and the teacher's preview of a quiz as a student takes it."""

from django.urls import path

from .views import figure, join, lesson, quiz, translation

app_name = "learning"

urlpatterns = [
    path("join/", join.join, name="join"),
    path("lessons/", lesson.dashboard, name="dashboard"),
    path("lessons/skills/", lesson.skills, name="skills"),
    path("lessons/assignments/<int:assignment_id>/", lesson.assignment_resume, name="assignment"),
    path(
        "lessons/assignments/<int:assignment_id>/steps/<slug:kind>/",
        lesson.step_detail,
        name="step",
    ),
    path(
        "lessons/assignments/<int:assignment_id>/glossary/",
        lesson.lesson_glossary_page,
        name="glossary",
    ),
    path(
        "lessons/assignments/<int:assignment_id>/reading-level/",
        lesson.reading_level_set,
        name="reading_level",
    ),
    path(
        "lessons/assignments/<int:assignment_id>/language/",
        translation.lesson_language_set,
        name="lesson_language",
    ),
    path(
        "lessons/<int:lesson_id>/figures/<slug:key>/<str:digest>/",
        figure.figure_image,
        name="figure",
    ),
    path(
        "lessons/assignments/<int:assignment_id>/activities/<int:question_id>/check/",
        lesson.activity_check,
        name="activity_check",
    ),
    path(
        "lessons/assignments/<int:assignment_id>/activities/<int:question_id>/save/",
        lesson.activity_save,
        name="activity_save",
    ),
    path(
        "quizzes/assignments/<int:assignment_id>/start/", quiz.attempt_start, name="attempt_start"
    ),
    path("quizzes/lessons/<slug:slug>/preview/", quiz.preview_start, name="preview_start"),
    path("quizzes/attempts/<int:pk>/", quiz.attempt_take, name="attempt_take"),
    path(
        "quizzes/attempts/<int:pk>/responses/<int:question_id>/",
        quiz.response_save,
        name="response_save",
    ),
    path("quizzes/attempts/<int:pk>/result/", quiz.attempt_result, name="attempt_result"),
]
