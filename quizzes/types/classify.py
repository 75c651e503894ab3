"""classify: put each item (often a statement of the document) into one category."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .base import (
    Context,
    FormData,
    GradeResult,
    Issue,
    PartResult,
    QuestionType,
    ResponseError,
    equal_shares,
)
from .keyfree import Feedback, stored
from .parts import PartLabel, labelled
from .schema import (
    Category,
    Id,
    Note,
    Response,
    ResponseMap,
    Spec,
    Text,
    duplicate_ids,
    unknown,
    unknown_sentence,
)


class ClassifyItem(BaseModel):
    """An item's text is given as `text`, or as a whole `sentence` of the document, or as
    `sentence` + `text` when the item is part of that sentence (`span: {sentence, text}` is
    accepted as a spelling of the latter)."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: Id
    text: Text | None = None
    sentence: Id | None = None
    category: Id
    explanation: Note = ""
    sources: list[Id] = []

    @model_validator(mode="before")
    @classmethod
    def _unfold_span(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(span := data.get("span"), dict):
            if "sentence" in data or "text" in data or set(span) - {"sentence", "text"}:
                raise ValueError("give either `span: {sentence, text}` or `sentence`/`text`")
            data = {k: v for k, v in data.items() if k != "span"} | span
        return data

    @model_validator(mode="after")
    def _has_text(self) -> ClassifyItem:
        if self.text is None and self.sentence is None:
            raise ValueError("give `text`, `sentence`, or both")
        return self


class ClassifySpec(Spec):
    categories: list[Category] = Field(min_length=2, max_length=20)
    items: list[ClassifyItem] = Field(min_length=1, max_length=200)

    def issues(self) -> Iterator[Issue]:
        yield from duplicate_ids((c.id for c in self.categories), ("categories",))
        yield from duplicate_ids((i.id for i in self.items), ("items",))
        categories = {c.id for c in self.categories}
        for index, item in enumerate(self.items):
            if item.category not in categories:
                yield (
                    ("items", index, "category"),
                    unknown("category", item.category, [c.id for c in self.categories]),
                )

    def label_of(self, category_id: str) -> str:
        return next(c.label for c in self.categories if c.id == category_id)


class ClassifyResponse(Response):
    answers: ResponseMap = {}


class Classify(QuestionType[ClassifySpec, ClassifyResponse]):
    key = "classify"
    editor_widgets: ClassVar[Mapping[str, str]] = {
        "items.sentence": "sentence",
        "items.category": "choice_of:categories",
    }
    seconds_per_item = 20
    label = _("Classify")
    spec_model = ClassifySpec
    response_model = ClassifyResponse

    def check(self, spec: ClassifySpec, ctx: Context) -> list[Issue]:
        issues: list[Issue] = []
        for index, item in enumerate(spec.items):
            loc = ("items", index)
            if item.sentence is not None:
                sentence = ctx.sentences.get(item.sentence)
                if sentence is None:
                    issues.append(
                        ((*loc, "sentence"), unknown_sentence(item.sentence, list(ctx.sentences)))
                    )
                elif item.text is not None and (count := sentence.count(item.text)) != 1:
                    where = f"sentence {item.sentence!r}"
                    issues.append(
                        (
                            (*loc, "text"),
                            f"text does not occur in {where}"
                            if count == 0
                            else f"text occurs {count} times in {where}; quote more words",
                        )
                    )
            for j, source in enumerate(item.sources):
                if source not in ctx.source_ids:
                    issues.append(((*loc, "sources", j), unknown("source", source)))
        return issues

    def _prepare(self, spec: ClassifySpec, ctx: Context) -> ClassifySpec:
        data = self.dump_spec(spec)
        for item in data["items"]:
            if item["text"] is None:
                item["text"] = ctx.sentences[item["sentence"]]
        return self.parse_spec(data)

    def public_spec(self, spec: ClassifySpec) -> dict[str, Any]:
        return {
            "categories": [{"id": c.id, "label": c.label} for c in spec.categories],
            "items": [{"id": i.id, "text": i.text, "sentence": i.sentence} for i in spec.items],
        }

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        return labelled(public_spec.get("items"))

    def value_labels(self, public_spec: Mapping[str, Any]) -> dict[str, str]:
        return {c.id: c.text for c in labelled(public_spec.get("categories"))}

    def _validate_response(self, spec: ClassifySpec, response: ClassifyResponse) -> None:
        items = {i.id for i in spec.items}
        categories = {c.id for c in spec.categories}
        for item, category in response.answers.items():
            if item not in items:
                raise ResponseError(_("Unknown item %(item)r.") % {"item": item})
            if category not in categories:
                raise ResponseError(_("Unknown category %(category)r.") % {"category": category})

    def empty_response(self, spec: ClassifySpec) -> ClassifyResponse:
        return ClassifyResponse(answers={})

    def correct_response(self, spec: ClassifySpec) -> ClassifyResponse:
        return ClassifyResponse(answers={i.id: i.category for i in spec.items})

    def _is_complete(self, spec: ClassifySpec, response: ClassifyResponse) -> bool:
        return all(i.id in response.answers for i in spec.items)

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Only the items the student placed; an item's explanation names its category, so it
        is kept only where the student placed the item right."""
        return feedback.own(set(stored(response, "answers", dict)))

    def _grade(self, spec: ClassifySpec, response: ClassifyResponse) -> GradeResult:
        parts = [
            PartResult(
                item.id,
                response.answers.get(item.id) == item.category,
                feedback=item.explanation,
                expected=spec.label_of(item.category),
            )
            for item in spec.items
        ]
        return GradeResult.of(equal_shares([bool(p.correct) for p in parts]), parts=parts)

    def parse_form(self, spec: ClassifySpec, data: FormData, prefix: str) -> dict[str, Any]:
        answers = {i.id: data.get(f"{prefix}-{i.id}") for i in spec.items}
        return {"answers": {item: value for item, value in answers.items() if value}}

    def _timed_items(self, spec: ClassifySpec) -> int:
        return len(spec.items)
