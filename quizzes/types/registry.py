"""The registry of question types by key, and its errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.utils.functional import Promise

from .base import QuestionType


class UnknownType(KeyError):
    """No question type is registered under this key."""


class AlreadyRegistered(ValueError):
    """A second question type claimed a key that is taken; keys are stored in data."""


class Registry:
    """Question types by key. Keys are stored in data, so a key can never be taken twice."""

    def __init__(self, missing: Callable[[str], QuestionType[Any, Any]]) -> None:
        self._types: dict[str, QuestionType[Any, Any]] = {}
        self._missing = missing  # the placeholder for a stored key no longer registered

    def register(self, qt: QuestionType[Any, Any]) -> QuestionType[Any, Any]:
        if qt.key in self._types:
            raise AlreadyRegistered(f"question type {qt.key!r} is already registered")
        self._types[qt.key] = qt
        return qt

    def get(self, key: str) -> QuestionType[Any, Any]:
        try:
            return self._types[key]
        except KeyError:
            raise UnknownType(key) from None

    def get_or_missing(self, key: str) -> QuestionType[Any, Any]:
        """The type of a stored question: a placeholder (`MissingType`, never graded) when its
        key is no longer registered, so the pages that show it do not fail."""
        return self._types[key] if key in self._types else self._missing(key)

    def keys(self) -> tuple[str, ...]:
        return tuple(self._types)

    def choices(self) -> list[tuple[str, str | Promise]]:
        """(key, label) pairs for a model field's `choices`."""
        return [(qt.key, qt.label) for qt in self._types.values()]

    def __contains__(self, key: object) -> bool:
        return key in self._types

    def __iter__(self) -> Iterator[QuestionType[Any, Any]]:
        return iter(tuple(self._types.values()))

    def __len__(self) -> int:
        return len(self._types)

    @contextmanager
    def override(self, *types: QuestionType[Any, Any]) -> Iterator[Registry]:
        """Register extra types for the duration of a test, then restore the registry."""
        saved = dict(self._types)
        try:
            for qt in types:
                self.register(qt)
            yield self
        finally:
            self._types = saved
