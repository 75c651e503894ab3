"""The demo teacher's day, in a real browser: a class, a roster, an assignment, a student's work
scored and exported. The student's side is driven through the quiz services (the student pages
are tested in test_student_flow.py); everything the teacher does goes through the pages.
axe checks every teacher page visited; screenshots go to test-artifacts/screenshots/."""

import csv
import io
import re
from decimal import Decimal

from playwright.sync_api import expect

from accounts.models import User
from classroom.demo import DEMO_ACCOUNTS
from classroom.models import Assignment, Classroom
from classroom.selectors import class_progress
from quizzes.models import Attempt, Score
from tests.classroom.conftest import answer_quiz, write_reflection

TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")
ROSTER = "username,display name\nada.l,Ada Lovelace\nalan.t,Alan Turing\ngrace.h,Grace Hopper\n"


def test_the_teacher_runs_a_class_from_roster_to_gradebook(
    page, live_server, demo_data, login, screenshot, assert_accessible, tmp_path
):
    page.set_default_timeout(20_000)
    # Playwright's clock, running at real speed, lets the test move the progress grid's timer
    # forward instead of waiting the 15 seconds between its refreshes.
    page.clock.install()
    login(page, TEACHER.username, TEACHER.password)
    expect(page.get_by_role("heading", level=1)).to_have_text("My classes")
    assert_accessible(page)
    screenshot(page, "teacher-classes")

    # A new class.
    page.get_by_role("link", name="New class").click()
    page.get_by_label("Class name").fill("History 10C")
    assert_accessible(page)
    page.get_by_role("button", name="Create the class").click()
    classroom = Classroom.objects.get(name="History 10C")
    expect(page.locator("[data-join-code]")).to_have_text(classroom.join_code_display)
    assert_accessible(page)
    screenshot(page, "teacher-students-join-code")

    # A roster of three students from a CSV file.
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    page.get_by_role("link", name="Import a CSV roster").click()
    expect(page.get_by_label("CSV file")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files(str(roster))
    page.get_by_role("button", name="Create the accounts").click()
    expect(page.locator("[data-password]")).to_have_count(3)
    passwords = dict(
        zip(
            page.locator("[data-username]").all_inner_texts(),
            page.locator("[data-password]").all_inner_texts(),
            strict=True,
        )
    )
    assert User.objects.get(username="ada.l").check_password(passwords["ada.l"])
    assert classroom.memberships.count() == 3
    expect(page.get_by_role("button", name="Print the sheet")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "teacher-credentials")
    page.emulate_media(media="print")
    screenshot(page, "teacher-credentials-print")
    page.emulate_media(media="screen")

    # The Khojaly lesson, assigned with the lesson's quiz settings.
    page.get_by_role("link", name="Assign a lesson").click()
    page.get_by_label("Lesson").select_option(
        label="Reading a commemorative text: Khojaly, February 1992"
    )
    page.get_by_label("Grade from").select_option("highest")
    assert_accessible(page)
    screenshot(page, "teacher-assign")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress of History 10C")
    assignment = Assignment.objects.get(classroom=classroom, lesson__slug="khojaly-1992")
    assert_accessible(page)

    # Ada does the lesson meanwhile: one quiz answer wrong, and her reflection.
    ada = User.objects.get(username="ada.l")
    attempt = answer_quiz(
        student=ada, assignment=assignment, answers={"q-repost": {"choice": "rp-trust"}}
    )
    write_reflection(
        student=ada,
        assignment=assignment,
        text="The opening paragraphs match the independent record (s9 to s11). " * 12,
    )

    # The grid picks her score up by itself, without reloading the page.
    cell = page.locator("[data-progress-grid] tbody tr", has_text="Ada Lovelace").locator("td a")
    expected = class_progress(classroom=classroom).cell(ada, assignment)
    page.clock.fast_forward("00:15")  # the grid's refresh interval
    expect(cell).to_have_text(f"{expected.percent}%")
    expect(page.locator("[data-progress-grid] tbody tr", has_text="Ada Lovelace")).to_contain_text(
        "to score"
    )
    assert_accessible(page)
    screenshot(page, "teacher-progress")

    # Her attempt: answers, key, feedback, time spent.
    cell.click()
    expect(page.get_by_role("heading", name="Quiz attempt 1")).to_be_visible()
    expect(page.locator("[data-time-spent]")).not_to_have_text("\N{EN DASH}")
    assert page.get_by_role("heading", name="Key and feedback").count() == len(attempt.item_order)
    assert_accessible(page)
    screenshot(page, "teacher-attempt")

    # Override a score, with a reason.
    item = page.locator("[data-question='q-genocide-definition']")
    item.get_by_text("Change the score").click()
    item.get_by_label("Points (0\N{EN DASH}1)").fill("0")
    item.get_by_label("Reason (required, kept in the record)").fill(
        "Answer copied from a neighbour"
    )
    item.get_by_role("button", name="Override the score").click()
    item = page.locator("[data-question='q-genocide-definition']")
    expect(item.locator("[data-current-score] [data-reason]")).to_have_text(
        "Answer copied from a neighbour"
    )
    override = Score.objects.filter(attempt=attempt, origin="override").get()
    assert (override.points_earned, override.created_by.username) == (Decimal(0), "teacher")

    # Score the reflection against the lesson's scoring guide.
    written = page.locator("[data-written='reflection']")
    written.get_by_label(re.compile(r"Level 3 · Proficient")).check()
    written.get_by_label("Comment (optional, kept with the score)").fill("Name a second source.")
    assert_accessible(page)
    written.get_by_role("button", name="Save the score").click()
    written = page.locator("[data-written='reflection']")
    expect(written.locator("[data-item-score]")).to_have_text("3 / 4")
    progress = class_progress(classroom=classroom).cell(ada, assignment)
    assert not progress.needs_scoring
    expect(page.locator("[data-grade]")).to_contain_text(f"({progress.percent}%)")
    screenshot(page, "teacher-attempt-scored")

    # The gradebook, downloaded, says what the database says.
    page.get_by_role("link", name="Progress", exact=True).first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the gradebook (CSV)").click()
    text = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = {row["username"]: row for row in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"ada.l", "alan.t", "grace.h"}
    points_column = next(k for k in rows["ada.l"] if k.endswith(": points"))
    quiz = Attempt.objects.get(pk=attempt.pk)
    reflection = Score.objects.get(attempt__student=ada, attempt__kind="lesson", origin="teacher")
    assert Decimal(rows["ada.l"][points_column]) == quiz.points_earned + reflection.points_earned
    assert Decimal(rows["ada.l"][points_column]) == progress.points
    assert Decimal(rows["ada.l"][points_column.replace("points", "out of")]) == progress.possible
    assert rows["alan.t"][points_column] == ""
    assert rows["grace.h"][points_column.replace("points", "status")] == "not_started"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all answers (CSV)").click()
    answers = list(
        csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8-sig")))
    )
    assert len(answers) == quiz.responses.count() + 1  # the quiz, and the reflection

    # The other teacher pages a day brings: analysis, the guide, students, extensions.
    page.get_by_role("link", name="Reading a commemorative text: Khojaly, February 1992").click()
    expect(page.locator("[data-small-class-warning]")).to_be_visible()
    expect(page.locator("svg[role='img']")).to_have_count(3)
    assert_accessible(page)
    screenshot(page, "teacher-analysis")

    page.get_by_role("link", name="Extensions").click()
    page.get_by_label("Student").select_option(label="Alan Turing (alan.t)")
    page.get_by_label("Extra minutes on the time limit").fill("15")
    page.get_by_role("button", name="Save the extension").click()
    expect(page.get_by_role("table")).to_contain_text("Alan Turing")
    assert_accessible(page)

    page.goto(f"{live_server.url}/classes/lessons/khojaly-1992/guide/")
    expect(page.get_by_role("heading", name="Handling with care")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "teacher-guide")

    page.goto(f"{live_server.url}/classes/{classroom.pk}/students/")
    page.get_by_role("link", name="Reset password of Grace Hopper").click()
    page.get_by_label("Reason").fill("Forgot it")
    page.get_by_role("button", name="Generate a new password").click()
    new_password = page.locator("[data-password]").inner_text()
    assert User.objects.get(username="grace.h").check_password(new_password)
    assert_accessible(page)
