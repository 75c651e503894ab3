from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("students/<int:pk>/export.json", views.student_export, name="student_export"),
    path("students/<int:pk>/delete/", views.student_delete, name="student_delete"),
]
