"""The teacher's pages through the test client: what a teacher does, and what bad input gets."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from classroom.models import Assignment, AttemptReset, Classroom, Extension
from classroom.services import assignment_create, extension_set
from quizzes.models import Attempt, Question, Score
from tests.classroom.conftest import (
    answer_quiz,
    quiz_questions,
    reflection_question,
    write_reflection,
)

pytestmark = pytest.mark.django_db

INLINE = re.compile(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    html = response.content.decode()
    assert not INLINE.search(html), INLINE.search(html).group(0)  # strict CSP
    return html


@pytest.fixture
def signed_in(client, teacher):
    client.force_login(teacher)
    return client


def url(name, *args):
    return reverse(f"classroom:{name}", args=args)


# --- home and classes ----------------------------------------------------------------------


def test_home_sends_a_teacher_to_their_classes(signed_in, classroom):
    response = signed_in.get(reverse("home"))
    assert response.status_code == 302 and response.url == url("classroom_list")
    html = page(signed_in, url("classroom_list"))
    assert classroom.name in html and classroom.join_code_display in html
    assert 'data-nav="teacher-home"' in html and 'aria-current="page"' in html


def test_creating_a_class_leads_to_its_students_page(signed_in, teacher):
    response = signed_in.post(url("classroom_create"), {"name": "History 10A"})
    classroom = Classroom.objects.get(name="History 10A")
    assert classroom.teacher == teacher
    assert response.url == url("classroom_students", classroom.pk)
    html = page(signed_in, response.url)
    assert f"data-join-code>{classroom.join_code_display}<" in html


def test_a_class_without_a_name_is_refused_with_a_message(signed_in):
    response = signed_in.post(url("classroom_create"), {"name": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Classroom.objects.exists()


def test_renaming_and_archiving_and_restoring(signed_in, classroom):
    signed_in.post(url("classroom_edit", classroom.pk), {"name": "History 9A (2026)"})
    signed_in.post(url("classroom_archive", classroom.pk), {"action": "archive"})
    classroom.refresh_from_db()
    assert classroom.name == "History 9A (2026)" and classroom.archived_at
    card = f'href="{url("classroom_progress", classroom.pk)}"'
    assert card not in page(signed_in, url("classroom_list"))
    assert card in page(signed_in, url("classroom_list") + "?archived=1")
    # An archived class is read-only until restored.
    assert signed_in.post(url("join_code_regenerate", classroom.pk)).status_code == 409
    signed_in.post(url("classroom_archive", classroom.pk), {"action": "restore"})
    classroom.refresh_from_db()
    assert classroom.archived_at is None


def test_a_new_join_code_is_shown_large(signed_in, classroom):
    old = classroom.join_code
    response = signed_in.post(url("join_code_regenerate", classroom.pk))
    classroom.refresh_from_db()
    assert classroom.join_code != old
    assert f"data-join-code>{classroom.join_code_display}<" in page(signed_in, response.url)


# --- students --------------------------------------------------------------------------------


def csv_file(text: str, name="roster.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def test_importing_a_roster_shows_a_printable_sheet_of_passwords_once(signed_in, classroom):
    response = signed_in.post(
        url("roster_import", classroom.pk),
        {"file": csv_file("username,display name\nada.l,Ada Lovelace\nalan.t,Alan Turing\n")},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    passwords = re.findall(r"data-password>([^<]+)<", html)
    assert len(passwords) == 2
    assert User.objects.get(username="ada.l").check_password(passwords[0])
    assert "data-print" in html and "teacher-print.js" in html
    assert not INLINE.search(html)


def test_a_roster_with_bad_rows_is_refused_by_line_and_nothing_is_created(
    signed_in, classroom, student
):
    before = User.objects.count()
    response = signed_in.post(
        url("roster_import", classroom.pk),
        {"file": csv_file(f"username\nfine.one\nbad name\n{student.username}\n")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line 3: the username “bad name”" in html
    assert User.objects.count() == before


def test_a_username_already_taken_is_refused_at_the_form_by_its_line(signed_in, classroom, student):
    before = User.objects.count()
    response = signed_in.post(
        url("roster_import", classroom.pk),
        {"file": csv_file(f"username\nfine.one\n{student.username}\n")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert f"Line 3: the username “{student.username}” is already taken." in html
    assert User.objects.count() == before


def test_a_roster_with_a_control_character_in_a_name_is_refused_by_line(signed_in, classroom):
    upload = SimpleUploadedFile("r.csv", b"username,name\nok.one,Fine\nbad.one,Nul\x00name\n")
    response = signed_in.post(url("roster_import", classroom.pk), {"file": upload})
    assert response.status_code == 400
    assert "Line 3: the display name contains control characters." in response.content.decode()
    assert not User.objects.filter(username="ok.one").exists()


def test_a_file_that_is_not_utf8_text_is_refused_with_a_message(signed_in, classroom):
    upload = SimpleUploadedFile("roster.csv", "username\nzoë\n".encode("utf-16"))
    response = signed_in.post(url("roster_import", classroom.pk), {"file": upload})
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode()


def test_pasted_rows_work_too_but_not_together_with_a_file(signed_in, classroom):
    both = signed_in.post(
        url("roster_import", classroom.pk), {"file": csv_file("a.b"), "text": "c.d"}
    )
    assert both.status_code == 400
    pasted = signed_in.post(url("roster_import", classroom.pk), {"text": "c.d,Cee Dee"})
    assert pasted.status_code == 200
    assert User.objects.filter(username="c.d", display_name="Cee Dee").exists()


def test_resetting_a_password_asks_first_then_shows_the_new_one(signed_in, classroom, student):
    confirm = page(signed_in, url("student_password_reset", classroom.pk, student.pk))
    assert "data-password" not in confirm
    response = signed_in.post(
        url("student_password_reset", classroom.pk, student.pk), {"reason": "Forgot it"}
    )
    assert "no-store" in response["Cache-Control"]
    (password,) = re.findall(r"data-password>([^<]+)<", response.content.decode())
    student.refresh_from_db()
    assert student.check_password(password)


def test_removing_a_student_asks_first(signed_in, classroom, student):
    assert "Remove from the class" in page(
        signed_in, url("membership_remove", classroom.pk, student.pk)
    )
    response = signed_in.post(url("membership_remove", classroom.pk, student.pk))
    assert response.status_code == 302
    assert not classroom.memberships.exists()


# --- assignments -----------------------------------------------------------------------------


def assignment_form(lesson, /, **changes):
    now = timezone.localtime().replace(second=0, microsecond=0)
    data = {
        "lesson": lesson.pk,
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "due_at": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "late_until": "",
        "attempts_allowed": 2,
        "grading_method": "highest",
        "time_limit_minutes": 20,
        "shuffle_choices": "on",
        "feedback_level": "full",
        "show_feedback": "after_submit",
        "show_key": "after_due",
    }
    data.update(changes)
    return data


def test_assigning_a_lesson_with_dates_and_quiz_settings(signed_in, classroom, example_lesson):
    html = page(
        signed_in, url("assignment_create", classroom.pk) + f"?lesson={example_lesson.slug}"
    )
    assert example_lesson.title in html
    response = signed_in.post(
        url("assignment_create", classroom.pk),
        assignment_form(example_lesson, grading_method="average", late_until=""),
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.grading_method, assignment.time_limit_minutes) == ("average", 20)
    assert assignment.shuffle_choices and not assignment.shuffle_items


def test_the_teacher_chooses_what_students_see_and_when_the_key_comes(
    signed_in, classroom, example_lesson
):
    html = page(signed_in, url("assignment_create", classroom.pk))
    assert "After submitting, students see" in html
    assert "When they see the right answers" in html
    signed_in.post(
        url("assignment_create", classroom.pk),
        assignment_form(example_lesson, feedback_level="outcomes", show_key="never"),
    )
    assignment = Assignment.objects.get()
    assert (assignment.feedback_level, assignment.show_key) == ("outcomes", "never")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_at": "2020-01-01T10:00"}, "The due date must come after the opening date."),
        ({"lesson": 999999}, "Select a valid choice"),
        ({"attempts_allowed": -1}, "greater than or equal to 0"),
        ({"opens_at": "yesterday"}, "Enter a valid date/time"),
        (
            {"show_feedback": "after_due", "show_key": "after_submit"},
            "The right answers cannot be shown before the feedback.",
        ),
        ({"feedback_level": "everything"}, "Select a valid choice"),
    ],
)
def test_bad_assignment_input_is_refused_with_a_message(
    signed_in, classroom, example_lesson, changes, message
):
    response = signed_in.post(
        url("assignment_create", classroom.pk), assignment_form(example_lesson, **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_editing_an_assignment_keeps_its_lesson(signed_in, classroom, assignment):
    data = assignment_form(assignment.lesson, attempts_allowed=5)
    data.pop("lesson")
    response = signed_in.post(url("assignment_edit", classroom.pk, assignment.pk), data)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.attempts_allowed == 5


def test_giving_and_removing_an_extension(signed_in, classroom, assignment, student):
    response = signed_in.post(
        url("extension_list", classroom.pk, assignment.pk),
        {"student": student.pk, "due_at": "", "extra_minutes": 10},
    )
    assert response.status_code == 302
    assert Extension.objects.get().extra_minutes == 10
    assert student.display_name or student.username in page(signed_in, response.url)
    signed_in.post(url("extension_delete", classroom.pk, assignment.pk, student.pk))
    assert not Extension.objects.exists()


def test_an_extension_giving_no_time_is_refused(signed_in, classroom, assignment, student):
    response = signed_in.post(
        url("extension_list", classroom.pk, assignment.pk),
        {"student": student.pk, "due_at": "", "extra_minutes": ""},
    )
    assert response.status_code == 400
    assert "Give a new due date, extra minutes, or both." in response.content.decode()


def test_a_services_refusal_is_shown_at_its_field_with_a_400(
    signed_in, classroom, assignment, student
):
    too_early = timezone.localtime(assignment.due_at - timedelta(hours=1))
    response = signed_in.post(
        url("extension_list", classroom.pk, assignment.pk),
        {"student": student.pk, "due_at": too_early.strftime("%Y-%m-%dT%H:%M"), "extra_minutes": 0},
    )
    assert response.status_code == 400
    html = response.content.decode()
    field_error = re.search(r'id="error_1_id_due_at"[^>]*>\s*<strong>([^<]*)</strong>', html)
    assert (
        field_error.group(1) == "The extended due date must come after the class&#x27;s due date."
    )
    assert not Extension.objects.exists()


# --- progress, attempts and scores ----------------------------------------------------------


def test_the_progress_page_and_its_live_grid(signed_in, classroom, assignment, student):
    answer_quiz(student=student, assignment=assignment)
    html = page(signed_in, url("classroom_progress", classroom.pk))
    assert "data-poll-url" in html and "teacher-progress.js" in html
    assert "75%" in html
    grid = page(signed_in, url("progress_grid", classroom.pk) + "?filter=needs_scoring")
    assert "<html" not in grid and "data-grid" in grid
    assert "No student matches this filter." in grid
    assert "no-cache" in signed_in.get(url("progress_grid", classroom.pk))["Cache-Control"]


def test_a_grid_cell_is_drawn_by_the_template_with_its_notes_classes_and_link(
    signed_in, classroom, example_lesson, student
):
    now = timezone.now()
    past = assignment_create(
        classroom=classroom,
        lesson=example_lesson,
        opens_at=now - timedelta(days=3),
        due_at=now - timedelta(days=2),
        late_until=now + timedelta(days=1),
    )
    extension_set(assignment=past, student=student, due_at=now - timedelta(days=1))
    answer_quiz(student=student, assignment=past)

    grid = page(signed_in, url("progress_grid", classroom.pk) + "?filter=late")

    work = url("student_work", classroom.pk, past.pk, student.pk)
    cell = re.search(
        r'<td class="([^"]*)">\s*<span class="band-symbol" aria-hidden="true">([^<]*)</span>'
        r'<a href="([^"]*)">([^<]*)</a>\s*<span class="cell-note">([^<]*)</span>',
        grid,
    )
    assert cell.groups() == (
        "cell-submitted cell-band-mid cell-late cell-match",
        "◐",
        work,
        "75%",
        "late · ext.",
    )


def test_the_attempt_page_shows_answers_key_feedback_and_time_spent(
    signed_in, classroom, assignment, student
):
    answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
    html = page(signed_in, url("student_work", classroom.pk, assignment.pk, student.pk))
    assert "Student's answer" in html and "Key and feedback" in html
    assert "To celebrate the bridge and answer its critics" in html
    assert "data-time-spent" in html and "Time spent" in html


def test_overriding_a_score_needs_a_reason_and_is_kept_in_the_history(
    signed_in, classroom, assignment, student, teacher
):
    attempt = answer_quiz(student=student, assignment=assignment)
    question = quiz_questions(assignment)["q-purpose"]
    target = url("item_score", classroom.pk, attempt.pk)

    refused = signed_in.post(target, {"question": question.pk, "points": "0", "reason": ""})
    assert refused.status_code == 400
    assert "Give a reason" in refused.content.decode()
    too_many = signed_in.post(target, {"question": question.pk, "points": "5", "reason": "x"})
    assert too_many.status_code == 400
    assert "between 0 and 1" in too_many.content.decode()

    response = signed_in.post(
        target, {"question": question.pk, "points": "0.5", "reason": "Half right"}
    )
    assert response.status_code == 302
    html = page(signed_in, response.url.split("#")[0])
    assert "Half right" in html and "Overridden by the teacher" in html
    score = Score.objects.filter(attempt=attempt, question=question).first()
    assert (score.origin, score.created_by, str(score.points_earned)) == (
        "override",
        teacher,
        "0.500",
    )


def test_scoring_an_item_of_another_attempt_or_nonsense_is_a_400(
    signed_in, classroom, assignment, student
):
    attempt = answer_quiz(student=student, assignment=assignment)
    target = url("item_score", classroom.pk, attempt.pk)
    assert signed_in.post(target, {"question": "abc", "points": "1"}).status_code == 400
    assert signed_in.post(target, {"question": 999999, "points": "1"}).status_code == 400
    reflection = reflection_question(assignment.lesson)
    response = signed_in.post(target, {"question": reflection.pk, "points": "1", "reason": "x"})
    assert response.status_code == 400


def test_scoring_the_reflection_with_the_rubric(signed_in, classroom, assignment, student):
    answer_quiz(student=student, assignment=assignment)
    lesson_attempt = write_reflection(student=student, assignment=assignment, text="Evidence " * 40)
    question = reflection_question(assignment.lesson)
    work = url("student_work", classroom.pk, assignment.pk, student.pk)
    html = page(signed_in, work)
    assert "data-rubric-form" in html and "Names both, with an example from the sources" in html

    refused = signed_in.post(
        url("item_score", classroom.pk, lesson_attempt.pk), {"question": question.pk, "level": 3}
    )
    assert refused.status_code == 400
    response = signed_in.post(
        url("item_score", classroom.pk, lesson_attempt.pk),
        {"question": question.pk, "level": 4, "comment": "Clear and precise."},
    )
    assert response.status_code == 302
    html = page(signed_in, work)
    assert "Level 4 (Names both, with an example from the sources). Clear and precise." in html
    assert "100%" in page(signed_in, url("classroom_progress", classroom.pk))


def test_resetting_an_attempt_keeps_an_audit_record_on_the_page(
    signed_in, classroom, assignment, student
):
    attempt = answer_quiz(student=student, assignment=assignment)
    confirm = page(signed_in, url("attempt_reset", classroom.pk, attempt.pk))
    assert "Reason" in confirm
    refused = signed_in.post(url("attempt_reset", classroom.pk, attempt.pk), {"reason": ""})
    assert refused.status_code == 400
    response = signed_in.post(
        url("attempt_reset", classroom.pk, attempt.pk), {"reason": "Browser crashed"}
    )
    assert response.status_code == 302
    assert not Attempt.objects.filter(pk=attempt.pk).exists()
    assert AttemptReset.objects.get().reason == "Browser crashed"
    assert "Browser crashed" in page(signed_in, response.url)


def test_resetting_an_attempt_that_is_not_the_latest_is_refused_at_the_form(
    signed_in, classroom, assignment, student
):
    first = answer_quiz(student=student, assignment=assignment)
    answer_quiz(student=student, assignment=assignment)
    response = signed_in.post(url("attempt_reset", classroom.pk, first.pk), {"reason": "Crash"})
    assert response.status_code == 409  # the refusal's own status, shown at the form
    assert "Reset the student&#x27;s latest attempt first." in response.content.decode()
    assert "Crash</textarea>" in response.content.decode()  # the form again, as typed
    assert not AttemptReset.objects.exists()


def test_the_analysis_page_has_accessible_charts_with_data_tables(
    signed_in, classroom, assignment, student
):
    answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
    html = page(signed_in, url("assignment_analysis", classroom.pk, assignment.pk))
    assert html.count('role="img"') == 3
    assert html.count("<title id=") == 3
    assert html.count("The data as a table") == 3
    assert "data-small-class-warning" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]


def test_the_students_heatmap_escapes_names_and_shows_the_figures_of_its_table(
    signed_in, classroom, assignment, make_student
):
    student = make_student("ada", "Ada <b>&'\"")
    answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
    html = page(signed_in, url("assignment_analysis", classroom.pk, assignment.pk))
    chart = html.split(f'aria-labelledby="students-{assignment.pk}-title', 1)[1]
    chart = chart.split("</svg>", 1)[0]
    name = "Ada &lt;b&gt;&amp;&#x27;&quot;"
    assert f">{name}</text>" in chart and "<b>" not in chart
    table = html.split(f'<th scope="row">{name}</th>', 1)[1].split("</tr>", 1)[0]
    shown = re.findall(r"<td>([^<]*)</td>", table)
    cells = re.findall(r'<rect class="(band-[^"]+)"[^>]*></rect>\n<text[^>]*>([^<]*)</text>', chart)
    assert shown and [text for _band, text in cells] == shown
    assert {band for band, _text in cells} <= {"band-none", "band-0", "band-1", "band-2", "band-3"}


def test_the_teacher_guide_shows_the_key_discussion_and_care(signed_in, example_lesson):
    html = page(signed_in, url("lesson_guide", example_lesson.slug))
    guide = example_lesson.teacher_guide
    assert "Handling with care" in html and "Discussion questions" in html
    assert guide["discussion_questions"][0].replace("'", "&#x27;") in html
    assert "Answer key, with explanations" in html
    assert 'id="ref-wineburg-2001"' in html
    assert signed_in.get(url("lesson_guide", "no-such-lesson")).status_code == 404


@pytest.mark.parametrize("page", ["all", "2", "x", "99999999999"])
def test_any_page_parameter_gets_a_page(signed_in, classroom, assignment, page):
    response = signed_in.get(url("classroom_progress", classroom.pk) + f"?page={page}")
    assert response.status_code == 200


def test_the_student_page_links_to_the_next_student_to_score(
    signed_in, classroom, assignment, make_student
):
    ada, ben = make_student("ada", "Ada"), make_student("ben", "Ben")
    write_reflection(student=ada, assignment=assignment, text="Draft " * 40)
    html = page(signed_in, url("student_work", classroom.pk, assignment.pk, ben.pk))
    assert "Next to score: Ada" in html
    assert url("student_work", classroom.pk, assignment.pk, ada.pk) in html
    alone = page(signed_in, url("student_work", classroom.pk, assignment.pk, ada.pk))
    assert "data-next-to-score" not in alone


def test_the_teacher_guide_draws_one_steps_key_per_page_and_the_whole_to_print(
    signed_in, example_lesson
):
    guide = url("lesson_guide", example_lesson.slug)
    first = page(signed_in, guide)
    steps = list(example_lesson.steps.filter(questions__is_current=True).distinct())
    assert 'class="card mb-3 guide-item"' not in first  # only the table of contents
    for step in steps:
        assert f'href="?step={step.kind}#key"' in first
    one = page(signed_in, guide + f"?step={steps[0].kind}")
    current = Question.objects.filter(lesson=example_lesson, is_current=True)
    assert one.count('class="card mb-3 guide-item"') == current.filter(step=steps[0]).count()
    whole = page(signed_in, guide + "?step=all")
    assert whole.count('class="card mb-3 guide-item"') == current.count()
    assert "data-print" in whole and "data-print" not in one
