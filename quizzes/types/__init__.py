"""The question-type engine: pure specs, responses and graders, one module per type.

    from quizzes.types import registry
    qt = registry.get("classify")          # or registry.get_or_missing(key) for a stored key
    spec = qt.prepare(qt.parse_spec(data), ctx)
    result = qt.grade(spec, qt.parse_response(raw, spec))

See docs/question-types.md for every type's spec, response and partial-credit rule.
"""

from .base import (
    Context,
    FormData,
    GradeResult,
    GradeState,
    Issue,
    PartResult,
    QuestionType,
    ResponseError,
    SpecError,
)
from .classify import Classify
from .free_text import FreeText
from .keyfree import Feedback
from .match import Match
from .matrix import Matrix
from .missing import MissingType
from .multiple_choice import MultipleChoice
from .numeric import Numeric
from .order import Order
from .parts import PartLabel, PartLabels, Pick
from .registry import AlreadyRegistered, Registry, UnknownType
from .select import Select
from .short_text import ShortText
from .single_choice import SingleChoice
from .true_false import TrueFalse
from .two_part import TwoPart

# A stored key that is no longer registered reads as a MissingType placeholder, never graded.
registry = Registry(missing=MissingType)
for _type in (
    SingleChoice,
    MultipleChoice,
    TrueFalse,
    Classify,
    Select,
    Match,
    Order,
    ShortText,
    Numeric,
    Matrix,
    FreeText,
    TwoPart,
):
    registry.register(_type())

__all__ = [
    "AlreadyRegistered",
    "Context",
    "Feedback",
    "FormData",
    "GradeResult",
    "GradeState",
    "Issue",
    "MissingType",
    "PartLabel",
    "PartLabels",
    "PartResult",
    "Pick",
    "QuestionType",
    "Registry",
    "ResponseError",
    "SpecError",
    "UnknownType",
    "registry",
]
