"""Dates in words, as the dashboard shows due dates (issue 19, point 3)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.dates import when_in_words

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (datetime(2026, 12, 7, 23, 59, tzinfo=UTC), "today, 23:59"),
        (datetime(2026, 12, 8, 8, 0, tzinfo=UTC), "tomorrow, 08:00"),
        (datetime(2026, 12, 6, 23, 59, tzinfo=UTC), "yesterday, 23:59"),
        (datetime(2026, 12, 11, 23, 59, tzinfo=UTC), "Friday, 23:59"),
        (datetime(2026, 12, 20, 9, 30, tzinfo=UTC), "Sunday 20 December, 09:30"),
        (datetime(2027, 1, 15, 9, 30, tzinfo=UTC), "Friday 15 January 2027, 09:30"),
    ],
)
def test_a_date_reads_as_people_say_it(when, words):
    with timezone.override(UTC):
        assert when_in_words(when, NOW) == words


def test_the_words_are_in_the_active_time_zone_not_utc():
    with timezone.override(ZoneInfo("Asia/Baku")):  # UTC+4
        assert when_in_words(datetime(2026, 12, 11, 19, 59, tzinfo=UTC), NOW) == "Friday, 23:59"
