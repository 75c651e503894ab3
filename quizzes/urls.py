from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("assignments/<int:assignment_id>/start/", views.attempt_start, name="attempt_start"),
    path("lessons/<slug:slug>/preview/", views.preview_start, name="preview_start"),
    path("attempts/<int:pk>/", views.attempt_take, name="attempt_take"),
    path(
        "attempts/<int:pk>/responses/<int:question_id>/",
        views.response_save,
        name="response_save",
    ),
    path("attempts/<int:pk>/result/", views.attempt_result, name="attempt_result"),
]
