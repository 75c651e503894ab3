"""order: put items in order; credit for every pair of items in the right relative order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from itertools import combinations
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from pydantic import Field

from .base import FormData, GradeResult, Issue, PartResult, QuestionType, ResponseError
from .keyfree import Feedback, stored
from .parts import PartLabel, Pick, labelled
from .schema import Labeled, Response, ResponseIds, Spec, duplicate_ids


class OrderSpec(Spec):
    items: list[Labeled] = Field(min_length=2, max_length=30)  # in the correct order

    def issues(self) -> Iterator[Issue]:
        yield from duplicate_ids((i.id for i in self.items), ("items",))


class OrderResponse(Response):
    order: ResponseIds = []  # a permutation of the item ids, or [] for unanswered


class Order(QuestionType[OrderSpec, OrderResponse]):
    key = "order"
    editor_widgets: ClassVar[Mapping[str, str]] = {"items": "ordered"}
    seconds_per_item = 15
    label = _("Order")
    spec_model = OrderSpec
    response_model = OrderResponse

    def public_spec(self, spec: OrderSpec) -> dict[str, Any]:
        return {
            "items": [{"id": i.id, "text": i.text} for i in display_order(spec)],
            "positions": list(range(1, len(spec.items) + 1)),
        }

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        return labelled(public_spec.get("items"))

    def _picks(self, data: Mapping[str, Any]) -> list[Pick]:
        """What counts is where each item was put: (item, position)."""
        return [
            (str(item), str(position)) for position, item in enumerate(data.get("order") or [], 1)
        ]

    def _validate_response(self, spec: OrderSpec, response: OrderResponse) -> None:
        if not response.order:
            return
        ids = [i.id for i in spec.items]
        if "" in response.order:  # parse_form's mark for a position given to no single item
            raise ResponseError(
                _("Give every item a different position from 1 to %(n)d.") % {"n": len(ids)}
            )
        for item in response.order:
            if item not in ids:
                raise ResponseError(_("Unknown item %(item)r.") % {"item": item})
        if sorted(response.order) != sorted(ids):
            raise ResponseError(
                _("Give every item a different position from 1 to %(n)d.") % {"n": len(ids)}
            )

    def empty_response(self, spec: OrderSpec) -> OrderResponse:
        return OrderResponse(order=[])

    def correct_response(self, spec: OrderSpec) -> OrderResponse:
        return OrderResponse(order=[i.id for i in spec.items])

    def _is_complete(self, spec: OrderSpec, response: OrderResponse) -> bool:
        return bool(response.order)

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Whether each item stands where the student put it; never the position it takes."""
        return feedback.own({str(item) for item in stored(response, "order", list)})

    def _grade(self, spec: OrderSpec, response: OrderResponse) -> GradeResult:
        if not response.order:
            return GradeResult.of(Fraction(0))
        given = {item: n for n, item in enumerate(response.order)}
        pairs = list(combinations([i.id for i in spec.items], 2))  # (earlier, later) in the key
        in_order = sum(given[earlier] < given[later] for earlier, later in pairs)
        parts = [
            PartResult(item.id, given[item.id] == n, expected=str(n + 1))
            for n, item in enumerate(spec.items)
        ]
        return GradeResult.of(Fraction(in_order, len(pairs)), parts=parts)

    def parse_form(self, spec: OrderSpec, data: FormData, prefix: str) -> dict[str, Any]:
        """The item in each position 1..n; "" where no single item has that position, which
        parse_response refuses with a message the student can act on. All blank: unanswered."""
        positions = {i.id: data.get(f"{prefix}-{i.id}") or "" for i in spec.items}
        if not any(positions.values()):
            return {"order": []}
        slots = [
            [item for item, position in positions.items() if position == str(n)]
            for n in range(1, len(spec.items) + 1)
        ]
        return {"order": [slot[0] if len(slot) == 1 else "" for slot in slots]}

    def _timed_items(self, spec) -> int:
        return len(spec.items)


def display_order(spec: OrderSpec) -> list[Labeled]:
    """The items in a fixed order that is never the key's: sorted by a hash of their ids
    (stable across processes, unlike hash()), rotated by one if that happens to be the key."""
    shown = sorted(spec.items, key=lambda i: hashlib.sha256(i.id.encode()).hexdigest())
    return shown[1:] + shown[:1] if shown == spec.items else shown
