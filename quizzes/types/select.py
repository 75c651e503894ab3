"""select: select the sentences, or the words, of the document that answer the prompt.

Authors write the key against the document (sentence ids, or `{sentence, text}` spans);
`prepare()` copies the selectable options out of the document and turns each key entry into a
group of option ids, so grading and rendering need only the stored spec.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any, ClassVar, Literal

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .base import (
    Context,
    FormData,
    GradeResult,
    Issue,
    PartResult,
    QuestionType,
    ResponseError,
    SpecError,
    right_minus_wrong,
)
from .keyfree import Feedback, stored
from .parts import PartLabel, labelled
from .schema import (
    MAX_RESPONSE_ITEMS,
    Id,
    Note,
    Response,
    ResponseIds,
    Spec,
    Text,
    at_most,
    duplicate_ids,
    unknown,
    unknown_sentence,
)
from .text import word_spans, words_of

# A sentence id ("s3"), or a word of a sentence: "s3.w5" is the 5th word of s3.
OptionId = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(\.w\d{1,5})?$")
]
Unit = Literal["sentence", "word"]
HOLDS = "the most options a response holds"


class Span(BaseModel):
    """Words of a sentence, quoted exactly; they must occur in the sentence exactly once."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    sentence: Id
    text: Text


class SelectOption(BaseModel):
    """Something to tick: a sentence, or a word shown in its sentence.

    `before` and `after` carry the text between words (spaces, punctuation) so a sentence of
    word options reads as the sentence; `before` is only set on a sentence's first word.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: OptionId
    text: Text
    sentence: Id
    before: str = ""
    after: str = ""


class SelectSpec(Spec):
    unit: Unit
    within: list[Id] | None = None  # the sentences shown; None: the whole document
    key: list[Id] | list[Span] = Field(min_length=1, max_length=100)
    # Options to select before it is complete, and at most; no more than a response holds.
    min: Annotated[int, Field(ge=1), at_most(MAX_RESPONSE_ITEMS, HOLDS)] | None = None
    max: Annotated[int, Field(ge=1), at_most(MAX_RESPONSE_ITEMS, HOLDS)] | None = None
    feedback: dict[str, Note] = {}  # by option id, or (word unit) by sentence id
    # Filled in by prepare(); an author does not write them.
    options: list[SelectOption] = []
    key_groups: list[list[OptionId]] = []

    def issues(self) -> Iterator[Issue]:
        expects = Span if self.unit == "word" else str
        if not all(isinstance(entry, expects) for entry in self.key):
            yield (
                ("key",),
                (
                    "with unit: word, the key lists spans {sentence, text}"
                    if self.unit == "word"
                    else "with unit: sentence, the key lists sentence ids"
                ),
            )
        seen: set[object] = set()
        for index, entry in enumerate(self.key):
            if entry in seen:
                yield ("key", index), "listed twice"
            seen.add(entry)
        yield from duplicate_ids(self.within or [], ("within",))
        if self.min is not None and self.max is not None and self.min > self.max:
            yield ("min",), "min is above max"
        if self.unit == "sentence" and self.min is not None and self.min > len(self.key):
            yield (
                ("min",),
                "min is above the number of key sentences, so a complete answer "
                "would need wrong picks",
            )
        if self.max is not None and self.max < len(self.key):
            yield ("max",), "max is below the number of key entries, so full marks are impossible"
        if self.options or self.key_groups:
            yield from self._prepared_issues()

    def _prepared_issues(self) -> Iterator[Issue]:
        yield from duplicate_ids((o.id for o in self.options), ("options",))
        ids = {o.id for o in self.options}
        if len(self.key_groups) != len(self.key):
            yield ("key_groups",), "needs one group per key entry"
        in_key: set[str] = set()
        for index, group in enumerate(self.key_groups):
            if not group:
                yield ("key_groups", index), "is empty"
            for j, option in enumerate(group):
                if option not in ids:
                    yield ("key_groups", index, j), unknown("option", option)
                elif option in in_key:
                    yield ("key_groups", index, j), f"option {option!r} is in two key groups"
                in_key.add(option)
        if ids and ids <= in_key:
            yield ("key",), "every option is in the key, so selecting everything scores full marks"
        if self.max is not None and self.max < len(in_key):
            yield ("max",), f"max is below the {len(in_key)} options of the key"
        if self.min is not None and self.min > len(in_key):
            yield ("min",), f"min is above the {len(in_key)} options of the key"
        sentences = {o.sentence for o in self.options}
        for name in self.feedback:
            if name not in ids and name not in sentences:
                yield ("feedback", name), unknown("option or sentence", name)


class SelectResponse(Response):
    selected: ResponseIds = []


class Select(QuestionType[SelectSpec, SelectResponse]):
    key = "select"
    editor_widgets: ClassVar[Mapping[str, str]] = {
        "within": "sentences",
        "key": "sentences_or_spans:unit",
        "key.sentence": "sentence",
        "options": "prepared",
        "key_groups": "prepared",
    }
    seconds_per_item = 60
    prose_fields = ("feedback.*",)
    label = _("Select in the text")
    spec_model = SelectSpec
    response_model = SelectResponse

    def check(self, spec: SelectSpec, ctx: Context) -> list[Issue]:
        return _resolve(spec, ctx)[0]

    def _prepare(self, spec: SelectSpec, ctx: Context) -> SelectSpec:
        _, options, groups = _resolve(spec, ctx)
        data = self.dump_spec(spec) | {
            "options": [o.model_dump() for o in options],
            "key_groups": groups,
        }
        return self.parse_spec(data)

    def public_spec(self, spec: SelectSpec) -> dict[str, Any]:
        """The options grouped by sentence, in document order (deliberately no top-level
        `options` list: the document's order is not to be shuffled)."""
        _require_prepared(spec)
        sentences: list[dict[str, Any]] = []
        for option in spec.options:
            if not sentences or sentences[-1]["id"] != option.sentence:
                sentences.append({"id": option.sentence, "options": []})
            sentences[-1]["options"].append(option.model_dump())
        return {"unit": spec.unit, "min": spec.min, "max": spec.max, "sentences": sentences}

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        for sentence in public_spec.get("sentences") or []:
            yield from labelled(sentence.get("options"))

    def _validate_response(self, spec: SelectSpec, response: SelectResponse) -> None:
        _require_prepared(spec)
        ids = {o.id for o in spec.options}
        for option in response.selected:
            if option not in ids:
                raise ResponseError(_("Unknown option %(option)r.") % {"option": option})
        if len(set(response.selected)) != len(response.selected):
            raise ResponseError(_("An option is selected twice."))
        if spec.max is not None and len(response.selected) > spec.max:
            raise ResponseError(_("Select at most %(n)d.") % {"n": spec.max})

    def _canonical(self, spec: SelectSpec, response: SelectResponse) -> SelectResponse:
        selected = set(response.selected)
        return SelectResponse(selected=[o.id for o in spec.options if o.id in selected])

    def empty_response(self, spec: SelectSpec) -> SelectResponse:
        return SelectResponse(selected=[])

    def correct_response(self, spec: SelectSpec) -> SelectResponse:
        _require_prepared(spec)
        in_key = {option for group in spec.key_groups for option in group}
        return SelectResponse(selected=[o.id for o in spec.options if o.id in in_key])

    def _is_complete(self, spec: SelectSpec, response: SelectResponse) -> bool:
        return len(response.selected) >= (spec.min or 1)

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Only the options the student selected: a key phrase they missed (its sentence, its
        words) is the key, and so is the note on a sentence they picked wrongly."""
        return feedback.own(set(stored(response, "selected", list)))

    def _grade(self, spec: SelectSpec, response: SelectResponse) -> GradeResult:
        selected = set(response.selected)
        by_id = {o.id: o for o in spec.options}
        in_key = {option for group in spec.key_groups for option in group}

        def feedback(options: list[str]) -> str:
            return next(
                (spec.feedback[o] for o in options if o in selected and o in spec.feedback), ""
            )

        hits = [bool(selected.intersection(group)) for group in spec.key_groups]
        wrong = [o.id for o in spec.options if o.id in selected and o.id not in in_key]
        parts = [
            PartResult(
                group[0],
                hit,
                feedback=feedback(group),
                expected=_phrase([by_id[o] for o in group]),
            )
            for group, hit in zip(spec.key_groups, hits, strict=True)
        ] + [PartResult(o, False, feedback=feedback([o])) for o in wrong]
        # Feedback keyed by a sentence (word unit): shown once if any of its words is selected.
        picked_sentences = {by_id[o].sentence for o in selected}
        general = [
            text
            for name, text in spec.feedback.items()
            if name not in by_id and name in picked_sentences
        ]
        return GradeResult.of(
            right_minus_wrong(sum(hits), len(wrong), len(spec.key_groups)),
            parts=parts,
            feedback=general,
        )

    def parse_form(self, spec: SelectSpec, data: FormData, prefix: str) -> dict[str, Any]:
        return {"selected": data.getlist(f"{prefix}-selected")}


def _require_prepared(spec: SelectSpec) -> None:
    if not spec.options:
        raise SpecError([(("options",), "not prepared: call prepare() with the document first")])


def _phrase(options: list[SelectOption]) -> str:
    """The words of a key group as they read in the sentence."""
    return "".join(o.text + o.after for o in options[:-1]) + options[-1].text


def _gap(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _resolve(
    spec: SelectSpec, ctx: Context
) -> tuple[list[Issue], list[SelectOption], list[list[str]]]:
    """The options and key groups `spec` has in this document, and what stops resolving it."""
    issues: list[Issue] = []
    if spec.within is None:
        region = list(ctx.sentences)
    else:
        for index, sentence in enumerate(spec.within):
            if sentence not in ctx.sentences:
                issues.append((("within", index), unknown_sentence(sentence, list(ctx.sentences))))
        wanted = set(spec.within)
        region = [sentence for sentence in ctx.sentences if sentence in wanted]

    def sentence_issue(sentence: str, loc: tuple[str | int, ...]) -> bool:
        if sentence not in ctx.sentences:
            issues.append((loc, unknown_sentence(sentence, list(ctx.sentences))))
        elif sentence not in region:
            issues.append((loc, f"sentence {sentence!r} is not in `within`"))
        else:
            return False
        return True

    options: list[SelectOption] = []
    groups: list[list[str]] = []
    if spec.unit == "sentence":
        options = [SelectOption(id=s, text=ctx.sentences[s], sentence=s) for s in region]
        for index, entry in enumerate(spec.key):
            if isinstance(entry, str) and not sentence_issue(entry, ("key", index)):
                groups.append([entry])
    else:
        for sentence in region:
            for word in words_of(ctx.sentences[sentence]):
                options.append(
                    SelectOption(
                        id=f"{sentence}.w{word.n}",
                        text=word.text,
                        sentence=sentence,
                        before=_gap(word.before).lstrip(),
                        after=_gap(word.after),
                    )
                )
        taken: set[str] = set()
        for index, entry in enumerate(spec.key):
            loc = ("key", index)
            if not isinstance(entry, Span) or sentence_issue(entry.sentence, (*loc, "sentence")):
                continue
            text = ctx.sentences[entry.sentence]
            if (count := text.count(entry.text)) != 1:
                where = f"sentence {entry.sentence!r}"
                issues.append(
                    (
                        (*loc, "text"),
                        f"text does not occur in {where}"
                        if count == 0
                        else f"text occurs {count} times in {where}; quote more words",
                    )
                )
                continue
            start = text.index(entry.text)
            end = start + len(entry.text)
            group = [
                f"{entry.sentence}.w{n}"
                for n, (s, e) in enumerate(word_spans(text), 1)
                if s < end and e > start
            ]
            if not group:
                issues.append(((*loc, "text"), "contains no word"))
            elif taken.intersection(group):
                issues.append(((*loc, "text"), "overlaps another key entry"))
            taken.update(group)
            groups.append(group)
    if not options:
        issues.append((("within",), "there is nothing to select"))
    ids = {o.id for o in options}
    in_key = {o for group in groups for o in group}
    if spec.max is not None and spec.max < len(in_key):
        issues.append((("max",), f"max is below the {len(in_key)} options of the key"))
    if spec.min is not None and spec.min > len(in_key):
        issues.append((("min",), f"min is above the {len(in_key)} options of the key"))
    if options and not issues and ids <= in_key:
        issues.append(
            (("key",), "every option is in the key, so selecting everything scores full marks")
        )
    for name in spec.feedback:
        if name not in ids and name not in region:
            issues.append((("feedback", name), unknown("option or sentence", name)))
    return issues, options, groups
