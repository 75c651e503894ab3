"""The interface in every language, in a real Chromium: a student's pages (dashboard, every
step of the Khojaly lesson, the quiz, the result, the skills page) and the teacher's progress
pages (classes, progress grid, a student's work, the analysis).

In the pseudo-locale (docs/translation.md) every string from a catalogue comes out as
"[!! Šţŕîñĝ !!]", so any visible text that is neither wrapped nor lesson content (document
text, prose, questions, names of people and classes, from the database) is interface text
that no catalogue translates: an unmarked string, or one the catalogues miss. In English,
Azerbaijani, Russian and Armenian the same walk checks the `lang` attribute and axe-core, and
(but in English) that no text the catalogue translates is shown in English.
"""

from __future__ import annotations

import json
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from accounts.models import User
from classroom.demo import DEMO_ACCOUNTS, DEMO_CLASS_NAME
from classroom.models import Assignment, Classroom

STUDENT = next(a for a in DEMO_ACCOUNTS if a.username == "student1")
TEACHER = next(a for a in DEMO_ACCOUNTS if a.username == "teacher")
KHOJALY = "khojaly-1992"
PSEUDO = settings.PSEUDO_LANGUAGE

# Every visible text node and every text-bearing attribute, in document order. Left out:
# what `translate="no"` marks (the languages' own names, zone names), lesson content rendered
# by the markdown filters (`data-content`), the document under study (`.document`) and the
# questions' prompts (`.prompt`).
COLLECT = """() => {
  const out = [];
  const skip = (el) => el.closest('script, style, noscript, template, [translate="no"], ' +
    '[data-content], .document, .prompt');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || skip(el) || !node.textContent.trim()) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    out.push(node.textContent);
  }
  const labelled = '[aria-label], [title], [placeholder], [alt], ' +
    'input[type=submit], input[type=button]';
  for (const el of document.querySelectorAll(labelled)) {
    if (skip(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (el.hasAttribute(name)) out.push('\\u0001' + el.getAttribute(name) + '\\u0001');
    }
    if (el.matches('input[type=submit], input[type=button]')) {
      out.push('\\u0001' + el.value + '\\u0001');
    }
  }
  out.push('\\u0001' + document.title + '\\u0001');
  return out;
}"""

# A wrapped string, also when a chart breaks it over lines (one text node a line).
WRAPPED = re.compile(r"\[!![\s\u0000].*?[\s\u0000]!!\]", re.S)
LETTER = re.compile(r"[^\W\d_]")


def _normal(text: str) -> str:
    """Words only: markup around content (citation brackets, quotes, line breaks) aside."""
    return " ".join(re.sub(r"[\W_]+", " ", text).casefold().split())


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


class Content:
    """Everything that is content, not interface: every text of the lessons and questions as
    loaded from seeds/, and the names of people and classes."""

    def __init__(self) -> None:
        texts: list[str] = []
        models = [
            *apps.get_app_config("lessons").get_models(),
            apps.get_model("quizzes.Quiz"),
            apps.get_model("quizzes.Question"),
        ]
        for model in models:
            fields = [f.attname for f in model._meta.concrete_fields]
            for row in model.objects.values_list(*fields):
                texts += _strings(list(row))
        for user in User.objects.all():
            texts += [user.username, user.display_name, str(user)]
        for classroom in Classroom.objects.all():
            texts += [classroom.name, classroom.join_code_display]
        self.fields = {_normal(t) for t in texts}
        self.corpus = " | " + " | ".join(self.fields) + " | "

    def __contains__(self, fragment: str) -> bool:
        """A whole field (a name, a title, a key), or a passage of four words or more of one
        (prose rendered in pieces). A short piece of English inside a field does not count."""
        words = _normal(fragment)
        if words in self.fields:
            return True
        return len(words.split()) >= 4 and f" {words} " in self.corpus


def untranslated(page, content: Content) -> list[str]:
    """The pieces of visible text not wrapped by the pseudo-locale and not content."""
    pieces = page.evaluate(COLLECT)
    joined = "\u0000".join(pieces)
    leftover = WRAPPED.sub("\u0000", joined)
    found = []
    for fragment in re.split(r"[\u0000\u0001·]", leftover):
        if LETTER.search(fragment) and fragment not in content:
            found.append(fragment.strip())
    return found


