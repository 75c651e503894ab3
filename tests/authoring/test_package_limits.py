"""No number in a package can break a page (finding 5 of the December 2026 walk: `points:
1000000` validated, loaded, then every page showing a score answered 500; a number of 23
digits validated and then crashed the loader).

Every number is bounded by what stores it or by the arithmetic that uses it; a package with
extreme numbers either fails validation, each mistake at its file and line, or loads, and the
student's quiz, result and dashboard pages (and the teacher's class pages) render."""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accounts.models import User
from accounts.services import user_create
from authoring.package import limits, validate_package
from authoring.services import lesson_packages_load
from classroom.forms import AssignmentForm
from classroom.services import assignment_create, classroom_create, membership_add
from lessons.models import Lesson
from quizzes import policy, services
from quizzes.models import Attempt, Question
from quizzes.types import registry
from tests.conftest import EXAMPLE_PACKAGE, PASSWORD

INT_MAX = 2_147_483_647  # a PositiveIntegerField on PostgreSQL

# Where each number sits in the example package: (text to replace, template with {n}).
NUMBERS = {
    "version": ("version: 1\n", "version: {n}\n"),
    "estimated_minutes": ("estimated_minutes: 45", "estimated_minutes: {n}"),
    "attempts": ("    attempts: 2", "    attempts: {n}"),
    "time_limit_minutes": ("time_limit_minutes: 20", "time_limit_minutes: {n}"),
    "reflection_points": ("        points: 4\n", "        points: {n}\n"),
    "match_points": ("      points: 3\n", "      points: {n}\n"),
    "numeric_answer": ("        answer: 9250\n", "        answer: {n}\n"),
    "numeric_tolerance": (
        "        unit: dollars\n",
        "        unit: dollars\n        tolerance: {n}\n",
    ),
    "tolerance_percent": (
        "        unit: dollars\n",
        "        tolerance_percent: {n}\n        unit: dollars\n",
    ),
    "select_max": (
        "          key: [s6, s10, s11]\n",
        "          key: [s6, s10, s11]\n          max: {n}\n",
    ),
    "min_words": ("          min_words: 30", "          min_words: {n}"),
    "max_words": ("          max_words: 250", "          max_words: {n}"),
    "rubric_level": ("{level: 4, label:", "{level: {n}, label:"),
}


def package_with(folder: Path, **numbers) -> Path:
    """A copy of the example package in `folder` with `numbers` written in as YAML text."""
    target = folder / "example"
    shutil.copytree(EXAMPLE_PACKAGE, target)
    yaml = target / "lesson.yaml"
    text = yaml.read_text(encoding="utf-8")
    # One pass over the original text: a number written in for one field must not be taken
    # for another field's text ("points: 4" turned into "points: 3" matching a second one).
    replacements = {}
    for name, value in numbers.items():
        old, new = NUMBERS[name]
        assert text.count(old) == 1, name
        replacements[old] = new.replace("{n}", str(value))
    if replacements:
        pattern = re.compile("|".join(re.escape(old) for old in replacements))
        text = pattern.sub(lambda match: replacements[match.group(0)], text)
    yaml.write_text(text, encoding="utf-8")
    return target


def errors_of(tmp_path, **numbers) -> list[tuple[int | None, str, str]]:
    report = validate_package(package_with(tmp_path, **numbers))
    return [(e.line, e.path, e.message) for e in report.errors]


def line_of(folder: Path, pattern: str) -> int:
    lines = (folder / "example" / "lesson.yaml").read_text(encoding="utf-8").splitlines()
    [found] = [n for n, line in enumerate(lines, 1) if re.search(pattern, line)]
    return found


# --- the bounds, read from what stores each number ----------------------------------------


def test_the_limits_come_from_the_columns_that_store_the_numbers():
    assert limits.POINTS == limits.TOTAL_POINTS == 999_999  # decimals of 9 digits, 3 after
    assert limits.VERSION == limits.ESTIMATED_MINUTES == INT_MAX
    assert limits.ATTEMPTS == policy.MAX_ATTEMPTS_ALLOWED
    assert limits.TIME_LIMIT_MINUTES == policy.MAX_TIME_LIMIT_MINUTES


def test_a_lessons_quiz_settings_fit_the_teachers_assignment_form():
    """The package's settings are the defaults of that form: the same ranges."""
    fields = AssignmentForm.base_fields
    assert fields["attempts_allowed"].max_value == policy.MAX_ATTEMPTS_ALLOWED
    assert fields["time_limit_minutes"].max_value == policy.MAX_TIME_LIMIT_MINUTES


