"""Question exchange, under /exchange/ (namespace "exchange")."""

from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("lessons/<slug:slug>/quiz-moodle.xml", views.quiz_moodle, name="quiz_moodle"),
    path("lessons/<slug:slug>/quiz-qti12.zip", views.quiz_qti, name="quiz_qti"),
    path("lessons/<slug:slug>/import/", views.quiz_import, name="quiz_import"),
    path("lessons/<slug:slug>/package.zip", views.lesson_package, name="lesson_package"),
    path("lessons/import/", views.lesson_import, name="lesson_import"),
]
