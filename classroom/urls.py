from django.urls import path  # noqa: F401 - the teacher pages are added here

app_name = "classroom"

urlpatterns: list = []
