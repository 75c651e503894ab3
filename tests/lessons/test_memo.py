"""`{% memo %}`: a part of the page frame rendered once per process for each value it names,
the language, the time zone, the URL prefix and the URLconf (lessons/templatetags/sourcelab.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.urls import reverse, set_script_prefix
from django.utils import timezone, translation

from lessons.templatetags import sourcelab

MEMO = "{% load sourcelab %}{% memo role %}{{ role }}:{{ counter.next }}{% endmemo %}"


class Counter:
    """Counts how often the body was rendered."""

    def __init__(self):
        self.calls = 0

    def next(self):
        self.calls += 1
        return self.calls


@pytest.fixture(autouse=True)
def empty_memo():
    sourcelab._MEMO.clear()
    yield
    sourcelab._MEMO.clear()


def test_the_body_is_rendered_once_for_the_same_values_and_reused():
    template, counter = Template(MEMO), Counter()
    first = template.render(Context({"role": "student", "counter": counter}))
    second = template.render(Context({"role": "student", "counter": counter}))
    assert first == second == "student:1"
    assert counter.calls == 1


def test_another_value_renders_the_body_again():
    template, counter = Template(MEMO), Counter()
    template.render(Context({"role": "student", "counter": counter}))
    assert template.render(Context({"role": "teacher", "counter": counter})) == "teacher:2"


def test_another_language_renders_the_body_again():
    template = Template(
        "{% load i18n sourcelab %}{% memo %}{% translate 'Password' %}{% endmemo %}"
    )
    with translation.override("en"):
        english = template.render(Context())
    with translation.override("ru"):
        russian = template.render(Context())
    assert english == "Password"
    assert russian not in ("", english)


def test_a_changed_setting_empties_the_memo():
    template = Template(
        "{% load static sourcelab %}{% memo %}{% static 'css/sourcelab.css' %}{% endmemo %}"
    )
    assert template.render(Context()) == "/static/css/sourcelab.css"
    with override_settings(STATIC_URL="/assets/"):
        assert template.render(Context()) == "/assets/css/sourcelab.css"
    assert template.render(Context()) == "/static/css/sourcelab.css"


def test_another_url_prefix_renders_the_body_again():
    template = Template("{% load sourcelab %}{% memo %}{% url 'home' %}{% endmemo %}")
    before = template.render(Context())
    set_script_prefix("/school/")
    try:
        assert template.render(Context()) == "/school" + before
    finally:
        set_script_prefix("/")


def test_two_memo_blocks_never_share_an_entry():
    template = Template("{% load sourcelab %}{% memo %}a{% endmemo %}{% memo %}b{% endmemo %}")
    assert template.render(Context()) == "ab"


def test_the_navigation_follows_the_page_and_the_user(client, student, teacher):
    """The frame's memoised navigation still marks the current page and shows each role its
    own links, and the per-request parts (name, CSRF token, return path) stay per request."""
    client.force_login(student)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    skills = client.get(reverse("learning:skills")).content.decode()
    assert 'data-nav="student-home" aria-current="page"' in dashboard
    assert 'data-nav="student-skills" aria-current="page"' not in dashboard
    assert 'data-nav="student-skills" aria-current="page"' in skills
    assert f"Log out ({student.username})" in skills
    assert f'name="next" value="{reverse("learning:skills")}"' in skills
    client.force_login(teacher)
    classes = client.get(reverse("classroom:classroom_list")).content.decode()
    assert 'data-nav="teacher-home" aria-current="page"' in classes
    assert 'data-nav="student-home"' not in classes
    assert f"Log out ({teacher.username})" in classes


FILLED = (
    "{% load sourcelab %}{% memo role fill who=who csrf_token=csrf_token %}"
    "{{ role }}:{{ counter.next }}:{{ who }}|{% csrf_token %}{% endmemo %}"
)


def test_a_hole_is_filled_at_each_render_from_one_rendering_of_the_body():
    template, counter = Template(FILLED), Counter()
    first = template.render(
        Context({"role": "student", "who": "ana", "counter": counter, "csrf_token": "tokenA"})
    )
    second = template.render(
        Context({"role": "student", "who": "ben", "counter": counter, "csrf_token": "tokenB"})
    )
    assert counter.calls == 1
    assert first.startswith("student:1:ana|") and 'value="tokenA"' in first
    assert second.startswith("student:1:ben|") and 'value="tokenB"' in second


def test_a_filled_value_is_escaped_as_the_template_escapes_it():
    template = Template(FILLED)
    name = '<b>"Ann" & co</b>'
    direct = Template("{{ who }}").render(Context({"who": name}))
    shown = template.render(
        Context({"role": "x", "who": name, "counter": Counter(), "csrf_token": "t"})
    )
    assert f":{direct}|" in shown
    assert "<b>" not in shown


def test_a_value_that_spells_another_hole_is_shown_as_it_is():
    """Holes are filled in one pass: a name cannot smuggle in the CSRF token's place."""
    template = Template(FILLED)
    node = next(n for n in template.nodelist if isinstance(n, sourcelab.MemoNode))
    spelled = node.stand_ins["csrf_token"]
    shown = template.render(
        Context({"role": "x", "who": spelled, "counter": Counter(), "csrf_token": "secret"})
    )
    assert f":{spelled}|" in shown
    assert shown.count("secret") == 1


def test_fill_without_a_name_and_value_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load sourcelab %}{% memo fill %}x{% endmemo %}")
    with pytest.raises(TemplateSyntaxError):
        Template("{% load sourcelab %}{% memo fill who %}x{% endmemo %}")


def test_eleven_holes_are_each_filled_with_their_own_value():
    """No stand-in begins another: hole 1's is not the start of hole 10's."""
    names = [f"h{n}" for n in range(12)]
    fill = " ".join(f"{name}={name}" for name in names)
    body = ",".join(f"{{{{ {name} }}}}" for name in names)
    template = Template(f"{{% load sourcelab %}}{{% memo fill {fill} %}}{body}{{% endmemo %}}")
    values = {name: chr(ord("A") + n) for n, name in enumerate(names)}
    assert template.render(Context(values)) == ",".join(values.values())


def test_another_time_zone_renders_the_body_again():
    """A date in the body is shown in the active time zone: each zone gets its own entry."""
    template = Template("{% load sourcelab %}{% memo when %}{{ when|date:'H:i' }}{% endmemo %}")
    when = datetime(2031, 3, 8, 19, 59, tzinfo=ZoneInfo("UTC"))
    with timezone.override(ZoneInfo("Asia/Baku")):
        assert template.render(Context({"when": when})) == "23:59"
    with timezone.override(ZoneInfo("Europe/Paris")):
        assert template.render(Context({"when": when})) == "20:59"
