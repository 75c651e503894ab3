"""The school's time: each class has a time zone (`Classroom.time_zone`, default
settings.TIME_ZONE), and every date of the class is entered and shown in it.

How pages follow it, in one place:
- a page about one class (a teacher's class pages, a student's assignment pages, the CSV
  exports) gets its class from a getter in `classroom.selectors.access`, which calls
  `class_zone_activate`: Django then reads the dates typed into forms in that zone and the
  `date` filter shows dates in it;
- `ClassTimeZoneResetMiddleware` puts the default zone back at the start of every request, so
  one request's class never leaks into the next request served by the same thread;
- a page listing several classes (the student's dashboard) converts each date with the
  `timezone` filter and the row's class zone.
"""

from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA zone name this system knows ("Asia/Baku", "Europe/Moscow"...), sorted."""
    return tuple(sorted(available_timezones()))


def validate_time_zone(value: str) -> None:
    if value and value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as “Asia/Baku”."),
            code="invalid_time_zone",
            params={"value": value},
        )


def class_zone_activate(classroom) -> ZoneInfo:
    """Make `classroom`'s zone the current one for the rest of this request."""
    zone = classroom.zone
    timezone.activate(zone)
    return zone


class ClassTimeZoneResetMiddleware:
    """Each request starts in settings.TIME_ZONE, whatever the previous one activated."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
