"""The navigation bar offers each role its own destinations and nothing else."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def nav_items(client, user) -> set[str]:
    client.force_login(user)
    html = client.get(reverse("home"), follow=True).content.decode()  # students: the dashboard
    return {
        item
        for item in ("student-home", "teacher-home", "admin", "studio")
        if f'data-nav="{item}"' in html
    }


def test_student_sees_their_lessons_only(client, student):
    assert nav_items(client, student) == {"student-home"}


def test_teacher_sees_their_classes_only(client, teacher):
    assert nav_items(client, teacher) == {"teacher-home", "studio"}


def test_content_author_sees_the_content_admin(client, author):
    assert nav_items(client, author) == {"admin", "studio"}


def test_pages_have_a_language_a_skip_link_and_a_main_landmark(client, student):
    client.force_login(student)
    html = client.get(reverse("home"), follow=True).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html
