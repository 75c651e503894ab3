"""The app has its own icon: no 404 for /favicon.ico on every first page, and an icon and a name
when a student adds the app to a phone's home screen."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_links_the_icons_and_the_manifest(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'rel="icon" href="/static/icons/favicon.ico"' in html
    assert 'href="/static/icons/favicon.svg" type="image/svg+xml"' in html
    assert 'rel="apple-touch-icon"' in html
    assert f'rel="manifest" href="{reverse("web_manifest")}"' in html


def test_favicon_ico_at_the_root_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/icons/favicon.ico"
    assert finders.find("icons/favicon.ico")


def test_the_web_manifest_names_the_app_and_lists_icons_that_exist(client):
    response = client.get(reverse("web_manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["name"] == "Source Lab"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_the_icon_addresses_take_no_post(client):
    assert client.post("/favicon.ico").status_code == 405
