from django.urls import path  # noqa: F401 - the student pages are added here

app_name = "lessons"

urlpatterns: list = []