BOUNDS = [
    # (number, its limit, its path, its YAML key, the reason given)
    ("version", INT_MAX, "version", "version", "the largest number the database stores here"),
    ("estimated_minutes", INT_MAX, "estimated_minutes", "estimated_minutes", "the largest"),
    ("attempts", 20, "quiz.settings.attempts", "attempts", "the widest a teacher's assignment"),
    ("time_limit_minutes", 600, "quiz.settings.time_limit_minutes", "time_limit_minutes", "widest"),
    (
        "tolerance_percent",
        100,
        "quiz.items[6].spec.tolerance_percent",
        "tolerance_percent",
        "twice",
    ),
    ("select_max", 5000, "steps[3].activities[0].spec.max", "max", "the most options a response"),
    ("max_words", 10_000, "steps[7].activities[0].spec.max_words", "max_words", "the most words"),
    ("rubric_level", 100, "steps[7].activities[0].spec.rubric[2].level", "level", "0 to 100"),
]


@pytest.mark.parametrize(
    ("name", "limit", "path", "key", "why"), BOUNDS, ids=[b[0] for b in BOUNDS]
)
def test_each_number_is_accepted_up_to_its_limit_and_refused_above_at_its_line(
    tmp_path, name, limit, path, key, why
):
    assert errors_of(tmp_path / "at", **{name: limit}) == []
    [(line, where, message)] = errors_of(tmp_path / "above", **{name: limit + 1})
    assert (line, where) == (line_of(tmp_path / "above", rf"\b{key}: {limit + 1}\b"), path)
    assert message.startswith(f"must be at most {limit} (")
    assert why in message


def test_points_are_refused_above_what_a_score_stores(tmp_path):
    for points in (1_000_000, 99_999_999_999_999_999_999_999):
        [(line, path, message)] = errors_of(tmp_path / str(points), match_points=points)
        assert (line, path) == (
            line_of(tmp_path / str(points), rf"points: {points}$"),
            "quiz.items[4].points",
        )
        assert message == "must be at most 999999 (the most points a score can store)"


def test_the_quizs_points_together_must_fit_an_attempts_total(tmp_path):
    # The example quiz: 5 items of 1 point, q-checkable 2, q-evidence 2, and q-who-said.
    assert errors_of(tmp_path / "fits", match_points=999_999 - 9) == []
    [(line, path, message)] = errors_of(tmp_path / "over", match_points=999_999 - 8)
    assert (line, path) == (line_of(tmp_path / "over", r"^  items:"), "quiz.items")
    assert message == (
        "the quiz's items are worth 1000000 points together: at most 999999 "
        "(the most points an attempt's total can store)"
    )


def test_the_activities_points_together_must_fit_an_attempts_total(tmp_path):
    [(line, path, message)] = errors_of(tmp_path, reflection_points=999_999)
    assert (line, path) == (line_of(tmp_path, r"^steps:"), "steps")
    # The example's other 12 activities are worth a point each.
    assert message.startswith("the lesson's activities are worth 1000011 points together")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1.0e+300", "longer than 100 characters, the longest answer a student can type"),
        ("1.0e-300", "longer than 100 characters"),
        ("1" * 101, "longer than 100 characters"),
        (".inf", "Input should be a finite number"),
    ],
)
def test_a_numeric_answer_must_be_one_a_student_can_type(tmp_path, written, message):
    [(line, path, found)] = errors_of(tmp_path, numeric_answer=written)
    assert (line, path) == (
        line_of(tmp_path, r"answer: " + re.escape(written)),
        "quiz.items[6].spec.answer",
    )
    assert message in found


def test_a_number_of_a_hundred_characters_is_still_an_answer(tmp_path):
    assert errors_of(tmp_path, numeric_answer="9" * 100) == []


# --- extreme numbers anywhere: refused with their lines, or loaded and shown ----------------