def khojaly_assignment() -> Assignment:
    return Assignment.objects.select_related("lesson").get(
        classroom__name=DEMO_CLASS_NAME, lesson__slug=KHOJALY
    )


def sign_in(page, live_server, account) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(account.username)
    page.locator("#id_password").fill(account.password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def walk(page, live_server):
    """Yield after each page of the student's flow, then of the teacher's progress pages."""
    assignment = khojaly_assignment()
    base = live_server.url
    sign_in(page, live_server, STUDENT)
    page.goto(f"{base}/lessons/")
    yield "student dashboard"
    for step in assignment.lesson.steps.order_by("position"):
        page.goto(f"{base}/lessons/assignments/{assignment.pk}/steps/{step.kind}/")
        yield f"step {step.kind}"
    page.goto(f"{base}/lessons/assignments/{assignment.pk}/steps/quiz/")
    page.locator("form[action$='/start/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))
    yield "quiz"
    page.locator("[data-submit-quiz]").click()
    page.wait_for_url(re.compile(r"/result/$"))
    yield "quiz result"
    page.goto(f"{base}/lessons/skills/")
    yield "skills"
    page.locator("form[action$='/logout/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/login/"))

    sign_in(page, live_server, TEACHER)
    classroom = assignment.classroom
    student = User.objects.get(username=STUDENT.username)
    for name, path in [
        ("classes", "/classes/"),
        ("progress", f"/classes/{classroom.pk}/"),
        (
            "student's work",
            f"/classes/{classroom.pk}/assignments/{assignment.pk}/students/{student.pk}/",
        ),
        ("analysis", f"/classes/{classroom.pk}/assignments/{assignment.pk}/"),
        ("students", f"/classes/{classroom.pk}/students/"),
    ]:
        page.goto(base + path)
        yield name


def choose_language(page, live_server, code: str) -> None:
    """With the switcher, as a reader would: no JavaScript needed, back on the same page."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#language-switcher-select").select_option(code)
    page.locator("form.language-switcher button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/login/$"))


def test_no_interface_text_escapes_the_catalogues_in_the_pseudo_locale(
    page, live_server, demo_data, assert_accessible
):
    choose_language(page, live_server, PSEUDO)
    content = Content()
    problems = {}
    visited = 0
    for name in walk(page, live_server):
        visited += 1
        assert page.locator("html").get_attribute("lang") == PSEUDO, name
        leftover = untranslated(page, content)
        if leftover:
            problems[f"{name} ({page.url})"] = leftover
        assert_accessible(page)
    assert visited >= 12
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


def left_in_english(page, content: Content, code: str) -> list[str]:
    """Visible interface texts that are an English msgid the catalogue of ``code`` translates
    otherwise: shown in English although a translation exists. Outside the pseudo-locale the
    lesson's Markdown is not marked, so any words of the lesson content count as content (a
    word in bold in a step's body: "Position")."""
    found = []
    with translation.override(code):
        for piece in page.evaluate(COLLECT):
            text = " ".join(piece.strip("\u0001").split())
            words = f" {_normal(text)} "
            if not LETTER.search(text) or text in content or words in content.corpus:
                continue
            if gettext(text) != text:
                found.append(text)
    return found


@pytest.mark.parametrize("code", ["en", "az", "ru", "hy"])
def test_the_student_and_teacher_pages_speak_the_language_chosen(
    page, live_server, demo_data, assert_accessible, code
):
    choose_language(page, live_server, code)
    content = Content()
    english = {"My lessons", "Progress", "Submit quiz", "Log out", "Students"}
    problems = {}
    for name in walk(page, live_server):
        assert page.locator("html").get_attribute("lang") == code, name
        assert page.locator("html").get_attribute("dir") == "ltr", name
        if code != "en":
            # The interface's own chrome: the navigation, the headings, the buttons (the
            # lesson's text is English and stays so).
            shown = " ".join(page.locator("header, h1, button, .breadcrumb").all_inner_texts())
            assert not any(re.search(rf"\b{word}\b", shown) for word in english), (name, code)
            leftover = left_in_english(page, content, code)
            if leftover:
                problems[f"{name} ({page.url})"] = leftover
        assert_accessible(page)
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
