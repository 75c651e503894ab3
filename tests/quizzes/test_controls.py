"""The quiz page's answer controls come from the cache exactly as the type's template renders
them, and any change to what they show (the answer, the question edited in place, the order,
the language) is another entry, never the stale one."""

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from quizzes.controls import controls_render
from quizzes.models import Question
from quizzes.selectors import Item
from quizzes.types import registry
from tests.quizzes.types.test_type_properties import PROPERTY, cases, responses
from tests.template_renders import Renders


def item_for(qt, spec, response, *, prompt="Which one?", pk=7) -> Item:
    question = Question(pk=pk, version=1, type=qt.key, prompt=prompt, spec=qt.dump_spec(spec))
    return Item(number=1, question=question, qtype=qt, spec=qt.public_spec(spec), response=response)


def direct(item: Item) -> str:
    context = {"question": item, "spec": item.spec, "response": item.response, "disabled": False}
    return render_to_string(item.qtype.template, context)


@pytest.mark.parametrize("key", registry.keys())
@PROPERTY
@given(data=st.data())
def test_controls_from_the_cache_are_what_the_template_renders_for_that_answer(key, data):
    qt, spec, _ctx = data.draw(cases(key))
    response = data.draw(st.one_of(st.none(), responses(key, spec)))
    cache.clear()
    first = item_for(qt, spec, response)
    controls_render([first], disabled=False)
    again = item_for(qt, spec, response)
    with Renders("quizzes/types/") as renders:
        controls_render([again], disabled=False)
    assert renders.names == []  # the second page came from the cache
    assert first.controls_html == again.controls_html == direct(again)


def single_choice():
    qt = registry.get("single_choice")
    spec = qt.parse_spec(
        {
            "choices": [
                {"id": "a", "text": "Refugees", "correct": True},
                {"id": "b", "text": "Soldiers", "correct": False},
            ]
        }
    )
    return qt, spec


def rendered(item: Item) -> str:
    controls_render([item], disabled=False)
    return str(item.controls_html)


def test_another_answer_is_another_entry():
    cache.clear()
    qt, spec = single_choice()
    assert "checked" not in rendered(item_for(qt, spec, None))
    chosen = rendered(item_for(qt, spec, {"choice": "b"}))
    assert "checked" in chosen and chosen == direct(item_for(qt, spec, {"choice": "b"}))
    assert chosen != rendered(item_for(qt, spec, {"choice": "a"}))


def test_a_question_edited_in_place_shows_its_new_text():
    """An unanswered question is edited in place (same id and version): not the old entry."""
    cache.clear()
    qt, spec = single_choice()
    assert "Soldiers" in rendered(item_for(qt, spec, None))
    edited = qt.parse_spec(
        {
            "choices": [
                {"id": "a", "text": "Refugees", "correct": True},
                {"id": "b", "text": "Journalists", "correct": False},
            ]
        }
    )
    html = rendered(item_for(qt, edited, None))
    assert "Journalists" in html and "Soldiers" not in html
    assert "New prompt" in rendered(item_for(qt, edited, None, prompt="New prompt"))


def test_another_order_and_another_language_are_other_entries():
    cache.clear()
    qt, spec = single_choice()
    item = item_for(qt, spec, None)
    in_order = rendered(item)
    item.spec = {**item.spec, "choices": list(reversed(item.spec["choices"]))}
    reordered = rendered(item)
    assert reordered.index("Soldiers") < reordered.index("Refugees")
    assert in_order.index("Refugees") < in_order.index("Soldiers")
    true_false = registry.get("true_false")
    tf_spec = true_false.parse_spec({"answer": True})
    with translation.override("en"):
        english = rendered(item_for(true_false, tf_spec, None, pk=8))
    with translation.override("ru"):
        russian = rendered(item_for(true_false, tf_spec, None, pk=8))
    assert english != russian
    with translation.override("ru"):
        assert russian == direct(item_for(true_false, tf_spec, None, pk=8))


def test_an_input_orjson_refuses_still_gets_its_own_entry():
    """An integer beyond 64 bits is keyed by the standard library's JSON: rendered, not a 500,
    and another entry than a small number's."""
    cache.clear()
    qt, spec = single_choice()
    huge = item_for(qt, spec, None, pk=2**70)
    small = item_for(qt, spec, None, pk=2**6)
    assert rendered(huge) == direct(huge)
    with Renders("quizzes/types/") as renders:
        rendered(small)
    assert renders.names  # not the huge one's entry
