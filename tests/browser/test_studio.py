"""Issue 16, "Done when": a teacher builds a complete lesson from a new document in the browser,
by keyboard and mouse — every step kind, a quiz of 10 items of 7 types through the question
types' own editors — previews it, fixes a mistake shown at its field, publishes it, assigns it
to a class, and a student takes it. Axe checks every studio page at 375 and 1280 px.

With SCREENSHOTS=1 the test also saves the tutorial's pictures (docs/authoring.md) under
docs/img/authoring/."""

import os
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from accounts.services import user_create
from classroom.models import Assignment
from classroom.services import classroom_create, membership_add
from lessons.models import Lesson, Visibility
from quizzes.models import Attempt
from quizzes.types import registry
from tests.browser.student_answers import fill, right
from tests.browser.test_student_flow import quiz_items

PASSWORD = "correct-horse-battery"
PHONE, LAPTOP = {"width": 375, "height": 800}, {"width": 1280, "height": 900}
TUTORIAL = Path(__file__).resolve().parents[2] / "docs" / "img" / "authoring"
STEP_KINDS = (
    "context", "sourcing", "close_reading", "perspective", "fact_interpretation",
    "corroboration", "reflection",
)  # fmt: skip
DOCUMENT = (
    "The Ferry Notice\n\n"
    "The ferry at Millbrook carried 40 people a day in 1910. The council voted to replace it "
    "with a bridge. Many residents were glad. Mr. Harlow, the ferryman, said the town would "
    "regret it.\n"
)
S = "sourcing"
# The quiz, as the author types it: rows are added with the editor's "Add a row" buttons.
QUIZ = [
    {"type": "true_false", "id": "q-tf1", "prompt": "The ferry carried 40 people a day.",
     "checks": ["q-spec-answer"]},
    {"type": "true_false", "id": "q-tf2", "prompt": "The council kept the ferry."},
    {"type": "single_choice", "id": "q-sc1", "prompt": "Who voted to replace the ferry?",
     "rows": {"spec.choices": [{"id": "council", "text": "The council", "correct": True},
                               {"id": "ferryman", "text": "The ferryman"}]}},
    {"type": "single_choice", "id": "q-sc2", "prompt": "What replaced the ferry?",
     "rows": {"spec.choices": [{"id": "bridge", "text": "A bridge", "correct": True},
                               {"id": "tunnel", "text": "A tunnel"}]}},
    {"type": "multiple_choice", "id": "q-mc", "prompt": "Which are opinions?",
     "rows": {"spec.choices": [{"id": "regret", "text": "A regret", "correct": True},
                               {"id": "glad", "text": "It was good news", "correct": True},
                               {"id": "forty", "text": "40 people a day"}]}},
    {"type": "short_text", "id": "q-short", "prompt": "What crossed the river before the bridge?",
     "rows": {"spec.accepted": ["ferry", "the ferry"]}},
    {"type": "numeric", "id": "q-num", "prompt": "How many people a day took the ferry?",
     "fields": {"q-spec-answer": "40"}},
    {"type": "numeric", "id": "q-year", "prompt": "In which year?",
     "fields": {"q-spec-answer": "1910"}},
    {"type": "select", "id": "q-select", "prompt": "Select the ferryman's opinion.",
     "selects": {"q-spec-unit": "sentence"}, "checks": ["q-spec-key-s5"]},
    {"type": "classify", "id": "q-classify", "prompt": "Fact or opinion?",
     "rows": {"spec.categories": [{"id": "fact", "label": "Fact"},
                                  {"id": "opinion", "label": "Opinion"}],
              "spec.items": [{"id": "vote", "text": "The council voted", "category": "fact"},
                             {"id": "sorry", "text": "The town would regret it",
                              "category": "opinion"}]}},
]  # fmt: skip


