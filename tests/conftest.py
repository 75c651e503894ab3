"""Fixtures shared by every test module: users of each role and a class."""

import pytest

from accounts.models import User
from accounts.services import user_create
from classroom.services import classroom_create, membership_add

PASSWORD = "correct-horse-battery"


@pytest.fixture
def teacher(db) -> User:
    return user_create(username="t.hopper", password=PASSWORD, role=User.Role.TEACHER)


@pytest.fixture
def student(db) -> User:
    return user_create(username="s.lovelace", password=PASSWORD, role=User.Role.STUDENT)


@pytest.fixture
def author(db) -> User:
    return user_create(username="a.author", password=PASSWORD, role=User.Role.STAFF, is_staff=True)


@pytest.fixture
def classroom(teacher, student):
    classroom = classroom_create(teacher=teacher, name="History 9A")
    membership_add(classroom=classroom, student=student)
    return classroom
