"""Drafts are packages: every save runs the package validator; publishing loads the draft
through the package loader, as a lesson owned by its author, private to a teacher."""

import pytest
from django.utils import timezone

from authoring.package.files import package_files_read
from classroom.services import assignment_create
from lessons.models import Lesson, Visibility
from quizzes.models import KeyChange
from studio import services
from studio.errorlinks import error_links
from studio.errors import Code, StudioError
from studio.models import Draft
from studio.package import tree_from_files
from tests.classroom.conftest import answer_quiz
from tests.conftest import EXAMPLE_PACKAGE


def example_draft(owner) -> Draft:
    """The example package (every step kind and question type) as a new lesson's draft."""
    tree, document, files = tree_from_files(package_files_read(EXAMPLE_PACKAGE))
    tree["slug"] = "bridge-draft"
    return services.draft_save(draft=Draft(owner=owner, tree=tree, document=document, files=files))


def test_a_new_draft_from_a_document_lists_what_the_format_still_needs_at_its_fields(teacher):
    draft = services.draft_create(owner=teacher, text="The ferry sailed.\n", title="Ferry")
    links = {link.path: link for link in error_links(draft)}
    assert "summary" in links and links["summary"].href.endswith("/lesson/#id_summary")
    assert links["source.citation"].href.endswith("/sourcing/#id_citation")
    assert links["summary"].message == "This is required: fill it in."
    assert not Lesson.objects.exists()  # nothing a student could see


def test_a_complete_draft_validates_clean_and_publishes_as_the_teachers_private_lesson(teacher):
    draft = example_draft(teacher)
    assert draft.errors == []
    result = services.draft_publish(draft=draft, actor=teacher)
    lesson = Lesson.objects.get(slug="bridge-draft")
    assert (result.status, lesson.owner, lesson.visibility) == (
        "created",
        teacher,
        Visibility.PRIVATE,
    )
    assert lesson.questions.filter(step__kind="quiz").count() == len(draft.tree["quiz"]["items"])


def test_a_content_authors_lesson_is_for_the_whole_school(author):
    draft = example_draft(author)
    services.draft_publish(draft=draft, actor=author)
    assert Lesson.objects.get(slug="bridge-draft").visibility == Visibility.SCHOOL


def test_a_draft_with_a_mistake_is_not_published_and_the_mistake_is_kept_at_its_field(teacher):
    draft = example_draft(teacher)
    draft.tree["quiz"]["items"][0]["spec"]["choices"][0]["correct"] = False
    services.draft_save(draft=draft)
    with pytest.raises(StudioError) as refused:
        services.draft_publish(draft=draft, actor=teacher)
    assert refused.value.code == Code.NOT_VALID
    assert not Lesson.objects.filter(slug="bridge-draft").exists()
    (link,) = error_links(draft)
    assert link.path.startswith("quiz.items[0].spec")
    assert link.href.endswith("/questions/quiz/0/#question-errors")


def test_publishing_again_makes_a_new_version_and_reports_a_changed_key(
    teacher, classroom, student
):

    draft = example_draft(teacher)
    services.draft_publish(draft=draft, actor=teacher)
    lesson = Lesson.objects.get(slug="bridge-draft")
    now = timezone.now()
    assignment = assignment_create(
        classroom=classroom,
        lesson=lesson,
        opens_at=now - timezone.timedelta(days=1),
        due_at=now + timezone.timedelta(days=1),
    )
    answer_quiz(student=student, assignment=assignment, right={"q-purpose"})
    choices = draft.tree["quiz"]["items"][0]["spec"]["choices"]
    choices[0]["correct"], choices[1]["correct"] = False, True  # the key moves
    services.draft_save(draft=draft)
    result = services.draft_publish(draft=draft, actor=teacher)
    lesson.refresh_from_db()
    assert lesson.version == 2
    assert [change.key for change in result.key_changes] == ["q-purpose"]
    assert KeyChange.objects.filter(lesson=lesson, key="q-purpose").exists()


def test_publishing_an_unchanged_draft_again_keeps_the_lessons_version(teacher):
    draft = example_draft(teacher)
    services.draft_publish(draft=draft, actor=teacher)
    again = services.draft_publish(draft=draft, actor=teacher)
    lesson = Lesson.objects.get(slug="bridge-draft")
    assert (again.status, lesson.version, draft.tree["version"]) == ("unchanged", 1, 1)
    draft.tree["summary"] = "A changed summary."
    services.draft_save(draft=draft)
    assert services.draft_publish(draft=draft, actor=teacher).status == "updated"
    lesson.refresh_from_db()
    assert lesson.version == 2


def test_a_copy_of_a_school_lesson_is_a_new_draft_with_its_own_id(teacher, example_lesson):
    draft = services.lesson_copy(lesson=example_lesson, owner=teacher)
    assert draft.errors == []
    assert draft.tree["slug"] != example_lesson.slug
    assert draft.tree["title"] == example_lesson.title
    assert "figures/millbrook-map.svg" in draft.files  # the figures come along


def test_a_draft_cannot_publish_over_someone_elses_lesson(teacher, example_lesson):
    draft = services.lesson_copy(lesson=example_lesson, owner=teacher)
    draft.tree["slug"] = example_lesson.slug
    with pytest.raises(StudioError) as refused:
        services.draft_publish(draft=draft, actor=teacher)
    assert refused.value.code == Code.LESSON_TAKEN


def test_merging_two_sentences_is_saved_as_overrides_and_revalidated(teacher):
    draft = services.draft_create(owner=teacher, text="Mr. Smith came.\n", title="Visit")
    services.draft_sentence_merge(draft=draft, sentence_id="s1")
    draft.refresh_from_db()
    assert draft.tree["source"]["segmentation"] == {"no_break_after": ["Mr."]}


def test_a_refused_republish_keeps_the_drafts_version(teacher):
    draft = example_draft(teacher)
    services.draft_publish(draft=draft, actor=teacher)
    draft.tree["quiz"]["items"][0]["spec"]["choices"][0]["correct"] = False
    services.draft_save(draft=draft)
    with pytest.raises(StudioError):
        services.draft_publish(draft=draft, actor=teacher)
    draft.refresh_from_db()
    assert draft.tree["version"] == 1
    assert Lesson.objects.get(slug="bridge-draft").version == 1
