"""Loading a package's checked translation overlays (authoring.package.translations) into
``LessonTranslation`` rows: one per language, rewritten with every load (they hold no student
data), and a language whose overlay left the package is dropped."""

from __future__ import annotations

from collections.abc import Iterable

from lessons.models import Lesson, LessonTranslation


def lesson_translations_store(*, lesson: Lesson, translations: Iterable) -> list[str]:
    """Store ``translations`` (LessonTranslationData) for ``lesson``; the languages stored."""
    languages = []
    for data in translations:
        LessonTranslation.objects.update_or_create(
            lesson=lesson,
            language=data.language,
            defaults={
                "translator": data.translator,
                "status": data.status,
                "texts": data.texts,
                "document_text": data.document_text,
                "document_title": data.document_title,
                "document_translator": data.document_translator,
            },
        )
        languages.append(data.language)
    lesson.translations.exclude(language__in=languages).delete()
    return languages
