"""The school's time, finished (issue 18, point 3): the class's zone named on every teacher page
that shows one of its dates and after a student's dates; the CSV exports in ISO 8601 with the
offset and a time_zone column, with English column names and neutral numbers whatever the
teacher's language; the grade band's range translated as a format string."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from classroom import services
from classroom.bands import BANDS
from classroom.templatetags.school_time import utc_offset
from tests.classroom.conftest import answer_quiz

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


@pytest.fixture
def baku(classroom, example_lesson, student):
    classroom = services.classroom_time_zone_set(classroom=classroom, time_zone="Asia/Baku")
    now = timezone.now()
    assignment = services.assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=2),
        due_at=datetime(2030, 3, 8, 19, 59, tzinfo=UTC),  # 23:59 in Baku
    )
    answer_quiz(student=student, assignment=assignment, submit=True)
    return classroom, assignment


def test_every_class_page_with_dates_names_the_class_zone(client, teacher, student, baku):
    classroom, assignment = baku
    client.force_login(teacher)
    pages = {
        "progress": reverse("classroom:classroom_progress", args=[classroom.pk]),
        "assignment form": reverse("classroom:assignment_edit", args=[classroom.pk, assignment.pk]),
        "analysis": reverse("classroom:assignment_analysis", args=[classroom.pk, assignment.pk]),
        "extensions": reverse("classroom:extension_list", args=[classroom.pk, assignment.pk]),
        "student's work": reverse(
            "classroom:student_work", args=[classroom.pk, assignment.pk, student.pk]
        ),
        "regrade": reverse("classroom:assignment_regrade", args=[classroom.pk, assignment.pk]),
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert "data-class-zone" in html, name
        assert "Asia/Baku (UTC+04:00)" in html, name
    analysis = client.get(pages["analysis"]).content.decode()
    assert "11:59" in analysis  # 23:59 in Baku, where it is 19:59 UTC


def test_the_offset_is_written_as_readers_compare_it_with_their_clock():
    assert utc_offset(ZoneInfo("Asia/Baku")) == "UTC+04:00"
    assert utc_offset(ZoneInfo("Asia/Kolkata")) == "UTC+05:30"
    assert utc_offset(ZoneInfo("America/Caracas")) == "UTC-04:00"
    assert utc_offset(UTC) == "UTC"


def test_a_students_dates_name_the_class_zone_for_the_browser_to_hide_if_its_own(
    client, student, baku
):
    client.force_login(student)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert 'data-zone="Asia/Baku">(Asia/Baku)</span>' in dashboard
    assert "js/zone.js" in dashboard


def _csv(client, name: str, classroom) -> tuple[list[str], list[dict]]:
    response = client.get(reverse(name, args=[classroom.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    return header, list(csv.DictReader(io.StringIO(text)))


def test_the_csv_dates_carry_their_offset_and_the_zone_column(client, teacher, baku):
    classroom, _assignment = baku
    client.force_login(teacher)
    header, rows = _csv(client, "classroom:export_responses", classroom)
    assert header.index("time_zone") == header.index("submitted_at") + 1
    quiz = next(r for r in rows if r["attempt_kind"] == "quiz")
    submitted = datetime.fromisoformat(quiz["submitted_at"])
    assert submitted.utcoffset() == timedelta(hours=4)  # ISO 8601 with the class's offset
    assert quiz["time_zone"] == "Asia/Baku"
    header, rows = _csv(client, "classroom:export_gradebook", classroom)
    assert header[-1] == "time_zone" and rows[0]["time_zone"] == "Asia/Baku"


@pytest.mark.parametrize("name", ["classroom:export_gradebook", "classroom:export_responses"])
def test_the_csv_is_the_same_in_every_language_english_names_and_neutral_numbers(
    client, teacher, baku, name
):
    """Data for spreadsheets and scripts (docs/translation.md): the same columns, status words
    and numbers ("1.5", never "1,5") whatever language the teacher reads."""
    classroom, _assignment = baku
    downloads = {}
    for language in ("en", "ru", "az", "hy"):
        teacher.language = language
        teacher.save(update_fields=["language"])
        client.force_login(teacher)
        downloads[language] = _csv(client, name, classroom)
    assert downloads["ru"] == downloads["en"] == downloads["az"] == downloads["hy"]
    header, rows = downloads["en"]
    assert header[:2] == ["username", "display_name"]
    numbers = [v for row in rows for k, v in row.items() if "points" in k or "out of" in k]
    assert numbers and all("," not in v for v in numbers)


def test_the_middle_grade_band_is_translated_with_its_numbers():
    mid = next(band for band in BANDS if band.key == "mid")
    with translation.override("en"):
        assert str(mid.label) == "50\N{EN DASH}79%"
    with translation.override("ru"):
        assert str(mid.label) == "50\N{EN DASH}79 процентов"
