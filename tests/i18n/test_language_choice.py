"""Which language a page speaks: the user's saved choice, else the switcher's cookie, else the
browser's; the switcher on every page; `lang` and `dir` on <html>."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)" dir="(ltr|rtl)"', response.content.decode()).group(1)


def test_a_visitor_gets_the_language_their_browser_asks_for(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert html_lang(response) == "ru"


def test_an_unknown_browser_language_falls_back_to_english(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="tlh")
    assert html_lang(response) == "en"


def test_every_page_offers_the_switcher_with_each_language_in_its_own_name(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert f'action="{reverse("accounts:language_set")}"' in page
    for code, name in [("az", "Azərbaycanca"), ("ru", "Русский"), ("hy", "հայերեն")]:
        assert f'<option value="{code}" lang="{code}">{name}</option>' in page


def test_the_switcher_sets_the_language_for_a_visitor_and_returns_to_the_page(client):
    login = reverse("accounts:login")
    response = client.post(reverse("accounts:language_set"), {"language": "hy", "next": login})
    assert response.status_code == 302 and response.url == login
    assert html_lang(client.get(login, HTTP_ACCEPT_LANGUAGE="ru")) == "hy"


def test_a_signed_in_users_choice_is_saved_and_follows_them_to_another_browser(client, student):
    client.force_login(student)
    client.post(reverse("accounts:language_set"), {"language": "az", "next": "/"})
    student.refresh_from_db()
    assert student.language == "az"

    other_browser = client.__class__()
    other_browser.post(
        reverse("accounts:login"), {"username": student.username, "password": PASSWORD}
    )
    page = other_browser.get(reverse("learning:dashboard"), HTTP_ACCEPT_LANGUAGE="ru")
    assert html_lang(page) == "az"


def test_without_a_saved_choice_a_signed_in_user_gets_the_browsers_language(client, student):
    client.force_login(student)
    page = client.get(reverse("learning:dashboard"), HTTP_ACCEPT_LANGUAGE="hy")
    assert html_lang(page) == "hy"


def test_an_unknown_language_is_refused_with_a_400_and_saves_nothing(client, student):
    client.force_login(student)
    response = client.post(reverse("accounts:language_set"), {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert User.objects.get(pk=student.pk).language == ""


def test_the_interface_offers_english_azerbaijani_russian_and_armenian():
    codes = [code for code, _ in settings.LANGUAGES if code != settings.PSEUDO_LANGUAGE]
    assert codes == ["en", "az", "ru", "hy"]


def test_the_html_direction_follows_the_language(client, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("he", "Hebrew")]
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert '<html lang="he" dir="rtl">' in page


def test_azerbaijani_is_written_left_to_right(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="az").content.decode()
    assert '<html lang="az" dir="ltr">' in page
