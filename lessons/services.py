"""Writes on lessons outside the loader."""

from collections.abc import Iterable

from django.utils import timezone

from .models import Lesson


def lesson_content_touch(*, lesson_ids: Iterable[int]) -> None:
    """Mark these lessons' content as changed: their `updated_at` names the cached content of
    their step pages (`learning.selectors.content`), so the next page reads the content anew.
    Call it inside the transaction that changes the content."""
    ids = {pk for pk in lesson_ids if pk is not None}
    if ids:
        Lesson.objects.filter(pk__in=ids).update(updated_at=timezone.now())
