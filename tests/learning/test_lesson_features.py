"""The package features on the student's pages, with the example package: minutes per step and
part, figures served safely, the timeline, parallel source cards with excerpts, the two reading
levels (the teacher's default and the student's switch), numbered citations, and the writing
help of a reflection."""

import re

import pytest
from django.urls import reverse

from lessons.models import Figure, ReadingLevel, Source, Step
from quizzes.models import Attempt, Question

pytestmark = pytest.mark.django_db


def step_url(assignment, kind):
    return reverse("learning:step", args=[assignment.pk, kind])


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


def page(client, assignment, kind) -> str:
    response = client.get(step_url(assignment, kind))
    assert response.status_code == 200
    return response.content.decode()


def test_the_step_list_shows_each_steps_minutes_and_the_current_part(student_client, assignment):
    context = Step.objects.get(lesson=assignment.lesson, kind="context")
    html = page(student_client, assignment, "context")
    assert "Part 1 of 2: Period 1: the source" in html
    minutes = context.minutes["standard"]["core"]
    assert minutes > 0
    assert re.search(rf'step-minutes">\s*{minutes} min', html)
    assert "extension work" in html  # the order activity is an extension
    assert "Extension: if you have time" in html
    html = page(student_client, assignment, "corroboration")
    assert "Part 2 of 2: Period 2: checking it" in html


def test_a_figure_is_an_image_with_its_alt_text_caption_credit_and_description(
    student_client, assignment
):
    figure = Figure.objects.get(lesson=assignment.lesson, key="millbrook-map")
    html = page(student_client, assignment, "context")
    src = reverse("learning:figure", args=[assignment.lesson_id, figure.key, figure.digest])
    assert f'<img src="{src}"' in html
    assert f'alt="{figure.alt}"' in html
    assert "The bridge crosses the river upstream of the old ferry." in html
    assert "The figure in words" in html
    assert "millbrook-map" not in page(student_client, assignment, "sourcing")


def test_a_figure_is_served_as_an_image_that_may_run_nothing(student_client, assignment):
    figure = Figure.objects.get(lesson=assignment.lesson, key="millbrook-map")
    url = reverse("learning:figure", args=[assignment.lesson_id, figure.key, figure.digest])
    response = student_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"<svg")
    stale = reverse("learning:figure", args=[assignment.lesson_id, figure.key, "0" * 64])
    assert student_client.get(stale).status_code == 404


def test_figures_are_for_signed_in_users(client, assignment):
    figure = Figure.objects.get(lesson=assignment.lesson, key="millbrook-map")
    url = reverse("learning:figure", args=[assignment.lesson_id, figure.key, figure.digest])
    assert client.get(url).status_code == 302


def test_the_timeline_is_a_table_in_date_order_with_numbered_citations(student_client, assignment):
    html = page(student_client, assignment, "context")
    table = html.split('id="timeline-heading"')[1].split("</table>")[0]
    dates = re.findall(r'<time datetime="([^"]+)"', table)
    assert dates == ["1908", "1911-03-14", "1911-05-04"]
    assert "14 March 1911" in table
    assert "Ferry Lane" in table
    glossary = reverse("learning:glossary", args=[assignment.pk])
    assert re.search(
        rf'href="{glossary}#ref-ferry-petition"[^>]*>\[<span class="visually-hidden">', table
    )


def test_citations_carry_the_number_of_their_entry_in_the_reference_list(
    student_client, assignment
):
    """The step page links each citation to the lesson's whole list, on the glossary page."""
    html = page(student_client, assignment, "context")
    glossary = reverse("learning:glossary", args=[assignment.pk])
    listed = student_client.get(glossary).content.decode()
    entries = re.findall(r'<li id="ref-([a-z0-9-]+)"', listed)
    assert entries == ["ferry-petition", "council-minutes", "mhs-1952", "wineburg-2001"]
    cited = re.findall(
        rf'href="{glossary}#ref-([a-z0-9-]+)"[^>]*>\[<span[^>]*>reference </span>(\d+)\]', html
    )
    assert cited  # the body, the figure's credit and the timeline cite works
    for key, number in cited:
        assert entries.index(key) + 1 == int(number)
    assert "[mhs-1952]" not in html


def test_source_cards_show_the_same_fields_in_the_same_order_with_excerpts_in_quotes(
    student_client, assignment
):
    html = page(student_client, assignment, "corroboration")
    cards = [card.split("</article>")[0] for card in html.split('class="card source mb-3"')[1:]]
    assert len(cards) == 2
    fields = [re.findall(r"<dt>([^<]+)</dt>", card) for card in cards]
    assert fields[0] == fields[1]
    assert fields[0] == [
        "Title",
        "Author",
        "Published by",
        "Date",
        "Type",
        "Point of view",
        "Made for",
    ]
    assert "“About 1,200 persons attended the opening of the bridge.”" in cards[1]
    assert "Minutes of 8 May 1911, item 2" in cards[1]
    assert "“The ferry has served this town" in cards[0]


