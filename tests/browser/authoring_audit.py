"""What the authoring-pages test checks on each page it opens (issue 16, "Done when": axe is
clean on every authoring page): axe at 375 and 1280 px, nothing scrolls sideways at 375 px,
and a few keyboard checks. Problems are collected, not raised at the first, so one run lists
every page that needs a fix."""

from __future__ import annotations

from dataclasses import dataclass, field

PHONE, LAPTOP = {"width": 375, "height": 800}, {"width": 1280, "height": 900}

# Tab from the skip link through the page's controls (at most LIMIT presses): each step must move
# the focus to a control that shows it, until the focus leaves the page (wraps to the body).
TAB_WALK = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const shown = (style.outlineStyle !== 'none'
    && (style.outlineStyle === 'auto' || parseFloat(style.outlineWidth) > 0))
    || style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  return {id: el.id || el.outerHTML.slice(0, 120), shown,
          visible: box.width > 0 && box.height > 0};
}
"""


@dataclass
class Audit:
    page: object
    axe: object
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def check(self, name: str) -> None:
        """Axe at phone and laptop width, and no sideways scroll on the phone. After the load
        of a page a click has just opened: run while the new document is still coming, axe
        finds none (`document` null)."""
        self.page.wait_for_load_state("load")
        self.checked.append(name)
        for size in (PHONE, LAPTOP):
            self.page.set_viewport_size(size)
            self._axe(f"{name} @{size['width']}")
            if size is PHONE:
                self._fits(name)

    def _axe(self, where: str) -> None:
        for violation in self.axe.run(self.page).response["violations"]:
            targets = [" ".join(node["target"]) for node in violation["nodes"]][:4]
            self.problems.append(f"{where}: {violation['id']} at {targets}")

    def _fits(self, name: str) -> None:
        wide, window = self.page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]"
        )
        if wide > window:
            self.problems.append(f"{name} @375: {wide} px wide: {too_wide(self.page)}")

    def tab_through(self, name: str, limit: int = 400) -> int:
        """Tab from the skip link until the focus leaves the page; returns the number of stops.
        A stop that does not show its focus, or a press that leaves the focus where it was
        (a trap), is a problem."""
        self.page.locator("a.skip-link").focus()  # the first stop of every page
        previous = None
        for stop in range(limit):
            self.page.keyboard.press("Tab")
            now = self.page.evaluate(TAB_WALK)
            if now is None:
                return stop
            if now == previous:
                self.problems.append(f"{name}: Tab stays on {now['id']} (a keyboard trap)")
                return stop
            if now["visible"] and not now["shown"]:
                self.problems.append(f"{name}: no visible focus on {now['id']}")
            previous = now
        self.problems.append(f"{name}: still inside the page after {limit} Tab presses")
        return limit

    def report(self) -> str:
        return "\n".join(self.problems)


def too_wide(page) -> list[str]:
    """The innermost elements that reach past the right edge of the window."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => ![...e.children].some(
                c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .slice(0, 6)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                 + '.' + [...e.classList].join('.')
                 + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
