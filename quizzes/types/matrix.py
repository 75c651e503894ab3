"""matrix: put every cell of a rows x columns grid into a category (claim x source ->
agrees / disagrees / not mentioned)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field

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
    MAX_RESPONSE_ITEMS,
    Category,
    Id,
    Labeled,
    Note,
    Response,
    ResponseId,
    Spec,
    duplicate_ids,
    unknown,
)


class MatrixCell(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    category: Id
    explanation: Note = ""
    sources: list[Id] = []


class MatrixSpec(Spec):
    rows: list[Labeled] = Field(min_length=1, max_length=30)
    columns: list[Labeled] = Field(min_length=1, max_length=12)
    categories: list[Category] = Field(min_length=2, max_length=8)
    cells: dict[Id, dict[Id, MatrixCell]]  # row id -> column id -> the key of that cell

    def issues(self) -> Iterator[Issue]:
        yield from duplicate_ids((r.id for r in self.rows), ("rows",))
        yield from duplicate_ids((c.id for c in self.columns), ("columns",))
        yield from duplicate_ids((c.id for c in self.categories), ("categories",))
        rows = {r.id for r in self.rows}
        columns = {c.id for c in self.columns}
        categories = {c.id for c in self.categories}
        for row, by_column in self.cells.items():
            if row not in rows:
                yield ("cells", row), unknown("row", row, [r.id for r in self.rows])
                continue
            for column, cell in by_column.items():
                if column not in columns:
                    yield (
                        ("cells", row, column),
                        unknown("column", column, [c.id for c in self.columns]),
                    )
                elif cell.category not in categories:
                    yield (
                        ("cells", row, column, "category"),
                        unknown("category", cell.category, [c.id for c in self.categories]),
                    )
        for row in self.rows:
            for column in self.columns:
                if column.id not in self.cells.get(row.id, {}):
                    yield ("cells", row.id), f"no key for column {column.id!r}"

    def grid(self) -> Iterator[tuple[str, str, MatrixCell]]:
        """Every (row id, column id, cell), row by row."""
        for row in self.rows:
            for column in self.columns:
                yield row.id, column.id, self.cells[row.id][column.id]

    def label_of(self, category_id: str) -> str:
        return next(c.label for c in self.categories if c.id == category_id)


class MatrixResponse(Response):
    cells: dict[ResponseId, dict[ResponseId, ResponseId]] = Field(
        default={}, max_length=MAX_RESPONSE_ITEMS
    )


class Matrix(QuestionType[MatrixSpec, MatrixResponse]):
    key = "matrix"
    editor_widgets: ClassVar[Mapping[str, str]] = {
        "cells": "grid:rows:columns:categories",
        "cells.category": "choice_of:categories",
    }
    seconds_per_item = 15
    label = _("Matrix")
    spec_model = MatrixSpec
    response_model = MatrixResponse

    def check(self, spec: MatrixSpec, ctx: Context) -> list[Issue]:
        return [
            (("cells", row, column, "sources", j), unknown("source", source))
            for row, column, cell in spec.grid()
            for j, source in enumerate(cell.sources)
            if source not in ctx.source_ids
        ]

    def public_spec(self, spec: MatrixSpec) -> dict[str, Any]:
        return {
            "rows": [{"id": r.id, "text": r.text} for r in spec.rows],
            "columns": [{"id": c.id, "text": c.text} for c in spec.columns],
            "categories": [{"id": c.id, "label": c.label} for c in spec.categories],
        }

    def _part_labels(self, public_spec: Mapping[str, Any]) -> Iterable[PartLabel]:
        yield from labelled(public_spec.get("rows"))
        yield from labelled(public_spec.get("columns"))

    def value_labels(self, public_spec: Mapping[str, Any]) -> dict[str, str]:
        return {c.id: c.text for c in labelled(public_spec.get("categories"))}

    def _validate_response(self, spec: MatrixSpec, response: MatrixResponse) -> None:
        rows = {r.id for r in spec.rows}
        columns = {c.id for c in spec.columns}
        categories = {c.id for c in spec.categories}
        for row, by_column in response.cells.items():
            if row not in rows:
                raise ResponseError(_("Unknown row %(row)r.") % {"row": row})
            for column, category in by_column.items():
                if column not in columns:
                    raise ResponseError(_("Unknown column %(column)r.") % {"column": column})
                if category not in categories:
                    raise ResponseError(
                        _("Unknown category %(category)r.") % {"category": category}
                    )

    def _canonical(self, spec: MatrixSpec, response: MatrixResponse) -> MatrixResponse:
        """Rows and columns in the spec's order; a row with no answer is left out."""
        cells: dict[str, dict[str, str]] = {}
        for row, column, _cell in spec.grid():
            if (chosen := response.cells.get(row, {}).get(column)) is not None:
                cells.setdefault(row, {})[column] = chosen
        return MatrixResponse(cells=cells)

    def empty_response(self, spec: MatrixSpec) -> MatrixResponse:
        return MatrixResponse(cells={})

    def correct_response(self, spec: MatrixSpec) -> MatrixResponse:
        return MatrixResponse(
            cells={
                r.id: {c.id: spec.cells[r.id][c.id].category for c in spec.columns}
                for r in spec.rows
            }
        )

    def _is_complete(self, spec: MatrixSpec, response: MatrixResponse) -> bool:
        return all(column in response.cells.get(row, {}) for row, column, _cell in spec.grid())

    def feedback_without_key(
        self, feedback: Feedback, *, response: Mapping[str, Any] | None, public_spec: Mapping
    ) -> Feedback:
        """Only the cells the student filled ("row.column"); a cell's explanation names its
        category, so it is kept only where the student's category is right."""
        cells = stored(response, "cells", dict)
        return feedback.own(
            {
                f"{row}.{column}"
                for row, columns in cells.items()
                if isinstance(columns, Mapping)
                for column in columns
            }
        )

    def _grade(self, spec: MatrixSpec, response: MatrixResponse) -> GradeResult:
        parts = [
            PartResult(
                f"{row}.{column}",
                response.cells.get(row, {}).get(column) == cell.category,
                feedback=cell.explanation,
                expected=spec.label_of(cell.category),
            )
            for row, column, cell in spec.grid()
        ]
        return GradeResult.of(equal_shares([bool(p.correct) for p in parts]), parts=parts)

    def parse_form(self, spec: MatrixSpec, data: FormData, prefix: str) -> dict[str, Any]:
        cells: dict[str, dict[str, Any]] = {}
        for row, column, _cell in spec.grid():
            if value := data.get(f"{prefix}-{row}.{column}"):
                cells.setdefault(row, {})[column] = value
        return {"cells": cells}

    def _timed_items(self, spec: MatrixSpec) -> int:
        return len(spec.rows) * len(spec.columns)
