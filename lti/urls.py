"""The LTI tool, under /lti/ (namespace "lti"). Register these URLs in the LMS (docs/lti.md)."""

from django.urls import path

from . import views

app_name = "lti"

urlpatterns = [
    path("jwks/", views.jwks, name="jwks"),
    path("login/", views.oidc_login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("deep-link/", views.deep_link, name="deep_link"),
    path("classes/<int:pk>/", views.course, name="course"),
    path("classes/<int:pk>/roster/", views.roster_sync, name="roster_sync"),
    path("classes/<int:pk>/assignments/<int:assignment_pk>/grades/", views.grades, name="grades"),
]