EXTREMES = st.one_of(
    st.sampled_from(
        [
            0,
            1,
            19,
            20,
            21,
            100,
            101,
            600,
            601,
            5000,
            5001,
            10_000,
            10_001,
            333_331,
            999_999,
            1_000_000,
            INT_MAX,
            INT_MAX + 1,
            2**63,
            10**23,
            -1,
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30),
)
NUMBER_TEXT = st.one_of(
    EXTREMES.map(str),
    st.sampled_from(["1.0e+308", "1.0e-320", ".inf", ".nan", "-0", "0.000001", "'6,300'"]),
)


# The largest value of each number in the example package (the points: what the totals leave).
LARGEST = {name: limit for name, limit, *_rest in BOUNDS} | {
    "match_points": 999_999 - 9,
    "reflection_points": 999_999 - 12,
    "min_words": 250,  # its max_words
    "numeric_answer": 10**100 - 1,
    "numeric_tolerance": 10**100 - 1,
}


@st.composite
def some_numbers(draw, *, anything: bool = True):
    """A few of the package's numbers: at, just under or just past their limits, or (with
    `anything`) any extreme number."""
    names = draw(st.lists(st.sampled_from(sorted(NUMBERS)), min_size=1, max_size=5, unique=True))
    near = {
        name: st.sampled_from([LARGEST[name] - 1, LARGEST[name], LARGEST[name] + 1]).map(str)
        for name in names
    }
    return {
        name: draw(st.one_of(near[name], NUMBER_TEXT) if anything else near[name]) for name in names
    }


@settings(max_examples=60, deadline=None)
@given(numbers=some_numbers())
def test_extreme_numbers_validate_or_are_reported_at_their_lines(numbers):
    with tempfile.TemporaryDirectory() as folder:
        report = validate_package(package_with(Path(folder), **numbers))
    for error in report.errors:
        assert error.file.endswith("lesson.yaml"), error
        assert error.line is not None and error.path, error
    assert report.ok is (report.package is not None)


def answer_everything_and_submit(attempt: Attempt) -> None:
    for question in Question.objects.filter(pk__in=attempt.item_order):
        qt = registry.get(question.type)
        right = qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))
        services.response_save(attempt=attempt, question_id=question.pk, data=right)
    services.attempt_submit(attempt=attempt)


def pages_of_a_loaded_package(client, folder: Path) -> list[tuple[str, int]]:
    """Load the package, take its quiz as a student with every answer right, and read every
    page that shows a score."""
    lesson_packages_load(paths=[folder])
    lesson = Lesson.objects.get()
    teacher = user_create(username="t.limits", password=PASSWORD, role=User.Role.TEACHER)
    student = user_create(username="s.limits", password=PASSWORD, role=User.Role.STUDENT)
    classroom = classroom_create(teacher=teacher, name="Limits")
    membership_add(classroom=classroom, student=student)
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timedelta(hours=1),
        due_at=now - timedelta(minutes=1),  # past: the key and score are released
        late_until=now + timedelta(days=1),
        show_feedback="immediately",
        show_key="immediately",
    )
    attempt = services.attempt_start(student=student, lesson=lesson, assignment=assignment)
    client.force_login(student)
    statuses = [("quiz", client.get(reverse("learning:attempt_take", args=[attempt.pk])))]
    answer_everything_and_submit(attempt)
    statuses += [
        ("result", client.get(reverse("learning:attempt_result", args=[attempt.pk]))),
        ("dashboard", client.get(reverse("learning:dashboard"))),
        ("quiz step", client.get(reverse("learning:step", args=[assignment.pk, "quiz"]))),
    ]
    client.force_login(teacher)
    statuses += [
        ("class", client.get(reverse("classroom:classroom_progress", args=[classroom.pk]))),
        ("grid", client.get(reverse("classroom:progress_grid", args=[classroom.pk]))),
        (
            "student work",
            client.get(
                reverse("classroom:student_work", args=[classroom.pk, assignment.pk, student.pk])
            ),
        ),
    ]
    return [(name, response.status_code) for name, response in statuses]


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(numbers=some_numbers(anything=False))
def test_a_package_with_extreme_numbers_that_validates_loads_and_every_page_renders(
    client, numbers
):
    with tempfile.TemporaryDirectory() as tmp:
        folder = package_with(Path(tmp), **numbers)
        report = validate_package(folder)
        event("refused" if not report.ok else "loaded")
        if not report.ok:
            assert all(e.line is not None for e in report.errors)
            return
        with transaction.atomic():
            pages = pages_of_a_loaded_package(client, folder)
            transaction.set_rollback(True)
    assert [(name, status) for name, status in pages if status >= 500] == []
    assert all(status == 200 for _name, status in pages), pages


@pytest.mark.django_db
@pytest.mark.parametrize(
    "numbers",
    [
        {"match_points": 999_999 - 9, "reflection_points": 999_999 - 12},  # both totals full
        {"attempts": 20, "time_limit_minutes": 600, "version": INT_MAX},
        {"numeric_answer": "9" * 100, "numeric_tolerance": "0." + "0" * 97 + "1"},
        {"select_max": 5000, "max_words": 10_000, "rubric_level": 100},
    ],
    ids=["points", "settings", "numeric", "counts"],
)
def test_the_largest_numbers_a_package_may_hold_load_and_every_page_renders(
    client, tmp_path, numbers
):
    folder = package_with(tmp_path, **numbers)
    assert validate_package(folder).ok
    pages = pages_of_a_loaded_package(client, folder)
    assert all(status == 200 for _name, status in pages), pages
