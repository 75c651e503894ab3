"""A student works through a lesson, step by step, with plain HTML forms (JavaScript off) and
through the endpoints the page's JavaScript uses: who may see what, resuming, checking an
activity, bad input, closed assignments, and the key never reaching the page too early."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom.models import Assignment
from lessons.models import Step
from quizzes.models import Attempt, Question, Response, Score
from quizzes.types import registry

pytestmark = pytest.mark.django_db


def step_url(assignment, kind):
    return reverse("learning:step", args=[assignment.pk, kind])


def activity(lesson, key) -> Question:
    return Question.objects.get(lesson=lesson, key=key, is_current=True)


def correct(question) -> dict:
    qt = registry.get(question.type)
    return qt.dump_response(qt.correct_response(qt.parse_spec(question.spec)))


def lesson_attempt(student, assignment) -> Attempt:
    return Attempt.objects.get(student=student, assignment=assignment, kind=Attempt.Kind.LESSON)


def student_urls(assignment):
    question = activity(assignment.lesson, "src-author")
    return [
        ("get", reverse("learning:dashboard")),
        ("get", reverse("learning:skills")),
        ("get", reverse("learning:assignment", args=[assignment.pk])),
        ("get", step_url(assignment, "sourcing")),
        ("post", step_url(assignment, "sourcing")),
        ("post", reverse("learning:activity_check", args=[assignment.pk, question.pk])),
        ("post", reverse("learning:activity_save", args=[assignment.pk, question.pk])),
    ]


# --- access -----------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, assignment):
    for method, url in student_urls(assignment):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("role", ["teacher", "author"])
def test_teachers_and_authors_get_403_on_student_pages(client, request, role, assignment):
    client.force_login(request.getfixturevalue(role))
    for method, url in student_urls(assignment):
        assert getattr(client, method)(url).status_code == 403, url
    assert not Attempt.objects.exists()


def test_a_student_of_another_class_gets_404_on_every_page_of_the_assignment(
    client, outsider, assignment
):
    client.force_login(outsider)
    for method, url in student_urls(assignment)[2:]:
        assert getattr(client, method)(url).status_code == 404, url
    assert not Attempt.objects.exists()
    assert not Response.objects.exists()


def test_an_archived_class_has_no_pages_for_its_students(client, student, assignment):
    assignment.classroom.archived_at = timezone.now()
    assignment.classroom.save()
    client.force_login(student)
    assert client.get(step_url(assignment, "context")).status_code == 404
    assert assignment.lesson.title not in client.get(reverse("learning:dashboard")).content.decode()


def test_a_step_the_lesson_does_not_have_is_404(client, student, assignment):
    client.force_login(student)
    Step.objects.filter(lesson=assignment.lesson, kind="reflection").delete()
    assert client.get(step_url(assignment, "reflection")).status_code == 404
    assert client.get(step_url(assignment, "no-such-step")).status_code == 404


def test_a_quiz_item_or_another_lessons_question_is_not_an_activity(
    client, student, assignment, khojaly_lesson
):
    client.force_login(student)
    quiz_item = Question.objects.filter(lesson=assignment.lesson, step__kind="quiz").first()
    foreign = Question.objects.filter(lesson=khojaly_lesson).exclude(step__kind="quiz").first()
    for question in (quiz_item, foreign):
        for name in ("learning:activity_check", "learning:activity_save"):
            url = reverse(name, args=[assignment.pk, question.pk])
            assert client.post(url, HTTP_HX_REQUEST="true").status_code == 404
    assert not Response.objects.exists()


# --- pages ------------------------------------------------------------------------------------


def test_each_step_shows_progress_the_document_its_sourcing_card_and_references(
    client, student, assignment
):
    client.force_login(student)
    lesson = assignment.lesson
    kinds = list(lesson.steps.order_by("position").values_list("kind", flat=True))
    for number, kind in enumerate(kinds, start=1):
        response = client.get(step_url(assignment, kind))
        html = response.content.decode()
        assert response.status_code == 200, kind
        # Once in the bar and once in the phone's menu of steps (one of them is shown).
        bar = html[html.index('<ol class="steps">') :]
        menu = html[html.index('<ol class="steps-list">') : html.index('<ol class="steps">')]
        assert bar.count('aria-current="step"') == menu.count('aria-current="step"') == 1
        assert f"Step {number} of {len(kinds)}" in html
        assert 'id="s1"' in html and 'id="s12"' in html  # every sentence addressable
        assert html.count('class="sentence"') == lesson.sentences.count()
        assert "Sourcing card" in html
        # The list of sources and references is one click away, on the glossary page.
        glossary = reverse("learning:glossary", args=[assignment.pk])
        assert f'hx-get="{glossary}?part=references"' in html
        assert f'href="{glossary}#references"' in html
        assert f'href="{glossary}#ref-mhs-1952"' in html or kind in (
            "sourcing",
            "quiz",
            "reflection",
        )


def test_glossary_terms_are_marked_and_link_to_their_definition(client, student, assignment):
    client.force_login(student)
    html = client.get(step_url(assignment, "close_reading")).content.decode()
    glossary = reverse("learning:glossary", args=[assignment.pk])
    assert f'class="term" href="{glossary}#term-toll"' in html
    assert f'hx-get="{glossary}"' in html  # the step's glossary, loaded when opened
    definitions = client.get(glossary).content.decode()
    assert 'id="term-toll"' in definitions and "<dfn>toll</dfn>" in definitions
    assert 'id="ref-mhs-1952"' in definitions and 'id="ref-ferry-petition"' in definitions


def test_the_glossary_and_the_references_load_into_the_step_as_fragments(
    client, student, assignment
):
    client.force_login(student)
    glossary = reverse("learning:glossary", args=[assignment.pk])
    terms = client.get(glossary, headers={"HX-Request": "true"}).content.decode()
    assert 'id="term-toll"' in terms and "<html" not in terms and 'id="ref-' not in terms
    works = client.get(glossary + "?part=references", headers={"HX-Request": "true"})
    entries = re.findall(r'<li id="ref-([a-z0-9-]+)"', works.content.decode())
    assert entries == ["ferry-petition", "council-minutes", "mhs-1952", "wineburg-2001"]


def test_another_class_cannot_read_the_glossary_page(client, outsider, assignment):
    client.force_login(outsider)
    assert client.get(reverse("learning:glossary", args=[assignment.pk])).status_code == 404


def test_the_corroboration_step_shows_each_source_with_its_card(client, student, assignment):
    client.force_login(student)
    html = client.get(step_url(assignment, "corroboration")).content.decode()
    assert 'id="source-ferry-petition"' in html and 'id="source-council-minutes"' in html
    assert "Petition of the residents of Ferry Lane" in html
    assert "Shopkeepers and ferrymen who lived from the ferry traffic" in html


def test_the_first_visit_starts_the_lesson_at_its_first_step(client, student, assignment):
    client.force_login(student)
    response = client.get(reverse("learning:assignment", args=[assignment.pk]))
    assert response.url == step_url(assignment, "context")
    assert lesson_attempt(student, assignment).current_step == ""


def test_coming_back_on_another_device_returns_to_the_same_step_with_every_answer(
    client, student, assignment
):
    client.force_login(student)
    question = activity(assignment.lesson, "src-author")
    client.post(
        step_url(assignment, "sourcing"),
        {"items": [question.pk], f"{question.uid}-choice": "mayor", "go": "close_reading"},
    )

    other_device = Client()
    other_device.force_login(student)
    response = other_device.get(reverse("learning:assignment", args=[assignment.pk]))
    assert response.url == step_url(assignment, "close_reading")
    html = other_device.get(step_url(assignment, "sourcing")).content.decode()
    assert re.search(rf'<input[^>]*id="{question.uid}-mayor"[^>]*checked', html)


def test_next_saves_the_steps_answers_and_moves_on(client, student, assignment):
    client.force_login(student)
    tf = activity(assignment.lesson, "ctx-ferry")
    order = activity(assignment.lesson, "ctx-timeline")
    response = client.post(
        step_url(assignment, "context"),
        {"items": [tf.pk, order.pk], f"{tf.uid}-answer": "true", "go": "sourcing"},
    )
    assert response.url == step_url(assignment, "sourcing")
    assert list(Response.objects.values_list("question_id", "data")) == [
        (tf.pk, {"answer": True})
    ]  # the untouched order activity stored nothing
    assert lesson_attempt(student, assignment).current_step == "sourcing"


def test_check_without_javascript_grades_and_shows_feedback_and_retries_count(
    client, student, assignment
):
    client.force_login(student)
    question = activity(assignment.lesson, "src-author")
    url = step_url(assignment, "sourcing")

    wrong = client.post(
        url, {"items": [question.pk], f"{question.uid}-choice": "mayor", "check": question.pk}
    )
    assert wrong.url == f"{url}#activity-{question.uid}"
    html = client.get(url).content.decode()
    assert "Not yet." in html and "Try 1" in html
    assert "The mayor is quoted in it, but he did not write it." in html

    client.post(
        url, {"items": [question.pk], f"{question.uid}-choice": "courier", "check": question.pk}
    )
    html = client.get(url).content.decode()
    assert "Correct!" in html and "Try 2" in html
    tries = Score.objects.filter(question=question, origin=Score.Origin.CHECK).order_by(
        "try_number"
    )
    assert [(s.try_number, s.state) for s in tries] == [(1, "incorrect"), (2, "correct")]


def test_an_unreadable_answer_is_a_400_with_its_message_and_what_was_typed(
    client, student, assignment
):
    client.force_login(student)
    client.get(step_url(assignment, "close_reading"))
    river = activity(assignment.lesson, "cr-river")
    length = activity(assignment.lesson, "cr-length")
    response = client.post(
        step_url(assignment, "close_reading"),
        {
            "items": [river.pk, length.pk],
            f"{river.uid}-text": "the Alder",
            f"{length.uid}-value": "about a lot",
            "go": "perspective",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "could not be saved" in html
    assert 'value="about a lot"' in html  # nothing typed is lost
    assert list(Response.objects.values_list("question_id", flat=True)) == [river.pk]
    assert lesson_attempt(student, assignment).current_step == "close_reading"


@pytest.mark.parametrize(
    "data",
    [{"go": "nowhere"}, {"check": "999999"}, {"check": "not-a-number"}],
    ids=["unknown step", "unknown activity", "garbage"],
)
def test_bad_navigation_or_check_is_a_400(client, student, assignment, data):
    client.force_login(student)
    assert client.post(step_url(assignment, "sourcing"), data).status_code == 400


def test_the_reflection_is_saved_for_the_teacher_and_never_scored(client, student, assignment):
    client.force_login(student)
    reflection = activity(assignment.lesson, "reflection")
    url = reverse("learning:activity_check", args=[assignment.pk, reflection.pk])
    response = client.post(url, {f"{reflection.uid}-text": "My answer."}, HTTP_HX_REQUEST="true")
    assert "Saved for your teacher." in response.content.decode()
    assert Response.objects.get(question=reflection).data == {"text": "My answer."}
    assert not Score.objects.exists()
    html = client.get(step_url(assignment, "reflection")).content.decode()
    assert 'name="check"' not in html and "Save my answer" in html


# --- the endpoints used by JavaScript ---------------------------------------------------------


def test_check_with_htmx_answers_with_the_feedback_fragment(client, student, assignment):
    client.force_login(student)
    question = activity(assignment.lesson, "src-trust")
    url = reverse("learning:activity_check", args=[assignment.pk, question.pk])

    partial = client.post(url, {f"{question.uid}-choices": ["campaigned"]}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in html
    assert "Partly right." in html and "1 more part to get right." in html
    # Only the student's own pick is named; the missed right choice is only counted.
    assert "The paper had campaigned" in html
    assert "The writer is not named" not in html

    full = client.post(url, {f"{question.uid}-choices": ["campaigned", "unsigned"]})
    assert full.status_code == 302  # without htmx: back to the step
    assert Score.objects.filter(question=question).latest("id").state == "correct"


def test_check_with_htmx_refuses_an_unreadable_answer_with_a_400_fragment(
    client, student, assignment
):
    client.force_login(student)
    question = activity(assignment.lesson, "cr-length")
    url = reverse("learning:activity_check", args=[assignment.pk, question.pk])
    response = client.post(url, {f"{question.uid}-value": "twelve"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert not Score.objects.exists()


def test_autosave_returns_json_and_refuses_bad_input_with_a_message(client, student, assignment):
    client.force_login(student)
    question = activity(assignment.lesson, "cr-length")
    url = reverse("learning:activity_save", args=[assignment.pk, question.pk])

    ok = client.post(url, {f"{question.uid}-value": "240"})
    bad = client.post(url, {f"{question.uid}-value": "twelve"})

    assert ok.json() == {"saved": True, "revision": 1}
    assert bad.status_code == 400 and bad.json()["saved"] is False and bad.json()["error"]
    assert Response.objects.get().data == {"value": "240"}
    assert not Score.objects.exists()  # saving is not checking


# --- dates ------------------------------------------------------------------------------------


def close(assignment):
    now = timezone.now()
    Assignment.objects.filter(pk=assignment.pk).update(
        opens_at=now - timedelta(days=3), due_at=now - timedelta(days=1), late_until=None
    )


def test_after_the_assignment_closes_answers_are_refused_with_409_and_nothing_changes(
    client, student, assignment
):
    client.force_login(student)
    question = activity(assignment.lesson, "src-author")
    client.get(step_url(assignment, "sourcing"))  # the lesson was started while open
    Attempt.objects.filter(kind=Attempt.Kind.LESSON).update(
        deadline=timezone.now() - timedelta(hours=1)
    )
    close(assignment)

    page = client.get(step_url(assignment, "sourcing")).content.decode()
    assert "answers are no longer saved" in page
    assert f'id="{question.uid}-courier"' in page and "disabled" in page
    posted = client.post(
        step_url(assignment, "sourcing"),
        {"items": [question.pk], f"{question.uid}-choice": "courier", "check": question.pk},
    )
    saved = client.post(
        reverse("learning:activity_save", args=[assignment.pk, question.pk]),
        {f"{question.uid}-choice": "courier"},
    )
    assert posted.status_code == 409 and "closed" in posted.content.decode()
    assert saved.status_code == 409 and "closed" in saved.json()["error"]
    assert not Response.objects.exists()


def test_a_lesson_not_open_yet_says_so(client, student, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(opens_at=timezone.now() + timedelta(days=1))
    client.force_login(student)
    response = client.get(step_url(assignment, "context"))
    assert response.status_code == 403
    assert "not open yet" in response.content.decode()


# --- the key ----------------------------------------------------------------------------------


def key_texts(lesson) -> list[str]:
    """Texts that belong to the key of the lesson's activities: explanations, feedback on
    choices, sample answers, rubric levels."""
    texts = []
    for question in Question.objects.filter(lesson=lesson).exclude(step__kind="quiz"):
        spec = question.spec
        texts += [c["feedback"] for c in spec.get("choices", []) if c.get("feedback")]
        texts += [i["explanation"] for i in spec.get("items", []) if i.get("explanation")]
        texts += [spec.get("feedback_true", ""), spec.get("feedback_false", "")]
        texts += [spec.get("sample_answer", "")] + [r["label"] for r in spec.get("rubric", [])]
        for by_column in spec.get("cells", {}).values():
            texts += [cell["explanation"] for cell in by_column.values() if cell.get("explanation")]
        texts += list(spec.get("feedback", {}).values())
    return [" ".join(t.split()) for t in texts if t and len(t) > 12]


def test_no_step_page_holds_the_key_before_a_check(client, student, assignment):
    client.force_login(student)
    texts = key_texts(assignment.lesson)
    assert len(texts) > 10
    for kind in assignment.lesson.steps.values_list("kind", flat=True):
        html = " ".join(client.get(step_url(assignment, kind)).content.decode().split())
        leaked = [text for text in texts if text in html]
        assert not leaked, (kind, leaked)
        assert '"correct"' not in html and "key_groups" not in html


def test_formative_feedback_names_only_the_students_own_picks(client, student, assignment):
    client.force_login(student)
    question = activity(assignment.lesson, "pv-opinions")  # key: s6, s10, s11
    client.post(
        step_url(assignment, "perspective"),
        {"items": [question.pk], f"{question.uid}-selected": ["s1", "s6"], "check": question.pk},
    )
    page = client.get(step_url(assignment, "perspective"))
    feedback = next(a for a in page.context["page"].activities if a.question == question).feedback
    assert sorted((p.sentence, p.correct) for p in feedback.parts) == [("s1", False), ("s6", True)]
    assert feedback.missing == 2
    assert "2 more parts to get right." in page.content.decode()
