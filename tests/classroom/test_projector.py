"""The projector view: the document, each activity and quiz item, and the class's answers
counted without a name; the key only when the teacher reveals it."""

import pytest
from django.urls import reverse

from classroom.selectors.projector import projector_slide
from tests.classroom.conftest import answer_quiz

pytestmark = pytest.mark.django_db


def slide_of(assignment, key: str) -> int:
    first = projector_slide(assignment=assignment, number=0)
    for link in first.links[1:]:
        if projector_slide(assignment=assignment, number=link.number).question.key == key:
            return link.number
    raise AssertionError(key)


def url(assignment, number: int | None = None) -> str:
    pk = assignment.classroom_id
    if number is None:
        return reverse("classroom:projector", args=[pk, assignment.pk])
    return reverse("classroom:projector_slide", args=[pk, assignment.pk, number])


@pytest.fixture
def class_answers(assignment, student, make_student):
    """Four students answered q-purpose: one with the key (celebrate), three with "neutral"."""
    answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
    for name in ("ada", "bo", "cy"):
        answer_quiz(
            student=make_student(name, f"Pupil {name.upper()}"),
            assignment=assignment,
            answers={"q-purpose": {"choice": "neutral"}},
        )
    return assignment


def test_the_first_slide_is_the_document_with_its_numbered_sentences(client, teacher, assignment):
    client.force_login(teacher)
    response = client.get(url(assignment))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="sentence-number">s1<' in html
    assert "Rivertown" in html or "bridge" in html
    assert 'rel="next"' in html and 'rel="prev"' not in html


def test_the_spread_counts_the_class_answers_without_names(client, teacher, class_answers):
    client.force_login(teacher)
    html = client.get(url(class_answers, slide_of(class_answers, "q-purpose"))).content.decode()
    assert "4 of 4 students answered" in html
    assert "3 (75%)" in html and "1 (25%)" in html
    # The choice nobody picked is there too: worth discussing.
    assert "To protest against the cost of the bridge" in html and "0 (0%)" in html
    for name in ("Pupil ADA", "Pupil BO", "s.lovelace", "ada"):
        assert name not in html


def test_the_key_is_hidden_until_the_teacher_reveals_it(client, teacher, class_answers):
    client.force_login(teacher)
    number = slide_of(class_answers, "q-purpose")
    hidden = client.get(url(class_answers, number)).content.decode()
    assert "projector-right" not in hidden and "✓" not in hidden
    assert "Reveal the key" in hidden
    # The most frequent answer comes first, right or wrong: the order gives nothing away.
    assert hidden.index("To give a neutral record") < hidden.index("To celebrate the bridge")

    shown = client.get(url(class_answers, number) + "?key=1").content.decode()
    right_row = shown[shown.index('class="projector-right"') :]
    assert right_row.index("To celebrate the bridge") < right_row.index("</tr>")
    assert shown.count('class="projector-right"') == 1


def test_the_answers_can_be_hidden_to_show_only_the_question(client, teacher, class_answers):
    client.force_login(teacher)
    html = client.get(
        url(class_answers, slide_of(class_answers, "q-purpose")) + "?answers=0&key=1"
    ).content.decode()
    assert "What was the main purpose of this report?" in html
    assert "data-spread" not in html and "projector-right" not in html
    assert "Show the class" in html
    # The question's choices, to read before the answers are shown.
    options = html[html.index("data-options") :]
    assert "To give a neutral record" in options and "To protest against" in options


def test_written_answers_are_counted_but_not_shown(client, teacher, assignment, student):
    from tests.classroom.conftest import write_reflection

    write_reflection(student=student, assignment=assignment, text="My secret words " * 5)
    client.force_login(teacher)
    html = client.get(url(assignment, slide_of(assignment, "reflection"))).content.decode()
    assert "1 of 1 students answered" in html
    assert "My secret words" not in html
    assert "Written answers are not shown" in html


@pytest.mark.parametrize("number", [999, 10**9])
def test_a_slide_the_assignment_does_not_have_is_404(client, teacher, assignment, number):
    client.force_login(teacher)
    assert client.get(url(assignment, number)).status_code == 404


def test_another_teacher_and_a_student_cannot_open_it(client, assignment, student, other_teacher):
    client.force_login(other_teacher)
    assert client.get(url(assignment)).status_code == 404
    client.force_login(student)
    assert client.get(url(assignment)).status_code == 403


def test_the_analysis_page_links_to_the_projector_view(client, teacher, assignment):
    client.force_login(teacher)
    analysis = reverse(
        "classroom:assignment_analysis", args=[assignment.classroom_id, assignment.pk]
    )
    assert url(assignment) in client.get(analysis).content.decode()
