"""The studio's pages through the test client: a lesson from a pasted or uploaded document,
the sentence tools, forms that save what was typed and show the validator's errors at their
fields, autosave, and drafts nobody else can open."""

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from classroom.services import assignment_create
from lessons.models import Lesson
from quizzes.editors import item_editor
from studio import services
from studio.models import Draft
from tests.classroom.conftest import answer_quiz
from tests.conftest import PASSWORD
from tests.quizzes.editors.formdata import form_data
from tests.studio.test_document import docx_bytes
from tests.studio.test_services import example_draft

DOC = "The Ferry\n\nMr. Harlow spoke first. The crowd cheered.\n"


@pytest.fixture
def draft(client, teacher) -> Draft:
    client.force_login(teacher)
    response = client.post(reverse("studio:draft_create"), {"title": "The ferry", "text": DOC})
    assert response.status_code == 302
    return Draft.objects.get(owner=teacher)


def test_an_uploaded_word_document_becomes_a_draft_split_into_sentences(client, teacher):
    client.force_login(teacher)
    upload = SimpleUploadedFile("ferry.docx", docx_bytes("The Ferry", "It sailed. It came back."))
    response = client.post(reverse("studio:draft_create"), {"title": "Ferry", "file": upload})
    draft = Draft.objects.get(owner=teacher)
    assert response.url == reverse("studio:draft_document", args=[draft.pk])
    html = client.get(response.url).content.decode()
    assert 'id="s3"' in html and "It came back." in html


def test_a_file_of_another_type_is_refused_with_its_reason_and_nothing_is_made(client, teacher):
    client.force_login(teacher)
    upload = SimpleUploadedFile("ferry.pdf", b"%PDF-1.4")
    response = client.post(reverse("studio:draft_create"), {"title": "Ferry", "file": upload})
    assert response.status_code == 415
    assert "Upload a .txt, .md or .docx file." in response.content.decode()
    assert not Draft.objects.exists()


def test_merge_and_split_buttons_change_the_split(client, draft):
    url = reverse("studio:sentence_merge", args=[draft.pk])
    assert client.post(url, {"sentence": "s2"}).status_code == 302  # "Mr." + "Harlow ..."
    assert client.post(url, {"sentence": "s2"}).status_code == 302  # + "The crowd cheered."
    html = client.get(reverse("studio:draft_document", args=[draft.pk])).content.decode()
    assert "Mr. Harlow spoke first. The crowd cheered.</span>" in html
    sentence = "Mr. Harlow spoke first. The crowd cheered."
    offset = sentence.index(" The")
    split = reverse("studio:sentence_split", args=[draft.pk])
    assert client.post(split, {"sentence": "s2", "offset": offset}).status_code == 302
    draft.refresh_from_db()
    assert draft.tree["source"]["segmentation"]["break_after"] == ["Mr. Harlow spoke first."]


def test_a_glossary_term_typed_without_javascript_is_added(client, draft):
    url = reverse("studio:glossary_term_add", args=[draft.pk])
    client.post(url, {"term": "ferry", "definition": "A boat that carries people across."})
    draft.refresh_from_db()
    assert draft.tree["glossary"] == [
        {"term": "ferry", "definition": "A boat that carries people across."}
    ]


def test_a_saved_form_shows_each_remaining_error_at_its_field(client, draft):
    url = reverse("studio:draft_details", args=[draft.pk])
    response = client.post(url, {"title": "The ferry", "summary": "", "skills": ["sourcing"]})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert 'id="id_summary_problems"' in html
    assert 'aria-describedby="id_summary_problems"' in html
    assert f'href="{url}#id_summary"' in html  # and in the list of everything to fix


def test_autosave_answers_json_with_the_number_of_things_to_fix(client, draft):
    url = reverse("studio:draft_sourcing", args=[draft.pk])
    response = client.post(
        url,
        {"title": "The Ferry", "type": "Notice", "citation": "Courier, 1911."},
        headers={"X-Studio-Autosave": "1"},
    )
    assert response.status_code == 200
    body = response.json()
    draft.refresh_from_db()
    assert body == {"saved": True, "errors": len(draft.errors)}
    assert draft.tree["source"]["citation"] == "Courier, 1911."


