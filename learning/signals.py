"""A change to a lesson's content moves the lesson's `updated_at`, which names the cached
content of its step pages (`learning.selectors.content`): the next page reads the new content.

Every way content changes ends in one of these: the loader (`load_lessons`, the studio's
publishing) saves the lesson itself, then each step and question; a question versioned or
edited in place is saved; the admin saves what it edits, and its deletions of sources,
sentences, glossary terms and references touch the lesson (`lessons.admin`). Deletes of those
four are not watched here: a receiver would turn the loader's bulk deletes into one signal per
row, and the loader saves the lesson anyway. The update runs in the writer's transaction, so no
page sees the new stamp with the old content."""

from django.db.models.signals import post_delete, post_save

from lessons.models import GlossaryTerm, Reference, Sentence, Source, Step
from lessons.services import lesson_content_touch
from quizzes.models import Question


def _content_changed(sender, instance, raw: bool = False, **_kwargs) -> None:
    if not raw:
        lesson_content_touch(lesson_ids=[instance.lesson_id])


for model in (Step, Source, Sentence, GlossaryTerm, Reference, Question):
    post_save.connect(_content_changed, sender=model, dispatch_uid=f"content-{model.__name__}")
for model in (Step, Question):  # deleted one at a time anyway
    post_delete.connect(_content_changed, sender=model, dispatch_uid=f"gone-{model.__name__}")
