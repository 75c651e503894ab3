"""The school's time: a class's due dates are entered and shown in the class's zone, with the
zone named, on the teacher's pages, the student's dashboard and in the CSV exports."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from classroom import services
from classroom.errors import ClassroomError
from classroom.errors import Code as ClassCode
from classroom.models import Assignment
from tests.classroom.test_views import assignment_form

pytestmark = pytest.mark.django_db
BAKU = ZoneInfo("Asia/Baku")  # UTC+4 all year


@pytest.fixture
def baku_class(classroom):
    return services.classroom_time_zone_set(classroom=classroom, time_zone="Asia/Baku")


def test_a_class_without_a_zone_uses_the_settings_zone(classroom, settings):
    assert classroom.time_zone == ""
    assert classroom.zone.key == settings.TIME_ZONE


def test_an_unknown_zone_is_refused_with_a_coded_error(classroom):
    with pytest.raises(ClassroomError) as refused:
        services.classroom_time_zone_set(classroom=classroom, time_zone="Mars/Olympus")
    assert refused.value.code == ClassCode.UNKNOWN_TIME_ZONE


def test_the_class_form_offers_and_saves_the_zone(client, teacher, classroom):
    client.force_login(teacher)
    url = reverse("classroom:classroom_edit", args=[classroom.pk])
    assert '<option value="Asia/Baku">' in client.get(url).content.decode()
    client.post(url, {"name": classroom.name, "time_zone": "Asia/Baku"})
    classroom.refresh_from_db()
    assert classroom.time_zone == "Asia/Baku"


def test_a_zone_not_in_the_list_is_a_400_on_the_form(client, teacher, classroom):
    client.force_login(teacher)
    url = reverse("classroom:classroom_edit", args=[classroom.pk])
    response = client.post(url, {"name": classroom.name, "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    classroom.refresh_from_db()
    assert classroom.time_zone == ""


def test_a_due_date_typed_in_the_assignment_form_is_read_in_the_class_zone(
    client, teacher, baku_class, example_lesson
):
    client.force_login(teacher)
    url = reverse("classroom:assignment_create", args=[baku_class.pk])
    page = client.get(url).content.decode()
    assert "Times are in Asia/Baku." in page
    data = assignment_form(example_lesson, opens_at="2027-03-01T08:00", due_at="2027-03-08T23:59")
    assert client.post(url, data).status_code == 302
    assignment = Assignment.objects.get(classroom=baku_class, lesson=example_lesson)
    assert assignment.due_at == datetime(2027, 3, 8, 23, 59, tzinfo=BAKU)


def test_the_teacher_pages_and_the_dashboard_show_the_due_date_in_the_class_zone(
    client, teacher, student, baku_class, example_lesson
):
    due = datetime(2027, 3, 8, 19, 59, tzinfo=ZoneInfo("UTC"))  # 23:59 in Baku
    assignment = services.assignment_create(
        classroom=baku_class, lesson=example_lesson, opens_at=timezone.now(), due_at=due
    )
    client.force_login(teacher)
    analysis = reverse("classroom:assignment_analysis", args=[baku_class.pk, assignment.pk])
    assert "11:59" in client.get(analysis).content.decode()
    client.force_login(student)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert "11:59" in dashboard and "7:59" not in dashboard
    assert "(Asia/Baku)" in dashboard


def test_the_exports_write_dates_in_the_class_zone_with_its_offset(
    client, teacher, student, baku_class, example_lesson
):
    due = datetime(2027, 3, 8, 20, 30, tzinfo=ZoneInfo("UTC"))  # 00:30 on the 9th in Baku
    services.assignment_create(
        classroom=baku_class, lesson=example_lesson, opens_at=timezone.now(), due_at=due
    )
    client.force_login(teacher)
    response = client.get(reverse("classroom:export_gradebook", args=[baku_class.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert any("(due 2027-03-09)" in column for column in header)
