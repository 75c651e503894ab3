"""The school administrator's pages, under /school/ (namespace "school")."""

from django.urls import path

from . import views

app_name = "school"

ACCOUNT = "accounts/<int:pk>/"

urlpatterns = [
    path("", views.account_list, name="account_list"),
    path(ACCOUNT, views.account_detail, name="account_detail"),
    path(ACCOUNT + "password/", views.account_password_reset, name="account_password_reset"),
    path(ACCOUNT + "username/", views.account_username_change, name="account_username_change"),
    path(ACCOUNT + "delete/", views.account_delete, name="account_delete"),
    path(ACCOUNT + "lms/link/", views.lms_link_search, name="lms_link_search"),
    path(ACCOUNT + "lms/link/<int:source_pk>/", views.lms_link, name="lms_link"),
    path(ACCOUNT + "lms/<int:identity_pk>/unlink/", views.lms_unlink, name="lms_unlink"),
    path("classes/", views.classroom_list, name="classroom_list"),
    path("teachers/", views.teacher_list, name="teacher_list"),
    path("teachers/new/", views.teacher_create, name="teacher_create"),
    path("audit/", views.audit_log, name="audit_log"),
]
