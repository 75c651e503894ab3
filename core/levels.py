"""Reading levels: the one shape of a text written twice, and the one rule that picks the text
a reader sees (docs/lesson-format.md, "Reading levels").

Pure, so that every layer uses the same rule: a step's body and a question's prompt and
feedback (``lessons``, ``quizzes``), and the prose inside a question's spec
(``quizzes.types.levels``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

STANDARD = "standard"
SIMPLER = "simpler"
LEVELS: tuple[str, ...] = (STANDARD, SIMPLER)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class Levels(BaseModel):
    """One prose field at two reading levels; students see the standard one by default."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    standard: Annotated[str, AfterValidator(_not_blank)]
    simpler: Annotated[str, AfterValidator(_not_blank)]


def at_level(level: str, standard: str, simpler: str | None) -> str:
    """The text a reader at ``level`` sees: the simpler one when they read at the simpler
    level and the author wrote it, else the standard one."""
    return simpler if level == SIMPLER and simpler else standard
