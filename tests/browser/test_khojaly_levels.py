"""The Khojaly lesson on the simpler level in a real Chromium, at phone and laptop widths: the
practice feedback, every quiz prompt and the result's explanations are the simpler texts, and
the glossary shows each place's names in every form, each marked with its language. axe-core
checks every page."""

# ruff: noqa: RUF001  (place names are written with their own letters)
from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lessons.models import ReadingLevel
from quizzes import services
from quizzes.models import Attempt, Question
from tests.conftest import PASSWORD

PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1280, "height": 900}


def words(markdown: str, count: int = 5) -> str:
    """The first words of a text's first line, as a page shows them."""
    line = next(line for line in markdown.splitlines() if line.strip())
    return " ".join(line.replace("*", "").split()[:count])


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
def test_a_student_on_the_simpler_level_reads_simpler_prompts_explanations_and_all_names(
    transactional_db,
    page,
    live_server,
    login,
    assert_accessible,
    student,
    khojaly_assignment,
    viewport,
):
    assignment = khojaly_assignment
    assignment.reading_level = ReadingLevel.SIMPLER
    assignment.save()
    lesson = assignment.lesson
    page.set_viewport_size(viewport)
    login(page, student.username, PASSWORD)

    # Practice: the feedback on a checked answer is the simpler text.
    page.goto(live_server.url + reverse("learning:step", args=[assignment.pk, "context"]))
    hrw = Question.objects.get(lesson=lesson, key="ctx-hrw-blame", is_current=True)
    activity = page.locator(f"#activity-{hrw.uid}")
    activity.locator(f"#{hrw.uid}-false").check()
    activity.get_by_role("button", name="Check").click()
    simpler = hrw.spec_simpler["feedback_false"]
    expect(activity.locator(f"#feedback-{hrw.uid}")).to_contain_text(words(simpler))
    expect(activity).not_to_contain_text(words(hrw.spec["feedback_false"], 8))

    # The glossary (loaded when opened): each place's names, each in its own language.
    glossary = page.locator("details[data-glossary]")
    glossary.locator("summary").click()
    expect(glossary.locator('span[lang="hy"]', has_text="Խոջալու")).to_have_count(1)
    expect(glossary.locator('span[lang="hy-Latn"]', has_text="Khojalu")).to_have_count(1)
    expect(glossary.locator('span[lang="hy"]', has_text="Իվանյան")).to_have_count(1)
    expect(glossary.locator('span[lang="az"]', has_text="Xocalı")).to_have_count(1)
    expect(glossary.locator('span[lang="ru"]', has_text="Ходжалы")).to_have_count(1)
    expect(glossary.locator('span[lang="az"]', has_text="Əsgəran")).to_have_count(1)
    expect(glossary.locator('span[lang="en"]', has_text="Khankendi")).to_have_count(1)
    assert_accessible(page)

    # The quiz: every prompt at the simpler level.
    attempt = services.attempt_start(
        student=student, lesson=lesson, assignment=assignment, kind=Attempt.Kind.QUIZ
    )
    page.goto(live_server.url + reverse("learning:attempt_take", args=[attempt.pk]))
    items = [Question.objects.get(pk=pk) for pk in attempt.item_order]
    assert len(items) == 13
    for question in items:
        assert question.prompt_simpler, question.key
        expect(page.locator("main")).to_contain_text(words(question.prompt_simpler))
    assert_accessible(page)

    # The result: a right answer's explanation in simpler words; the key stays withheld.
    court = next(q for q in items if q.key == "q-court")
    right = next(i for i, c in enumerate(court.spec["choices"]) if c["correct"])
    services.response_save(
        attempt=attempt,
        question_id=court.pk,
        data={"choice": court.spec["choices"][right]["id"]},
    )
    services.attempt_submit(attempt=attempt)
    page.goto(live_server.url + reverse("learning:attempt_result", args=[attempt.pk]))
    card = page.locator("li.card", has_text=words(court.prompt_simpler))
    assert "how serious the acts were" in court.spec_simpler[f"choices.{right}.feedback"]
    assert "the gravity of the acts" in court.spec["choices"][right]["feedback"]
    expect(card).to_contain_text("how serious the acts were")
    expect(card).not_to_contain_text("the gravity of the acts")
    assert_accessible(page)
