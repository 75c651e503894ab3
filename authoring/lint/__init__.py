"""The content lint: what a careful reviewer checks by hand in a lesson package, as rules.

``lint_package(folder)`` returns :class:`LintFinding` rows; ``manage.py lint_lesson`` prints them
as ``file:line: rule: path: message``. The rules are pure functions (``rules.py``) over the raw
YAML tree and the texts they compare with (``text.py``, ``config.py``); nothing touches a database.
The rules and the heuristics they use are documented in docs/lesson-format.md ("Content lint").
"""

from authoring.lint.run import LintFinding, lint_package

__all__ = ["LintFinding", "lint_package"]
