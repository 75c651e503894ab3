from fractions import Fraction

import pytest
from pydantic import ValidationError

from quizzes.types import Context, ResponseError, registry

qt = registry.get("matrix")

RAW = {
    "rows": [{"id": "toll", "text": "Death toll"}, {"id": "blame", "text": "Who was responsible"}],
    "columns": [{"id": "hrw", "text": "Helsinki Watch"}, {"id": "am", "text": "Armenia"}],
    "categories": [
        {"id": "agrees", "label": "Agrees"},
        {"id": "disagrees", "label": "Disagrees"},
        {"id": "silent", "label": "Not mentioned"},
    ],
    "cells": {
        "toll": {
            "hrw": {"category": "agrees", "explanation": "161 counted.", "sources": ["hrw-1992"]},
            "am": {"category": "disagrees"},
        },
        "blame": {"hrw": {"category": "agrees"}, "am": {"category": "silent"}},
    },
}
SPEC = qt.parse_spec(RAW)


@pytest.mark.parametrize(
    ("cells", "fraction"),
    [
        (
            {
                "toll": {"hrw": "agrees", "am": "disagrees"},
                "blame": {"hrw": "agrees", "am": "silent"},
            },
            1,
        ),
        (
            {"toll": {"hrw": "agrees", "am": "agrees"}, "blame": {"hrw": "agrees", "am": "silent"}},
            Fraction(3, 4),
        ),
        ({"toll": {"hrw": "agrees"}}, Fraction(1, 4)),
        ({}, 0),
    ],
)
def test_each_cell_earns_an_equal_share(cells, fraction):
    assert qt.grade(SPEC, {"cells": cells}).fraction == fraction


def test_each_cell_is_a_part_named_row_dot_column_with_its_explanation():
    part = qt.grade(SPEC, {"cells": {}}).parts[0]
    assert (part.id, part.correct, part.feedback, part.expected) == (
        "toll.hrw", False, "161 counted.", "Agrees",
    )  # fmt: skip


def test_complete_only_when_every_cell_is_answered():
    assert not qt.is_complete(SPEC, {"cells": {"toll": {"hrw": "agrees", "am": "agrees"}}})
    assert qt.is_complete(SPEC, qt.correct_response(SPEC))


@pytest.mark.parametrize(
    "cells",
    [
        {"x": {"hrw": "agrees"}},
        {"toll": {"x": "agrees"}},
        {"toll": {"hrw": "x"}},
        {"toll": "agrees"},
    ],
)
def test_unknown_rows_columns_or_categories_are_response_errors(cells):
    with pytest.raises(ResponseError):
        qt.parse_response({"cells": cells}, SPEC)


def test_every_cell_of_the_grid_needs_a_key():
    raw = RAW | {"cells": {"toll": RAW["cells"]["toll"], "blame": {"hrw": {"category": "nope"}}}}
    with pytest.raises(ValidationError) as caught:
        qt.parse_spec(raw)
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [
        (("cells", "blame", "hrw", "category"), "unknown category 'nope'"),
        (("cells", "blame"), "no key for column 'am'"),
    ]


def test_check_reports_unknown_sources_at_their_cell():
    ctx = Context(sentences={}, source_ids=frozenset({"dewaal-2003"}))
    assert qt.check(SPEC, ctx) == [
        (("cells", "toll", "hrw", "sources", 0), "unknown source 'hrw-1992'")
    ]


def test_public_spec_has_the_grid_but_no_cells():
    public = qt.public_spec(SPEC)
    assert set(public) == {"rows", "columns", "categories"}
