"""A lesson's content as plain values, field by field, without the database's ids, so two
loads of the same package compare equal whatever rows they made."""

from lessons.models import Figure, GlossaryTerm, Lesson, Reference, Sentence, Source, Step
from quizzes.models import Question, Quiz

# Ids and clocks differ between two loads of the same content; a choice order seed is drawn
# at random when a question is first made.
UNCOMPARED = {"id", "lesson_id", "step_id", "updated_at", "created_at", "order_seed"}
PARTS = {
    "sentences": (Sentence, "position"),
    "sources": (Source, "position"),
    "references": (Reference, "position"),
    "glossary": (GlossaryTerm, "position"),
    "figures": (Figure, "position"),
    "steps": (Step, "position"),
    "quiz": (Quiz, "pk"),
}


def _plain(row: dict) -> dict:
    return {
        name: bytes(value) if isinstance(value, memoryview) else value
        for name, value in row.items()
        if name not in UNCOMPARED and name != "package_digest"
    }


def lesson_content(slug: str) -> dict:
    lesson = Lesson.objects.get(slug=slug)
    content = {"lesson": _plain(Lesson.objects.filter(pk=lesson.pk).values()[0])}
    for name, (model, order) in PARTS.items():
        content[name] = [
            _plain(row) for row in model.objects.filter(lesson=lesson).order_by(order).values()
        ]
    content["questions"] = [
        {**_plain(row), "step": row["step__kind"]}
        for row in Question.objects.filter(lesson=lesson)
        .order_by("step__position", "position", "key", "version")
        .values(*[f.attname for f in Question._meta.concrete_fields], "step__kind")
    ]
    return content
