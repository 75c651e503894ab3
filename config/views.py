"""Project-level views: the home redirect and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
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
