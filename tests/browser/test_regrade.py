"""A key fix in a package, then a regrade, in a real browser. Two students answered a question
before its author moved the key (Ada chose the old right answer, Bo the new one); a modified
copy of the package is loaded into the live database through the real loader; the teacher
previews the `either` policy on the assignment's page and applies it. The stored scores, the
progress grid and the gradebook CSV change accordingly; axe checks each page at 375 and
1280 px."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from accounts.services import user_create
from classroom.selectors import class_progress
from classroom.services import assignment_create, classroom_create, membership_add
from quizzes.models import Question, Score
from tests.classroom.conftest import answer_quiz
from tests.conftest import EXAMPLE_PACKAGE
from tests.key_fix import FIXED_QUESTION, load_key_fix

PASSWORD = "correct-horse-battery"
PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1280, "height": 900}


def test_a_key_fix_is_previewed_and_regraded_with_either(
    page, live_server, transactional_db, login, assert_accessible, screenshot, tmp_path
):
    from authoring.services import lesson_packages_load
    from lessons.models import Lesson

    # A class that took the quiz before the fix.
    teacher = user_create(username="t.regrade", password=PASSWORD, role=User.Role.TEACHER)
    classroom = classroom_create(teacher=teacher, name="History 9R")
    lesson_packages_load(paths=[EXAMPLE_PACKAGE])
    lesson = Lesson.objects.get(slug="millbrook-bridge-1911")
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timedelta(days=1),
        due_at=now + timedelta(days=7),
    )
    students = {}
    for username, name, choice in (("ada", "Ada", "celebrate"), ("bo", "Bo", "neutral")):
        students[username] = user_create(
            username=username, password=PASSWORD, role=User.Role.STUDENT, display_name=name
        )
        membership_add(classroom=classroom, student=students[username])
        answer_quiz(
            student=students[username],
            assignment=assignment,
            right=set(),  # every other item left blank: the fixed question decides
            answers={FIXED_QUESTION: {"choice": choice}},
        )
    bo_attempt = students["bo"].attempts.get(kind="quiz")
    ada_attempt = students["ada"].attempts.get(kind="quiz")
    assert (ada_attempt.points_earned, bo_attempt.points_earned) == (Decimal(1), Decimal(0))

    # The author fixes the key in the package and reloads it.
    result = load_key_fix(tmp_path)
    assert [c.key for c in result.key_changes] == [FIXED_QUESTION]

    page.set_default_timeout(20_000)
    page.set_viewport_size(LAPTOP)
    login(page, "t.regrade", PASSWORD)
    page.goto(f"{live_server.url}/classes/{classroom.pk}/assignments/{assignment.pk}/")
    alert = page.locator(f"[data-key-change='{FIXED_QUESTION}']")
    expect(alert).to_contain_text("2 submitted attempts")
    assert_accessible(page)
    alert.get_by_role("link", name="Decide what the old answers get").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Regrade after a key fix")
    expect(page.locator("[data-changed-question] [data-status]")).to_contain_text(
        "decision pending"
    )
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
    page.get_by_label("What the old answers get").select_option("either")
    page.get_by_role("button", name="Preview the regrade").click()

    # The preview: Bo goes up, Ada stays, the class average rises; nothing is written yet.
    preview = page.locator("[data-regrade-preview]")
    expect(preview).to_contain_text("1 score would change.")
    possible = int(bo_attempt.points_possible)  # the quiz's points
    bo_row = page.locator("[data-preview-table] tr[data-student='bo']")
    expect(bo_row.locator("[data-points-before]")).to_have_text(f"0 / {possible}")
    expect(bo_row.locator("[data-points-after]")).to_have_text(f"1 / {possible}")
    ada_row = page.locator("[data-preview-table] tr[data-student='ada']")
    expect(ada_row.locator("[data-points-after]")).to_have_text(f"1 / {possible}")
    expect(preview.locator("[data-average]")).to_contain_text("Class average quiz score:")
    assert not Score.objects.filter(origin=Score.Origin.REGRADE).exists()
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
    screenshot(page, "teacher-regrade-preview")

    page.get_by_label("Reason (optional)").fill("Both readings of the report hold.")
    page.get_by_role("button", name="Apply the regrade").click()
    expect(page.get_by_text("Regrade applied: 1 score(s) changed")).to_be_visible()
    expect(page.locator("[data-changed-question] [data-status]")).to_contain_text("decided")
    assert_accessible(page)

    # The stored scores: one new REGRADE row for Bo, with who, the policy and why.
    old = Question.objects.get(lesson=lesson, key=FIXED_QUESTION, version=1)
    row = Score.objects.get(origin=Score.Origin.REGRADE)
    assert (row.attempt_id, row.question_id, row.points_earned) == (bo_attempt.pk, old.pk, 1)
    assert row.created_by == teacher and row.regrade.policy == "either"
    assert "Both readings of the report hold." in row.reason
    bo_attempt.refresh_from_db()
    ada_attempt.refresh_from_db()
    assert (ada_attempt.points_earned, bo_attempt.points_earned) == (Decimal(1), Decimal(1))

    # The grid says so.
    page.goto(f"{live_server.url}/classes/{classroom.pk}/")
    progress = class_progress(classroom=classroom).cell(students["bo"], assignment)
    bo_cell = page.locator("[data-progress-grid] tbody tr", has_text="Bo").locator("td")
    expect(bo_cell.locator("a")).to_have_text(f"{progress.percent}%")
    expect(bo_cell).to_contain_text("regraded")
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
    screenshot(page, "teacher-grid-regraded")

    # So does the gradebook CSV.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the gradebook (CSV)").click()
    text = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = {r["username"]: r for r in csv.DictReader(io.StringIO(text))}
    points = next(k for k in rows["bo"] if k.endswith(": points"))
    assert Decimal(rows["bo"][points]) == progress.points
    assert Decimal(rows["bo"][points]) == bo_attempt.points_earned + (progress.written_points or 0)
    assert "regraded" in rows["bo"][points.replace("points", "status")]
    assert "regraded" not in rows["ada"][points.replace("points", "status")]

    # Bo's work says "regraded" and why.
    bo_cell.locator("a").click()
    item = page.locator(f"[data-question='{FIXED_QUESTION}']")
    expect(item.locator("[data-regraded]")).to_have_text("regraded")
    expect(item.locator("[data-regrade-reason]")).to_contain_text("Both readings")
    assert_accessible(page)