def test_nobody_else_opens_a_draft_not_even_a_content_author(client, draft, author):
    other = user_create(username="t.other", password=PASSWORD, role=User.Role.TEACHER)
    for user in (other, author):
        client.force_login(user)
        assert client.get(reverse("studio:draft_details", args=[draft.pk])).status_code == 404
        merge = reverse("studio:sentence_merge", args=[draft.pk])
        assert client.post(merge, {"sentence": "s2"}).status_code == 404


def test_a_student_has_no_studio(client, student):
    client.force_login(student)
    assert client.get(reverse("studio:draft_list")).status_code == 403


def test_every_question_of_a_complete_lesson_posts_back_through_its_editor_unchanged(
    client, teacher
):
    """The editors' form of each activity and quiz item, posted back as a browser would, saves
    the item exactly as it was (its skills in the order written too), and the draft stays
    valid; so publishing again makes no new version."""
    draft = example_draft(teacher)
    client.force_login(teacher)
    before = copy.deepcopy(draft.tree)
    places = [("quiz", len(before["quiz"]["items"]))] + [
        (step["kind"], len(step.get("activities") or []))
        for step in before["steps"]
        if step["kind"] != "quiz"
    ]
    for place, count in places:
        for index in range(count):
            url = reverse("studio:question_edit", args=[draft.pk, place, index])
            page = client.get(url)
            assert page.status_code == 200
            form = page.content.decode().split('id="question-form"', 1)[1].split("</form>", 1)[0]
            response = client.post(url, dict(form_data(form).lists()))
            assert response.status_code == 302, (place, index)
            draft.refresh_from_db()
            saved = (
                draft.tree["quiz"]["items"]
                if place == "quiz"
                else next(s["activities"] for s in draft.tree["steps"] if s["kind"] == place)
            )
            original = (
                before["quiz"]["items"]
                if place == "quiz"
                else next(s["activities"] for s in before["steps"] if s["kind"] == place)
            )
            assert saved[index] == original[index], (place, index)
    assert draft.tree == before
    assert draft.errors == []


def resave(client, draft, place: str, index: int):
    """The question's editor posted back untouched, as a browser posts it."""
    url = reverse("studio:question_edit", args=[draft.pk, place, index])
    page = client.get(url).content.decode()
    form = page.split('id="question-form"', 1)[1].split("</form>", 1)[0]
    return client.post(url, dict(form_data(form).lists()))


def test_saving_an_unchanged_item_keeps_its_skills_in_the_order_written_and_no_new_version(
    client, teacher, classroom, student
):
    draft = example_draft(teacher)
    # Not in the lesson's order of skills, in which the checkboxes post them:
    draft.tree["quiz"]["items"][0]["skills"] = ["corroboration", "sourcing"]
    services.draft_save(draft=draft)
    services.draft_publish(draft=draft, actor=teacher)
    lesson = Lesson.objects.get(slug="bridge-draft")
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timezone.timedelta(days=1),
        due_at=now + timezone.timedelta(days=1),
    )
    answer_quiz(student=student, assignment=assignment, right=set())  # answered: versioned
    client.force_login(teacher)
    assert resave(client, draft, "quiz", 0).status_code == 302
    draft.refresh_from_db()
    again = services.draft_publish(draft=draft, actor=teacher)
    assert again.new_versions == []
    assert draft.tree["quiz"]["items"][0]["skills"] == ["corroboration", "sourcing"]


def test_a_skill_ticked_on_an_item_follows_those_written():
    item = {"id": "q1", "type": "true_false", "prompt": "True?", "skills": ["corroboration"]}
    item["spec"] = {"answer": True}
    skills = [("sourcing", "Sourcing"), ("corroboration", "Corroboration")]
    data = form_data(item_editor("true_false", spec=item, skills=skills).render())
    data.setlist("q-skills", ["sourcing", "corroboration"])  # ticked: posted in the page's order
    saved = item_editor("true_false", data=data, skills=skills).item()
    assert saved["skills"] == ["corroboration", "sourcing"]


