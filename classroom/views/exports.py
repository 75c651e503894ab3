"""The class's CSV downloads: the gradebook and every answer."""

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import teacher_required

from .. import exports, services
from ..selectors import access


def _csv_response(rows, name: str, zone) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        exports.csv_lines(rows, zone), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@teacher_required
@require_GET
def export_gradebook(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    services.class_attempts_close_overdue(classroom=classroom)
    now = timezone.now()
    return _csv_response(
        exports.gradebook_rows(classroom=classroom, now=now),
        exports.filename(classroom, "gradebook", now),
        classroom.zone,
    )


@teacher_required
@require_GET
def export_responses(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    classroom = access.classroom_get_for_teacher(teacher=request.user, pk=pk)
    services.class_attempts_close_overdue(classroom=classroom)
    return _csv_response(
        exports.responses_rows(classroom=classroom),
        exports.filename(classroom, "responses"),
        classroom.zone,
    )