def test_a_teacher_builds_publishes_and_assigns_a_lesson_that_a_student_takes(
    page, live_server, transactional_db, login, assert_accessible
):
    teacher = user_create(username="t.maker", password=PASSWORD, role=User.Role.TEACHER)
    classroom = classroom_create(teacher=teacher, name="History 9S")
    student = user_create(username="s.taker", password=PASSWORD, role=User.Role.STUDENT)
    membership_add(classroom=classroom, student=student)
    page.set_default_timeout(30_000)
    page.set_viewport_size(LAPTOP)
    login(page, "t.maker", PASSWORD)

    def check(name: str, picture: bool = True) -> None:
        """Axe at both widths; the tutorial's picture at laptop width when asked for."""
        page.set_viewport_size(PHONE)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, name
        page.set_viewport_size(LAPTOP)
        assert_accessible(page)
        if picture and os.environ.get("SCREENSHOTS") == "1":
            TUTORIAL.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(TUTORIAL / f"{name}.png"))

    # 1. A new lesson from a pasted document.
    page.get_by_role("link", name="Lesson studio").first.click()
    expect(page.get_by_role("link", name="New lesson from a document")).to_be_visible()
    check("01-studio")
    page.get_by_role("link", name="New lesson from a document").click()
    page.get_by_label("Title of the lesson").fill("The ferry notice")
    page.get_by_label("Paste the document").fill(DOCUMENT)
    check("02-new-lesson")
    page.get_by_role("button", name="Start the lesson").click()
    page.wait_for_url(re.compile(r"/studio/\d+/document/$"))
    base = page.url.rsplit("/document/", 1)[0]

    # 2. Fix the split: "Mr." is not a sentence (keyboard: "m" merges); a split and its undo
    # by mouse.
    expect(page.locator("#s5 .studio-text")).to_have_text("Mr.")
    page.locator("#s5").focus()
    page.keyboard.press("m")
    expect(page.locator("#s5 .studio-text")).to_have_text(
        "Mr. Harlow, the ferryman, said the town would regret it."
    )
    page.get_by_label("Split s3 after the word").select_option(label="3. voted")
    page.locator("#s3").get_by_role("button", name="Split after this word").click()
    expect(page.locator("#s4 .studio-text")).to_have_text("to replace it with a bridge.")
    page.get_by_role("button", name="Merge s3 with the next sentence").click()
    expect(page.locator("#s3 .studio-text")).to_have_text(
        "The council voted to replace it with a bridge."
    )
    expect(page.locator(".studio-sentence")).to_have_count(5)
    # A glossary term picked in the document: the words selected, then the button.
    page.evaluate(
        """() => {
          const node = document.querySelector('#s5 .studio-text').firstChild;
          const start = node.textContent.indexOf('ferryman');
          const range = document.createRange();
          range.setStart(node, start); range.setEnd(node, start + 'ferryman'.length);
          window.getSelection().removeAllRanges(); window.getSelection().addRange(range);
        }"""
    )
    page.get_by_role("button", name="Use the selected words").click()
    expect(page.get_by_label("Term", exact=True)).to_have_value("ferryman")
    page.get_by_label("Definition").fill("The man who ran the ferry.")
    check("03-sentences")
    page.get_by_role("button", name="Add to the glossary").click()
    expect(page.locator("#glossary + ul")).to_contain_text("ferryman")

    # 3. The lesson's fields: saved without a summary, the mistake is shown at its field.
    page.get_by_role("link", name="2. Lesson").click()
    page.get_by_label("Objectives (one a line)").fill("Tell a fact from an opinion.")
    page.get_by_label("Teacher guide: overview").fill("A short first lesson on one notice.")
    page.get_by_role("button", name="Save").click()
    problem = page.locator("#id_summary_problems")
    expect(problem).to_have_text("This is required: fill it in.")
    expect(page.get_by_label("Summary (shown on the lesson card)")).to_have_attribute(
        "aria-invalid", "true"
    )
    check("04-error-at-its-field")
    page.get_by_label("Summary (shown on the lesson card)").fill("Students read a notice.")
    page.get_by_label("Summary (shown on the lesson card)").press("Tab")
    page.get_by_role("button", name="Save").click()
    expect(problem).to_have_count(0)

    # 4. The sourcing card, and a reference.
    page.get_by_role("link", name="3. Sourcing card").click()
    page.get_by_label("Title of the document").fill("Ferry notice")
    page.get_by_label("Type of document").fill("Newspaper notice")
    page.get_by_label("Date").fill("1911")
    page.get_by_label("Citation").fill("*The Millbrook Courier*, 6 May 1911 [@mhs].")
    page.get_by_label("What is not known (one a line)").fill("Who wrote it.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    check("05-sourcing")
    page.get_by_role("link", name="4. References and glossary").click()
    reference = page.locator("#ref-0")
    reference.get_by_label("Id (cited as [@id])").fill("mhs")
    reference.get_by_label("Citation").fill("Millbrook Historical Society. *A History*. 1952.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_term-0-term")).to_have_value("ferryman")
    check("06-references")

    # 5. Every step kind: ticked by keyboard (space), the context written.
    page.get_by_role("link", name="5. Steps and quiz").click()
    for kind in STEP_KINDS:
        page.locator(f"#id_{kind}-include").focus()
        page.keyboard.press("Space")
    page.locator("#id_context-body").fill("Millbrook had no bridge until 1911 [@mhs].")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    check("07-steps")
    page.goto(f"{base}/questions/quiz/new/")  # the menu of question types, without a type
    expect(page.get_by_role("radio")).to_have_count(len(registry))
    check("question-types", picture=False)
    page.goto(f"{base}/steps/")
    # A reflection activity in the reflection step.
    add_question(page, "reflection", {"type": "free_text", "id": "reflect", "prompt": "Why?"})
    # 6. The quiz, item by item; the first with its live preview.
    for number, item in enumerate(QUIZ):
        add_question(page, "quiz", item, check=check if number == 2 else None)
    page.goto(f"{base}/steps/")
    expect(page.locator("#questions-quiz + ol > li")).to_have_count(10)

    # 7. Preview: every step and question as students see it; then publish.
    page.get_by_role("link", name="6. Preview and publish").click()
    expect(page.get_by_text("The lesson is complete: it can be published.")).to_be_visible()
    expect(page.locator(".studio-preview-step")).to_have_count(8)
    check("09-preview")
    page.get_by_role("button", name="Publish the lesson").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("is published (version 1)")
    check("10-published")
    lesson = Lesson.objects.get(title="The ferry notice")
    assert (lesson.owner, lesson.visibility) == (teacher, Visibility.PRIVATE)
    assert {step.kind for step in lesson.steps.all()} == {*STEP_KINDS, "quiz"}
    quiz = lesson.questions.filter(step__kind="quiz")
    assert quiz.count() == 10 and len(set(quiz.values_list("type", flat=True))) == 7

    # 8. Assigned to the class with the existing page.
    page.get_by_role("link", name="Assign to History 9S").click()
    expect(page.get_by_label("Lesson")).to_have_value(str(lesson.pk))
    due = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Due").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Assign").click()
    assignment = Assignment.objects.get(classroom=classroom, lesson=lesson)

    # 9. The student takes the quiz and gets every point.
    page.context.clear_cookies()
    login(page, "s.taker", PASSWORD)
    page.goto(f"{live_server.url}/lessons/assignments/{assignment.pk}/steps/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    attempt = Attempt.objects.get(assignment=assignment, kind=Attempt.Kind.QUIZ)
    for question in quiz_items(attempt):
        fill(page, question, right(question))
    with page.expect_navigation():
        page.get_by_role("button", name="Submit quiz").click()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.points_earned == attempt.points_possible == 10


def add_question(page, place: str, item: dict, check=None) -> None:
    """Choose the type in the step's menu, fill the type's editor, save."""
    section = page.locator(f"section[aria-labelledby='questions-{place}']")
    section.get_by_label("Question type").select_option(item["type"])
    section.get_by_role("button", name=re.compile("Add a question")).click()
    page.wait_for_url(re.compile(r"/new/\?type="))
    page.locator('[name="q-id"]').fill(item["id"])
    page.locator('[name="q-prompt-standard"]').fill(item["prompt"])
    page.locator(f'[name="q-skills"][value="{S}"]').check()
    for path, rows in item.get("rows", {}).items():
        for index, row in enumerate(rows):
            page.locator(f'button[name="q--action"][value="add:{path}"]').click()
            name = "q-" + path.replace(".", "-") + f"-{index}"
            expect(page.locator(f'[id^="id-{name}"]').first).to_be_visible()
            for key, value in row.items() if isinstance(row, dict) else [("", row)]:
                field = page.locator(f'[name="{name}-{key}"]' if key else f'[name="{name}"]')
                if value is True:
                    field.check()
                elif key == "category":
                    field.select_option(value)
                else:
                    field.fill(value)
    for name, value in item.get("fields", {}).items():
        page.locator(f'[name="{name}"]').fill(value)
    for name, value in item.get("selects", {}).items():
        page.locator(f'[name="{name}"]').select_option(value)
    for name in item.get("checks", []):
        page.locator(f'[id="id-{name}"]').check()
    if check is not None:  # the live preview, with feedback on a sample answer
        page.locator('[name="q-prompt-standard"]').press("Tab")
        preview = page.locator("#question-preview")
        expect(preview).to_contain_text(item["prompt"])
        preview.get_by_label("The council").check()
        page.get_by_role("button", name="Preview and check the answer").click()
        expect(preview.locator(".feedback-area")).not_to_be_empty()
        preview.scroll_into_view_if_needed()
        check("08-question")
    page.get_by_role("button", name="Save the question").click()
    page.wait_for_url(re.compile(r"/questions/\w+/\d+/#saved$"))
    page.goto(page.url.split("/questions/")[0] + "/steps/")
