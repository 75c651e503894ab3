"""Build the load test's database from nothing and describe it in a JSON file.

    DJANGO_SETTINGS_MODULE=config.settings.local DEBUG=false \
        .venv/bin/python -m loadtest.setup --students 100 --out /tmp/load-setup.json

Drops and creates the PostgreSQL database named by --database-url (default
postgres://postgres@127.0.0.1:5432/sourcelab_load; only a loopback host and a name containing
"load" are accepted, since the database is dropped), migrates, loads every package in seeds/,
and creates a teacher, one class of N students (load-0001, load-0002, ...; one known password,
hashed once and copied, so that 300 accounts take no longer than one), and an assignment of the
Khojaly lesson due a day ahead with one attempt allowed.

The JSON written holds what the locust users need and nothing they should not know: the
usernames, the password, the assignment id and the quiz's question ids and types."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sourcelab_load"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LESSON_SLUG = "khojaly-1992"
STUDENT_PASSWORD = "load-test-pupil-2026"  # throwaway test data  # noqa: S105
TEACHER_PASSWORD = "load-test-teacher-2026"  # throwaway test data  # noqa: S105


def username_for(number: int) -> str:
    return f"load-{number:04d}"


def database_recreate(database_url: str) -> None:
    """DROP and CREATE the database of `database_url`, through the server's `postgres` database."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if parts.hostname not in LOOPBACK_HOSTS:
        raise SystemExit(f"Refusing a database that is not on this machine: {parts.hostname}")
    if "load" not in name:
        raise SystemExit(
            f"Refusing to drop {name!r}: the load test only drops a database named with 'load'"
        )
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def populate(*, students: int, lesson_slug: str = LESSON_SLUG) -> dict:
    """Migrate and create the data (Django must be set up, on the new database)."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from accounts.services import user_create
    from authoring.services import lesson_packages_load
    from classroom.models import Membership
    from classroom.services import assignment_create, classroom_create
    from lessons.models import Lesson, StepKind
    from quizzes.models import Question

    call_command("migrate", interactive=False, verbosity=0)
    lesson_packages_load(paths=[settings.SEEDS_DIR])
    lesson = Lesson.objects.get(slug=lesson_slug)

    teacher = user_create(
        username="load-teacher",
        password=TEACHER_PASSWORD,
        role=User.Role.TEACHER,
        display_name="Load Test Teacher",
    )
    classroom = classroom_create(teacher=teacher, name="Load test class")
    hashed = make_password(STUDENT_PASSWORD)  # once: password hashing is slow on purpose
    usernames = [username_for(n) for n in range(1, students + 1)]
    User.objects.bulk_create(
        User(
            username=username,
            password=hashed,
            role=User.Role.STUDENT,
            display_name=f"Load Student {username[5:]}",
        )
        for username in usernames
    )
    Membership.objects.bulk_create(
        Membership(classroom=classroom, student=student)
        for student in User.objects.filter(username__in=usernames)
    )
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timedelta(hours=1),
        due_at=now + timedelta(days=1),
        attempts_allowed=1,
    )
    questions = list(
        Question.objects.filter(lesson=lesson, step__kind=StepKind.QUIZ, is_current=True)
        .order_by("position")
        .values("id", "type")
    )
    return {
        "lesson": lesson.slug,
        "classroom_id": classroom.pk,
        "assignment_id": assignment.pk,
        "password": STUDENT_PASSWORD,
        "students": usernames,
        "questions": questions,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument(
        "--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    parser.add_argument("--lesson", default=LESSON_SLUG)
    parser.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 9999:
        parser.error("--students must be between 1 and 9999")

    started = time.perf_counter()
    database_recreate(args.database_url)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("DEBUG", "false")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    data = populate(students=args.students, lesson_slug=args.lesson)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1))
    print(
        f"setup: {args.students} students, assignment {data['assignment_id']}, "
        f"{len(data['questions'])} quiz items, in {time.perf_counter() - started:.1f} s "
        f"-> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
