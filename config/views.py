"""Project-level views: home, the health check and the server-error page."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from accounts.access import ROLE_HOME, home_url
from lessons.selectors import lessons_for_author


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role starts on its own page; content authors on their lessons and what to do next."""
    if request.user.role in ROLE_HOME:
        return redirect(home_url(request.user))
    return render(request, "home.html", {"lessons": lessons_for_author()})


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


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and bookmark tools ask for /favicon.ico whatever the page links to."""
    return redirect(static("icons/favicon.ico"), permanent=True)


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request: HttpRequest) -> JsonResponse:
    """The app's name and icons for "add to home screen" on a phone. A view, not a static file,
    so the icon addresses carry the static files' content hashes."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    manifest = {
        "name": "Source Lab",
        "short_name": "Source Lab",
        "start_url": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f3a5f",
        "icons": icons,
    }
    response = JsonResponse(manifest)
    response["Content-Type"] = "application/manifest+json"
    return response


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
