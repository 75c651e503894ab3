"""The login page and the dashboard draw their empty forms from the cache, exactly as
crispy-forms draws them; a form with anything of the person in it is drawn afresh, and a
change to what a field shows is another entry, never the stale one."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils import translation

from accounts.forms import JoinCodeForm
from core.local_cache import local_caches_clear
from lessons.templatetags.sourcelab import form_fields
from tests.template_renders import Renders

FIELDS_TEMPLATE = "core/_form_fields.html"


@pytest.fixture(autouse=True)
def _nothing_kept():
    local_caches_clear()
    yield
    local_caches_clear()


@pytest.mark.parametrize("make", [JoinCodeForm, AuthenticationForm])
def test_an_empty_form_is_drawn_once_then_read_as_crispy_drew_it(make):
    with Renders(FIELDS_TEMPLATE) as first:
        drawn = form_fields(make())
    with Renders(FIELDS_TEMPLATE) as again:
        kept = form_fields(make())
    assert first.names == [FIELDS_TEMPLATE] and again.names == []
    assert drawn == kept == as_crispy_form(make())


def test_other_app_servers_read_it_from_the_shared_cache():
    form_fields(JoinCodeForm())
    local_caches_clear()  # another process: nothing of its own yet
    with Renders(FIELDS_TEMPLATE) as renders:
        html = form_fields(JoinCodeForm())
    assert renders.names == [] and 'name="join_code"' in html


def test_a_form_with_what_was_typed_and_its_errors_is_drawn_afresh():
    form_fields(JoinCodeForm())
    typed = JoinCodeForm(data={"join_code": "!!!"})
    with Renders(FIELDS_TEMPLATE) as renders:
        html = form_fields(typed)
    assert renders.names == []  # crispy's own filter, not the cached template
    assert 'value="!!!"' in html and "Type the class code your teacher gave you." in html
    assert html == as_crispy_form(JoinCodeForm(data={"join_code": "!!!"}))


class Relabelled(JoinCodeForm):
    pass


@pytest.mark.parametrize(
    "change",
    [
        lambda form: setattr(form.fields["join_code"], "label", "Code from your teacher"),
        lambda form: setattr(form.fields["join_code"], "help_text", "Six letters."),
        lambda form: form.fields["join_code"].widget.attrs.update(maxlength="6"),
        lambda form: setattr(form.fields["join_code"], "required", False),
        lambda form: setattr(form, "prefix", "other"),
    ],
    ids=["label", "help", "attribute", "required", "prefix"],
)
def test_what_a_field_shows_is_part_of_the_key(change):
    before = form_fields(Relabelled())
    changed = Relabelled()
    change(changed)
    after = form_fields(changed)
    assert after != before
    fresh = Relabelled()
    change(fresh)
    assert after == as_crispy_form(fresh)


def test_each_language_has_its_own_entry():
    english = form_fields(JoinCodeForm())
    with translation.override("ru"):
        russian = form_fields(JoinCodeForm())
        assert russian == as_crispy_form(JoinCodeForm())
    assert russian != english and "Class code" in english


class Dated(forms.Form):
    on = forms.DateField(initial=lambda: "2026-12-06")


@pytest.mark.parametrize(
    "make",
    [Dated, lambda: JoinCodeForm(initial={"join_code": lambda: "ABC123"})],
    ids=["field", "form"],
)
def test_a_form_whose_initial_value_is_computed_each_time_is_not_kept(make):
    with Renders(FIELDS_TEMPLATE) as renders:
        html = form_fields(make())
    assert renders.names == [] and html == as_crispy_form(make())
    assert 'value="2026-12-06"' in html or 'value="ABC123"' in html


@pytest.mark.django_db
def test_the_login_page_and_the_dashboard_show_the_kept_forms(client, student):
    login = client.get(reverse("accounts:login")).content.decode()
    assert as_crispy_form(AuthenticationForm()) in login
    client.force_login(student)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert as_crispy_form(JoinCodeForm()) in dashboard
