"""The class's time zone named on the pages that show its dates (classroom.timezones)."""

from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def utc_offset(zone: ZoneInfo) -> str:
    """The zone's offset now, as ``UTC+04:00`` (``UTC`` for zero): what a reader compares with
    their own clock, whatever the zone's name."""
    offset = timezone.now().astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"
