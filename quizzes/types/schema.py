"""Pydantic building blocks shared by the question types' spec and response schemas."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic_core import PydanticCustomError

from core.suggest import did_you_mean

Loc = tuple[str | int, ...]
Issue = tuple[Loc, str]

# Ids never contain "." so generated ids can join two of them ("s3.w5", "row.column").
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"

# Django templates resolve `mapping.items` as the key "items" before the method, so an id
# "items" would break the templates that iterate over a response's mapping.
RESERVED_IDS = frozenset({"items"})


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"{value!r} is reserved; choose another id")
    return value


def at_most(limit: int, why: str) -> AfterValidator:
    """A bound on a number, with its reason for the author: "must be at most 5000 (...)"."""

    def check(value: Any) -> Any:
        if value is not None and value > limit:
            raise ValueError(f"must be at most {limit} ({why})")
        return value

    return AfterValidator(check)


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN), AfterValidator(_not_reserved)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
# Optional prose (feedback, explanation): "" means none.
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]

# Responses: ids are checked against the spec, these caps only keep junk small.
ResponseId = Annotated[str, StringConstraints(max_length=100)]
MAX_RESPONSE_ITEMS = 5_000
ResponseIds = Annotated[list[ResponseId], Field(max_length=MAX_RESPONSE_ITEMS)]
ResponseMap = Annotated[dict[ResponseId, ResponseId], Field(max_length=MAX_RESPONSE_ITEMS)]


def empty_means_none(model: type[BaseModel], data: Any) -> Any:
    """``data`` without the optional lists and mappings left empty (``unknown:`` or
    ``unknown: null``), so that they take their default, as the package format promises:
    "empty means none". A required field left empty is still refused."""
    if not isinstance(data, dict):
        return data
    fields = model.model_fields
    return {
        name: value
        for name, value in data.items()
        if not (value is None and name in fields and _defaults_to_empty(fields[name]))
    }


def _defaults_to_empty(field: Any) -> bool:
    if field.is_required():
        return False
    return field.default_factory is not None or isinstance(field.default, list | dict | BaseModel)


class Spec(BaseModel):
    """Base of every spec: unknown fields are errors, and `issues()` adds semantic checks.

    All issues are reported together, each at its own path (`choices.2.id`), as one
    pydantic ValidationError, also when the spec is nested in another (two_part).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, data: Any) -> Any:
        return empty_means_none(cls, data)

    def issues(self) -> Iterator[Issue]:
        """Semantic problems (duplicate ids, dangling references...) as (path, message)."""
        return iter(())

    @model_validator(mode="wrap")
    @classmethod
    def _report_issues(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        spec = handler(data)
        errors = [
            {
                "type": PydanticCustomError("invalid_spec", "{detail}", {"detail": message}),
                "loc": loc,
                "input": None,
            }
            for loc, message in spec.issues()
        ]
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)  # type: ignore[arg-type]
        return spec


class Response(BaseModel):
    """Base of every response: strict JSON types, unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Labeled(BaseModel):
    """Something shown with a text: a prompt, an option, a row, a column, an item to order."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: Id
    text: Text


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: Id
    label: Text


def duplicate_ids(ids: Iterable[str], loc: Loc) -> Iterator[Issue]:
    """An issue at `(*loc, index, "id")` for every id already seen earlier in the list."""
    seen: set[str] = set()
    for index, id_ in enumerate(ids):
        if id_ in seen:
            yield (*loc, index, "id"), f"duplicate id {id_!r}"
        seen.add(id_)


def unknown(kind: str, value: str, known: Iterable[str] = ()) -> str:
    """``unknown column 'minuts': did you mean 'minutes'?`` when one of ``known`` is close."""
    return f"unknown {kind} {value!r}{did_you_mean(value, known)}"


_SENTENCE_NUMBER = re.compile(r"\A\s*(?:s(?:entence)?)?\s*0*(\d+)\s*\Z", re.IGNORECASE)


def unknown_sentence(value: str, sentences: Sequence[str]) -> str:
    """An unknown sentence id, with the document's ids as a range ("s1 to s31") and the id meant
    when it was written another way ("S4", "4", "sentence 4", "s04")."""
    if not sentences:
        return f"unknown sentence {value!r}"
    found = _SENTENCE_NUMBER.match(str(value))
    meant = f"s{int(found.group(1))}" if found else None
    hint = f": did you mean '{meant}'?" if meant in sentences else ""
    return f"unknown sentence {value!r}{hint} (the document has {sentences[0]} to {sentences[-1]})"


class Choice(BaseModel):
    """A choice of single_choice and multiple_choice; `feedback` is shown once chosen."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    id: Id
    text: Text
    correct: bool = False
    feedback: Note = ""


Choices = Annotated[list[Choice], Field(min_length=2, max_length=50)]
