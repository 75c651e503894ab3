from django.urls import path

from . import views

app_name = "lessons"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("skills/", views.skills, name="skills"),
    path("assignments/<int:assignment_id>/", views.assignment_resume, name="assignment"),
    path("assignments/<int:assignment_id>/steps/<slug:kind>/", views.step_detail, name="step"),
    path(
        "assignments/<int:assignment_id>/activities/<int:question_id>/check/",
        views.activity_check,
        name="activity_check",
    ),
    path(
        "assignments/<int:assignment_id>/activities/<int:question_id>/save/",
        views.activity_save,
        name="activity_save",
    ),
]
