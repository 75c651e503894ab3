"""Project-level views: home, the health check and the server-error page."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from classroom.selectors import assignments_for_student


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_student:
        context["assignments"] = assignments_for_student(student=request.user)
    elif request.user.is_teacher:
        context["classrooms"] = request.user.classrooms_taught.filter(archived_at=None)
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


logger = logging.getLogger(__name__)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. When the database is unreachable, say so kindly with a 503 and a retry hint:
    Django opens a new connection on the next request, so the app recovers by itself as soon as
    the database is back. Templates here get no request context: context processors may query."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.warning("Database unavailable: %s", type(error).__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
