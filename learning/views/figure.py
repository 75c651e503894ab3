"""A lesson's figures, served as images.

The validator lets through only PNGs and SVGs with nothing to run or fetch; this view adds a
policy of its own so that even an SVG opened on its own tab (not through ``<img>``) runs no
script and loads nothing. The URL holds the image's digest: a changed figure gets a new URL,
so the image may be cached for good."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from lessons.models import Figure

FIGURE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@login_required
@require_GET
def figure_image(request: HttpRequest, lesson_id: int, key: str, digest: str) -> HttpResponse:
    figure = get_object_or_404(Figure, lesson_id=lesson_id, key=key, digest=digest)
    response = HttpResponse(bytes(figure.data), content_type=figure.media_type)
    response["Content-Security-Policy"] = FIGURE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response