def test_deleting_a_question_asks_first_and_cancel_goes_back_with_nothing_deleted(client, teacher):
    draft = example_draft(teacher)
    client.force_login(teacher)
    first = draft.tree["quiz"]["items"][0]["id"]
    url = reverse("studio:question_delete", args=[draft.pk, "quiz", 0])
    steps = client.get(reverse("studio:draft_steps", args=[draft.pk])).content.decode()
    assert f'<a href="{url}">Delete' in steps  # a link to the question: no one-click delete
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Delete the question “{first}”?" in html
    assert f'name="item" value="{first}"' in html
    back = reverse("studio:draft_steps", args=[draft.pk]) + "#questions"
    assert f'href="{back}">Cancel</a>' in html
    draft.refresh_from_db()
    assert draft.tree["quiz"]["items"][0]["id"] == first


def test_the_confirmed_delete_removes_that_question_and_returns_to_the_list(client, teacher):
    draft = example_draft(teacher)
    client.force_login(teacher)
    ids = [item["id"] for item in draft.tree["quiz"]["items"]]
    url = reverse("studio:question_delete", args=[draft.pk, "quiz", 0])
    response = client.post(url, {"item": ids[0]})
    assert response.url == reverse("studio:draft_steps", args=[draft.pk]) + "#questions"
    draft.refresh_from_db()
    assert [item["id"] for item in draft.tree["quiz"]["items"]] == ids[1:]


def test_a_confirm_page_gone_stale_deletes_nothing(client, teacher):
    """Another tab deleted the first question: "Delete q-a" must not delete the next one."""
    draft = example_draft(teacher)
    client.force_login(teacher)
    ids = [item["id"] for item in draft.tree["quiz"]["items"]]
    url = reverse("studio:question_delete", args=[draft.pk, "quiz", 0])
    assert client.post(url, {"item": ids[0]}).status_code == 302
    assert client.post(url, {"item": ids[0]}).status_code == 409
    draft.refresh_from_db()
    assert [item["id"] for item in draft.tree["quiz"]["items"]] == ids[1:]


def question_form(client, url):
    page = client.get(url).content.decode()
    return form_data(page.split('id="question-form"', 1)[1].split("</form>", 1)[0])


def test_a_simpler_wording_typed_in_the_studio_is_stored_with_its_text(client, teacher):
    draft = example_draft(teacher)
    client.force_login(teacher)
    url = reverse("studio:question_edit", args=[draft.pk, "quiz", 0])
    data = question_form(client, url)
    data["q-spec-choices-0-feedback-standard"] = "Yes: it praises the bridge."
    data["q-spec-choices-0-feedback-simpler"] = "Yes. It says the bridge is good."
    assert client.post(url, dict(data.lists())).url.endswith("#saved")
    draft.refresh_from_db()
    assert draft.tree["quiz"]["items"][0]["spec"]["choices"][0]["feedback"] == {
        "standard": "Yes: it praises the bridge.",
        "simpler": "Yes. It says the bridge is good.",
    }
    assert draft.errors == []


def test_a_level_rule_broken_in_the_studio_is_said_once_at_its_field_in_plain_words(
    client, teacher
):
    draft = example_draft(teacher)
    client.force_login(teacher)
    url = reverse("studio:question_edit", args=[draft.pk, "quiz", 0])
    data = question_form(client, url)
    data["q-spec-choices-0-feedback-simpler"] = "Easy words."  # and no standard text
    assert client.post(url, dict(data.lists())).url.endswith("#question-errors")
    html = client.get(url).content.decode()
    error = html.split('id="id-q-spec-choices-0-feedback-standard-error">', 1)[1].split("</div>")[0]
    assert [p.strip() for p in error.split("</p>") if p.strip()] == [
        '<p class="mb-0">Write this text too: a simpler wording goes with it.'
    ]
    form = html.split('id="question-form"', 1)[1]  # (the draft's list above keeps its words)
    assert "must not be empty" not in form and "got a mapping" not in form


def test_the_preview_shows_the_simpler_wordings_when_asked(client, teacher):
    draft = example_draft(teacher)
    client.force_login(teacher)
    data = question_form(client, reverse("studio:question_edit", args=[draft.pk, "quiz", 0]))
    data["q-prompt-simpler"] = "Why was the report written?"
    preview = reverse("studio:question_preview", args=[draft.pk, "quiz"])
    standard = client.post(preview, dict(data.lists()), headers={"X-Studio-Preview": "1"})
    data["preview_level"] = "simpler"
    simpler = client.post(preview, dict(data.lists()), headers={"X-Studio-Preview": "1"})
    assert "Why was the report written?" not in standard.content.decode()
    assert "Why was the report written?" in simpler.content.decode()
