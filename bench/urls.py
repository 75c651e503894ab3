"""The bench's URLs: the app's own, plus the floor every figure is compared with."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.http import require_POST


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    """The least a signed-in page can cost: the whole middleware stack, the session and the
    user loaded by `login_required`, and no work of its own."""
    return HttpResponse("<!DOCTYPE html><title>floor</title><p>ok</p>")


@login_required
@require_POST
def write_floor(request: HttpRequest) -> JsonResponse:
    """The least a save can cost: the floor, plus a posted form (the CSRF check reads it) and
    one single-row write, committed. The autosave does this and its own work (the access
    check, reading the answer), so its ratio can never be below this one's."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_user SET last_login = %s WHERE id = %s",
            [timezone.now(), request.user.pk],
        )
    return JsonResponse({"saved": True})


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("bench/write-floor/", write_floor, name="bench_write_floor"),
    path("", include("config.urls")),
]
