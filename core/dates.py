"""Dates as people say them: "today, 23:59", "tomorrow, 08:00", "Friday, 23:59", "Friday
23 January, 23:59". Pure: the time zone is the active one (TIME_ZONE, or the one activated),
`now` is given or read once."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Within this many days ahead, the weekday alone says which day it is.
WEEKDAY_DAYS = 6


def when_in_words(when: datetime, now: datetime | None = None) -> str:
    local = timezone.localtime(when)
    today = timezone.localtime(now or timezone.now()).date()
    days = (local.date() - today).days
    time = date_format(local, "H:i")
    if days == 0:
        return _("today, %(time)s") % {"time": time}
    if days == 1:
        return _("tomorrow, %(time)s") % {"time": time}
    if days == -1:
        return _("yesterday, %(time)s") % {"time": time}
    if 1 < days <= WEEKDAY_DAYS:
        return _("%(day)s, %(time)s") % {"day": date_format(local, "l"), "time": time}
    day_format = "l j F" if local.year == today.year else "l j F Y"
    return _("%(day)s, %(time)s") % {"day": date_format(local, day_format), "time": time}
