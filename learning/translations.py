"""A lesson in the reader's language: the package's translation (``LessonTranslation``, from
``translations/<lang>.yaml``) laid over the pages a student reads, when one exists for their
interface language and they have not switched that lesson back to its original.

Pages are built in the original first (by ids, as always), then this module swaps texts on
copies of what the page shows: step titles and bodies, questions (prompt, feedback, the texts
of their spec), glossary definitions, comparison sources' summaries, figures, parts and the
timeline. Nothing is written back and no grading reads these copies: answers and scores stay
keyed by ids, so the language never changes a grade. The document under study is never
replaced: its translation, when the overlay gives one, is shown beside it (``document``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import get_language_info

from lessons.models import Lesson, LessonOriginalChoice, LessonTranslation, ReadingLevel


def _base(language: str) -> str:
    return (language or "").split("-")[0].lower()


@dataclass(frozen=True)
class ReaderTranslation:
    """What one reader gets of one lesson's translations."""

    lesson: Lesson
    row: LessonTranslation | None  # the translation into the reader's language, if any
    showing_original: bool = False  # the reader switched this lesson back to the original

    @property
    def available(self) -> bool:
        return self.row is not None

    @property
    def active(self) -> bool:
        return self.row is not None and not self.showing_original

    @property
    def document(self) -> LessonTranslation | None:
        """The translation of the document under study, shown beside the original."""
        return self.row if self.active and self.row.document_text else None

    def texts(self, section: str, target: Any) -> dict[str, Any]:
        if not self.active:
            return {}
        return self.row.texts.get(section, {}).get(str(target), {})

    @property
    def lesson_title(self) -> str:
        return self.texts("lesson", "lesson").get("title", "")

    @property
    def quiz_title(self) -> str:
        return self.texts("lesson", "lesson").get("quiz_title", "")

    @property
    def original_language_name(self) -> str:
        """The lesson's own language, named in the reader's language ("English")."""
        try:
            return str(get_language_info(self.lesson.language)["name_translated"])
        except KeyError:
            return self.lesson.language

    # -- what pages show -------------------------------------------------------------------

    def lesson_view(self, lesson: Lesson) -> Lesson:
        texts = self.texts("lesson", "lesson")
        if not texts:
            return lesson
        shown = copy.copy(lesson)
        shown.title = texts.get("title", lesson.title)
        shown.summary = texts.get("summary", lesson.summary)
        return shown

    def step(self, step):
        texts = self.texts("steps", step.kind)
        if not texts:
            return step
        shown = copy.copy(step)
        shown.title = texts.get("title", step.title)
        if _at(texts, "body", ReadingLevel.STANDARD) is not None:
            shown.body = _at(texts, "body", ReadingLevel.STANDARD)
            shown.body_simpler = texts.get("body.simpler", "")
        return shown

    def question(self, question):
        texts = self.texts("questions", question.key)
        if not texts:
            return question
        shown = copy.copy(question)
        shown.prompt = _at(texts, "prompt", ReadingLevel.STANDARD) or question.prompt
        shown.prompt_simpler = texts.get("prompt.simpler", "")
        feedback, simpler = dict(question.feedback), {}
        for state in list(feedback):
            text = _at(texts, f"feedback.{state}", ReadingLevel.STANDARD)
            feedback[state] = text or feedback[state]
            if f"feedback.{state}.simpler" in texts:
                simpler[state] = texts[f"feedback.{state}.simpler"]
        shown.feedback, shown.feedback_simpler = feedback, simpler
        shown.spec = spec_translated(question.spec, texts)
        return shown

    def spec(self, question, spec: dict[str, Any]) -> dict[str, Any]:
        """A public spec (choices in the order shown) with its texts translated."""
        return spec_translated(spec, self.texts("questions", question.key))

    def feedback(self, question, view):
        """A feedback view (built from the original's stored score) with the question's texts
        translated: the general feedback, each part's label, feedback and expected answer."""
        if view is None:
            return view
        words = _text_map(question, self.texts("questions", question.key))
        if not words:
            return view

        def say(text):
            return words.get(text, text) if text else text

        parts = tuple(
            replace(
                part,
                label=" — ".join(say(piece) for piece in part.label.split(" — ")),
                feedback=say(part.feedback),
                expected=say(part.expected),
            )
            for part in view.parts
        )
        return replace(view, lines=tuple(say(line) for line in view.lines), parts=parts)

    def glossary(self, entries):
        out = []
        for entry in entries:
            texts = self.texts("glossary", entry.term)
            if texts:
                term = texts.get("term")
                entry = replace(
                    entry,
                    term=f"{term} ({entry.term})" if term else entry.term,
                    definition=texts.get("definition", entry.definition),
                )
            out.append(entry)
        return out

    def sources(self, sources):
        out = []
        for source in sources:
            texts = self.texts("sources", source.key)
            if texts:
                source = copy.copy(source)
                source.title = texts.get("title", source.title)
                source.summary = texts.get("summary", source.summary)
            out.append(source)
        return out

    def figures(self, figures: list[dict]) -> list[dict]:
        return [{**f, **self.texts("figures", f.get("key"))} for f in figures]

    def timeline(self, events: list[dict]) -> list[dict]:
        return [{**e, **self.texts("timeline", i)} for i, e in enumerate(events)]

    def parts(self, parts):
        out = []
        for part in parts:
            texts = self.texts("parts", part.number)
            out.append(replace(part, **texts) if texts else part)
        return out


