"""Sections of a person's data kept by apps that the privacy app may not import (the LMS
links of `lti` sit beside `privacy` in the layers). Such an app registers a section when it
is ready; the privacy app's export and its class-scoped deletion go through every section, so
each app alone knows which of its rows are about a person."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    """`export(student, classrooms)`: the person's rows as JSON-ready data (classrooms None:
    the whole account); `erase(student, classrooms)`: delete their rows tied to those classes,
    returning how many (deleting the whole account cascades, or the app listens to it)."""

    name: str
    export: Callable[..., Any]
    erase: Callable[..., int]


_SECTIONS: dict[str, Section] = {}


def section_register(section: Section) -> None:
    _SECTIONS[section.name] = section


def sections() -> list[Section]:
    return list(_SECTIONS.values())