def test_the_assignments_reading_level_is_the_default_and_the_student_can_switch(
    student_client, student, assignment
):
    html = page(student_client, assignment, "context")
    assert "Until 1911 the only way across the Alder River" in html
    assert re.search(r'aria-pressed="true">\s*Standard text', html)

    assignment.reading_level = ReadingLevel.SIMPLER
    assignment.save()
    html = page(student_client, assignment, "close_reading")
    assert "What is the name of the river under the new bridge?" in html
    assert "Which river does the new bridge cross?" not in html

    response = student_client.post(
        reverse("learning:reading_level", args=[assignment.pk]),
        {"level": "standard", "step": "context"},
    )
    assert response.status_code == 302
    assert response.url == step_url(assignment, "context")
    attempt = Attempt.objects.get(student=student, assignment=assignment, kind="lesson")
    assert attempt.reading_level == "standard"
    assert "Which river does the new bridge cross?" in page(
        student_client, assignment, "close_reading"
    )
    html = page(student_client, assignment, "context")
    student_client.post(
        reverse("learning:reading_level", args=[assignment.pk]),
        {"level": "simpler", "step": "context"},
    )
    html = page(student_client, assignment, "context")
    assert "People crossed the river on a boat called a" in html
    assert "Until 1911 the only way" not in html


def test_an_unknown_reading_level_is_refused(student_client, assignment):
    page(student_client, assignment, "context")
    response = student_client.post(
        reverse("learning:reading_level", args=[assignment.pk]), {"level": "hardest"}
    )
    assert response.status_code == 400


def test_the_reflection_shows_sentence_starters_and_a_paragraph_frame(student_client, assignment):
    html = page(student_client, assignment, "reflection")
    assert "Ways to begin a sentence" in html
    assert "The report is good evidence that ..." in html
    assert "A frame for your paragraph" in html
    assert "The Courier wanted the bridge, so ___." in html
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert "-help" in textarea.split("aria-describedby=")[1]


def test_feedback_swapped_in_by_htmx_numbers_citations_as_the_page_does(student_client, assignment):
    page(student_client, assignment, "fact_interpretation")
    question = Question.objects.get(lesson=assignment.lesson, key="fi-statements", is_current=True)
    answers = {"cost": "opinion", "crowd": "opinion", "finer": "fact", "well-spent": "fact"}
    form = {f"{question.uid}-{item}": category for item, category in answers.items()}
    response = student_client.post(
        reverse("learning:activity_check", args=[assignment.pk, question.pk]),
        form,
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    # ferry-petition is the first entry of the step page's list: [1] here too.
    assert re.search(r'href="#ref-ferry-petition"[^>]*>\[<span[^>]*>reference </span>1\]', html)
    assert "[ferry-petition]" not in html


def test_the_quiz_reads_at_the_students_level(student_client, student, assignment):
    from quizzes.services import attempt_start

    page(student_client, assignment, "context")
    student_client.post(
        reverse("learning:reading_level", args=[assignment.pk]),
        {"level": "simpler", "step": "quiz"},
    )
    attempt = attempt_start(
        student=student, lesson=assignment.lesson, assignment=assignment, kind=Attempt.Kind.QUIZ
    )
    html = student_client.get(reverse("learning:attempt_take", args=[attempt.pk])).content.decode()
    assert "How much money, in dollars, did the county give for the bridge?" in html
    assert "How many dollars did the county pay" not in html


def test_a_source_with_only_the_old_single_excerpt_shows_it_in_the_same_place(
    student_client, assignment
):
    Source.objects.filter(lesson=assignment.lesson, key="ferry-petition").update(excerpts=[])
    html = page(student_client, assignment, "corroboration")
    card = html.split('id="source-ferry-petition"')[1].split("</article>")[0]
    words = card.split("In its own words")[1]
    assert "The ferry has served this town for sixty years" in words
    assert "No excerpt given." not in words


def test_feedback_written_at_two_levels_is_shown_at_the_students_level(student_client, assignment):
    page(student_client, assignment, "close_reading")
    question = Question.objects.get(lesson=assignment.lesson, key="cr-river", is_current=True)
    check = reverse("learning:activity_check", args=[assignment.pk, question.pk])
    answer = {f"{question.uid}-text": "Alder River"}
    html = student_client.post(check, answer, HTTP_HX_REQUEST="true").content.decode()
    assert "The report names the Alder River in its first sentence." in html
    student_client.post(
        reverse("learning:reading_level", args=[assignment.pk]),
        {"level": "simpler", "step": "close_reading"},
    )
    html = student_client.post(check, answer, HTTP_HX_REQUEST="true").content.decode()
    assert "The first sentence of the report names the river." in html
    assert "The first sentence of the report names the river." in page(
        student_client, assignment, "close_reading"
    )
