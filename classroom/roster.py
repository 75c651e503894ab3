"""Reading a class roster from CSV: pure, no database. Every bad row is reported with its line
number, all at once, so that a teacher fixes the file in one go.

The file has one student a row: a username and, optionally, a display name. A first row naming
the columns (`username`, `display name`, …) is recognised and may put them in any order; without
one, the first column is the username and the second the display name. Commas, semicolons and
tabs all work as separators (spreadsheets export all three)."""

import csv
import io
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.validators import UsernameValidator

MAX_ROWS = 200  # each account costs a slow password hash; bigger rosters go in several files
MAX_BYTES = 256 * 1024
USERNAME_MAX = 150
DISPLAY_NAME_MAX = 150
# The rule of the User model's username field, so that a row that passes here passes there.
username_validator = UsernameValidator()

HEADERS = {
    "username": "username",
    "user": "username",
    "login": "username",
    "user name": "username",
    "display name": "display_name",
    "display_name": "display_name",
    "displayname": "display_name",
    "name": "display_name",
    "full name": "display_name",
    "student": "display_name",
}


@dataclass(frozen=True)
class RosterRow:
    line: int
    username: str
    display_name: str


@dataclass(frozen=True)
class RosterError:
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class Roster:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RosterError] = field(default_factory=list)


def roster_decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark, as Excel writes, is dropped). Raises UnicodeDecodeError."""
    return data.decode("utf-8-sig")


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """Column positions if this row names the columns, else None."""
    names = [HEADERS.get(" ".join(cell.strip().lower().split())) for cell in cells]
    if not any(names):
        return None
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        if name and name not in columns:
            columns[name] = index
    return columns


def roster_parse(text: str, *, max_rows: int = MAX_ROWS) -> Roster:
    """Rows and errors of a roster. Blank rows are skipped; usernames must be unique in the file
    whatever their case."""
    roster = Roster()
    if not text.strip():
        roster.errors.append(RosterError(0, _("The file is empty.")))
        return roster
    reader = csv.reader(io.StringIO(text), _dialect(text[:4096]))
    columns = {"username": 0, "display_name": 1}
    seen: dict[str, int] = {}
    first = True
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if first:
                first = False
                header = _header_columns(cells)
                if header is not None:
                    if "username" not in header:
                        roster.errors.append(
                            RosterError(line, _("The first row names no “username” column."))
                        )
                        return roster
                    columns = header
                    continue
            row, problems = _row(cells, line, columns)
            if row is not None:
                key = row.username.casefold()
                if key in seen:
                    problems.append(
                        _("username “%(username)s” is already on line %(line)d.")
                        % {"username": row.username, "line": seen[key]}
                    )
                else:
                    seen[key] = line
            roster.errors.extend(RosterError(line, problem) for problem in problems)
            if row is not None and not problems:
                roster.rows.append(row)
    except csv.Error as error:
        roster.errors.append(
            RosterError(reader.line_num, _("the file cannot be read as CSV (%s).") % error)
        )
    counted = len(roster.rows) + len({e.line for e in roster.errors if e.line})
    if counted > max_rows:
        roster.errors.insert(
            0,
            RosterError(
                0,
                _("The file has %(count)d students; import at most %(max)d at a time.")
                % {"count": counted, "max": max_rows},
            ),
        )
    if not roster.rows and not roster.errors:
        roster.errors.append(RosterError(0, _("The file names no students.")))
    return roster


def _row(cells: list[str], line: int, columns: dict[str, int]) -> tuple[RosterRow | None, list]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    username, display_name = cell("username"), " ".join(cell("display_name").split())
    problems = []
    if not username:
        return None, [_("the username is missing.")]
    if len(username) > USERNAME_MAX:
        problems.append(_("the username is longer than %d characters.") % USERNAME_MAX)
    elif not _valid_username(username):
        problems.append(
            _(
                "the username “%s” may contain only the letters a-z, digits and . _ - "
                "(no spaces, accents or other alphabets)."
            )
            % username
        )
    if any(unicodedata.category(ch) == "Cc" for ch in display_name):
        problems.append(_("the display name contains control characters."))
    if len(display_name) > DISPLAY_NAME_MAX:
        problems.append(_("the display name is longer than %d characters.") % DISPLAY_NAME_MAX)
    return RosterRow(line, username, display_name), problems


def _valid_username(username: str) -> bool:
    """Django's own check; its message speaks of "a valid username", so the roster says which
    characters are allowed instead."""
    try:
        username_validator(username)
    except ValidationError:
        return False
    return True
