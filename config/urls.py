from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("site.webmanifest", views.web_manifest, name="web_manifest"),
    path("accounts/", include("accounts.urls")),
    path("", include("learning.urls")),
    path("classes/", include("classroom.urls")),
    path("privacy/", include("privacy.urls")),
    path("school/", include("school.urls")),
    path("lti/", include("lti.urls")),
    path("exchange/", include("exchange.urls")),
    path("studio/", include("studio.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "config.errors.permission_denied"
handler500 = "config.views.server_error"
