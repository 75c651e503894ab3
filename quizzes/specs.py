"""A question's spec as the pages and the writes read it, kept per process.

Parsing a spec with its type's schema (pydantic) was most of what each item cost the quiz and
step pages, and a good part of an autosave. Both caches are keyed so that no entry outlives
what it was made from: the public specs on the question version, the lesson's stamp (its
`updated_at`, which every edit of a question moves: learning.signals), the reading level and
the order drawn; the writes' specs on their stored text itself. Their values are shared by
every request of the process: read them, never change them."""

import json
import random

from core import rows
from core.local_cache import LocalCache
from core.sql import prepared_cursor
from lessons.models import ReadingLevel

from .models import Question
from .types import QuestionType, registry

_PUBLIC_SPECS = LocalCache(max_entries=8192)


def public_spec_for(
    question: Question,
    qt: QuestionType,
    *,
    seed: int,
    shuffle: bool,
    level: str = ReadingLevel.STANDARD,
    stamp: str | None = None,
) -> dict:
    """The spec the page may show, its prose at the student's reading `level`, its lists
    (choices) in the order the student sees them:

    - a `fixed_order` question: the author's order (a scale, "all of the above");
    - `shuffle` on: an order drawn from the attempt's stored `seed`, new for each attempt and
      the same on every reload;
    - `shuffle` off: the question version's own order, drawn once from its stored
      `order_seed`: the same for every student and every reload, and not the author's order,
      in which the right answer tends to come first.

    With `stamp` (`lessons.selectors.lesson_stamp` of the question's lesson as the caller
    read it), kept in this process (`core.local_cache`): the spec returned is shared, to
    read, never to change.
    """
    if question.fixed_order:
        drawn_from = ""
    else:
        drawn_from = f"{seed}:{question.pk}" if shuffle else f"version:{question.order_seed}"
    if stamp is None:
        return _public_spec_make(question, qt, level, drawn_from)
    key = (question.pk, question.type, stamp, level, drawn_from)
    return _PUBLIC_SPECS.get_or_make(
        key, lambda: _public_spec_make(question, qt, level, drawn_from)
    )


def _public_spec_make(question: Question, qt: QuestionType, level: str, drawn_from: str) -> dict:
    spec = qt.public_spec(qt.parse_spec(question.spec_for(level)))
    if drawn_from:
        qt.shuffle(spec, random.Random(drawn_from))  # order, not secrecy  # noqa: S311
    return spec


_SPECS_READ = LocalCache(max_entries=2048)


def question_with_spec(question: Question, text: str) -> Question:
    """`question` given its spec from the column's stored `text` (a hand-written SQL read),
    decoded and parsed once per process for each distinct text (`Question.spec_parsed`)."""
    entry = _SPECS_READ.get((question.type, text))
    if entry is None:
        spec = json.loads(text)
        try:
            parsed = registry.get_or_missing(question.type).parse_spec(spec)
        except ValueError:  # a spec its type refuses: left to whoever parses it, as before
            question.spec = spec
            return question
        entry = (spec, parsed)
        _SPECS_READ.set((question.type, text), entry)
    question.spec = entry[0]
    question.spec_parsed_as(entry[1])
    return question


# What reading, saving and grading a posted answer read of a question (`questions_for_post`).
POST_COLUMNS = ("id", "lesson", "step", "is_current", "type", "points")
_FOR_POST = "SELECT {columns}, q.spec FROM {table} q WHERE q.id IN ({ids})"


def questions_for_post(ids: list[int]) -> dict[int, Question]:
    """The question versions `ids` by id, with what a post reads of them (`POST_COLUMNS` and
    the spec, parsed once per process for each text), the rest deferred: one query, written
    as SQL as building it with the ORM cost more than running it."""
    if not ids:
        return {}
    fields = rows.fields_named(Question, *POST_COLUMNS)
    sql = _FOR_POST.format(
        columns=rows.columns("q", fields),
        table=Question._meta.db_table,
        ids=", ".join(["%s"] * len(ids)),  # placeholders: the ids are parameters
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, list(ids))
        found = cursor.fetchall()
    questions = {}
    for row in found:
        question = question_with_spec(rows.instance(Question, fields, row[:-1]), row[-1])
        questions[question.pk] = question
    return questions
