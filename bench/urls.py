"""The bench's URLs: the app's own, plus the floor every figure is compared with."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    """The least a signed-in page can cost: the whole middleware stack, the session and the
    user loaded by `login_required`, and no work of its own."""
    return HttpResponse("<!DOCTYPE html><title>floor</title><p>ok</p>")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("config.urls")),
]
