"""A stored type key that is no longer registered reads as a placeholder: it renders a notice,
takes no answer and is never graded. Pure, no database."""

from fractions import Fraction

import pytest
from django.template.loader import render_to_string

from quizzes.types import GradeState, MissingType, ResponseError, UnknownType, registry

STORED_SPEC = {"choices": [{"id": "a", "text": "From when the type existed"}]}


def test_a_registered_key_gets_its_type_and_an_unknown_one_a_placeholder():
    assert registry.get_or_missing("classify") is registry.get("classify")
    qt = registry.get_or_missing("essay")
    assert isinstance(qt, MissingType)
    assert (qt.key, qt.auto_graded) == ("essay", False)
    assert repr(qt) == "<MissingType essay>"


def test_the_placeholder_is_never_registered():
    registry.get_or_missing("essay")
    assert "essay" not in registry
    assert len(registry) == 12
    with pytest.raises(UnknownType):
        registry.get("essay")


def test_whatever_the_lost_type_stored_is_read_as_nothing():
    qt = registry.get_or_missing("essay")
    spec = qt.parse_spec(STORED_SPEC)
    assert qt.public_spec(spec) == {"type": "essay"}
    assert qt.dump_response(qt.empty_response(spec)) == {}
    assert qt.dump_response(qt.correct_response(spec)) == {}
    assert qt.parse_form(spec, {"q1-choice": "a"}, "q1") == {}


@pytest.mark.parametrize("answer", [{"choice": "a"}, {"text": "An answer"}, "a", [1]])
def test_no_answer_is_accepted(answer):
    qt = registry.get_or_missing("essay")
    with pytest.raises(ResponseError) as refused:
        qt.parse_response(answer, qt.parse_spec(STORED_SPEC))
    assert "'essay' is no longer available" in refused.value.message


@pytest.mark.parametrize("stored", [None, {}, {"choice": "a"}, {"text": "An old answer"}])
def test_it_grades_as_ungraded_with_nothing_earned_whatever_was_stored(stored):
    qt = registry.get_or_missing("essay")
    spec = qt.parse_spec(STORED_SPEC)
    result = qt.grade(spec, stored if stored is not None else qt.empty_response(spec))
    assert (result.fraction, result.state, result.parts) == (Fraction(0), GradeState.UNGRADED, ())
    assert result.score(3) == 0
    assert qt.is_complete(spec, stored or {})
    assert qt.parse_response(None) == qt.empty_response(spec)


def test_its_template_is_a_notice_without_controls():
    qt = registry.get_or_missing("essay")
    html = render_to_string(qt.template, {"spec": qt.public_spec(qt.parse_spec({}))})
    assert "This question's type 'essay' is no longer available; it is not graded." in html
    assert 'data-missing-type="essay"' in html
    assert "<input" not in html and "<select" not in html and "<textarea" not in html


def test_the_notice_escapes_the_stored_key():
    qt = registry.get_or_missing("<b>x</b>")
    html = render_to_string(qt.template, {"spec": qt.public_spec(qt.parse_spec({}))})
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