def _at(texts: dict[str, Any], field: str, level: str) -> str | None:
    """The text of ``field`` at a reading level: its own, else the one text given for it."""
    if level == ReadingLevel.SIMPLER and f"{field}.simpler" in texts:
        return texts[f"{field}.simpler"]
    return texts.get(f"{field}.standard", texts.get(field))


def _walk(spec: Any, path: list[str]) -> tuple[Any, str | None]:
    """The container holding the last step of ``path`` inside ``spec`` and its key, or
    (None, None) where the spec has no such place (lists of mappings are walked by id)."""
    node = spec
    for step in path[:-1]:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list):
            node = next((i for i in node if isinstance(i, dict) and str(i.get("id")) == step), None)
        else:
            return None, None
    return (node, path[-1]) if isinstance(node, dict) and path[-1] in node else (None, None)


def spec_translated(spec: dict[str, Any], texts: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` with every ``spec.…`` text of ``texts`` put at its place; a text the
    spec has no place for (a public spec shows less than the stored one) is left out."""
    paths = [p for p in texts if p.startswith("spec.")]
    if not paths:
        return spec
    shown = copy.deepcopy(spec)
    for path in paths:
        holder, key = _walk(shown, path.split(".")[1:])
        if holder is not None and isinstance(holder[key], type(texts[path])):
            holder[key] = texts[path]
    return shown


def _text_map(question, texts: dict[str, Any]) -> dict[str, str]:
    """Each original text of the question -> its translation (for feedback built from stored
    scores, which hold the original's texts)."""
    words: dict[str, str] = {}
    for path, text in texts.items():
        if not isinstance(text, str):
            continue
        if path.startswith("spec."):
            holder, key = _walk(question.spec, path.split(".")[1:])
            original = holder[key] if holder is not None else None
        else:
            original = _original_field(question, path)
        if isinstance(original, str) and original:
            words[original] = text
    return words


def _original_field(question, path: str) -> str | None:
    name, *rest = path.split(".")
    level = rest[-1] if rest and rest[-1] in ReadingLevel.values else ReadingLevel.STANDARD
    if name == "prompt":
        return question.prompt_simpler if level == ReadingLevel.SIMPLER else question.prompt
    if name == "feedback" and rest:
        source = question.feedback_simpler if level == ReadingLevel.SIMPLER else question.feedback
        return source.get(rest[0])
    return None


def reader_translation(*, user, lesson: Lesson, language: str) -> ReaderTranslation:
    """The translation of ``lesson`` for a reader whose interface speaks ``language`` (at most
    two queries; none when the lesson is written in that language)."""
    language = _base(language)
    if not language or language == _base(lesson.language):
        return ReaderTranslation(lesson, None)
    row = LessonTranslation.objects.filter(lesson=lesson, language=language).first()
    if row is None:
        return ReaderTranslation(lesson, None)
    original = (
        user.is_authenticated
        and LessonOriginalChoice.objects.filter(user=user, lesson=lesson).exists()
    )
    return ReaderTranslation(lesson, row, showing_original=bool(original))


def step_page_translated(page, translation: ReaderTranslation):
    """The step page (learning.selectors.step.StepPage) with its texts in the translation."""
    if not translation.active:
        return page
    t = translation
    page.lesson = t.lesson_view(page.lesson)
    page.step = t.step(page.step)
    page.steps = [replace(link, step=t.step(link.step)) for link in page.steps]
    page.previous = t.step(page.previous) if page.previous else None
    page.next = t.step(page.next) if page.next else None
    for activity in page.activities:
        original = activity.question
        activity.spec = t.spec(original, activity.spec)
        activity.feedback = t.feedback(original, activity.feedback)
        activity.question = t.question(original)
    page.glossary = t.glossary(page.glossary)
    page.comparison_sources = t.sources(page.comparison_sources)
    page.figures = t.figures(page.figures)
    page.timeline = t.timeline(page.timeline)
    page.parts = t.parts(page.parts)
    return page


def items_translated(items, translation: ReaderTranslation):
    """Quiz items (quizzes.selectors.Item) with their questions' texts in the translation."""
    if not translation.active:
        return items
    return [
        replace(
            item,
            question=translation.question(item.question),
            spec=translation.spec(item.question, item.spec),
        )
        for item in items
    ]


def rows_translated(rows, translation: ReaderTranslation):
    """A result page's rows (item, feedback) with the questions' texts in the translation."""
    if not translation.active:
        return rows
    items = items_translated([item for item, _feedback in rows], translation)
    return [
        (shown, translation.feedback(item.question, feedback))
        for shown, (item, feedback) in zip(items, rows, strict=True)
    ]
