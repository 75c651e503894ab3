"""Writes on a class itself: create, rename, archive and restore, a new join code; and the rule
every write on a class obeys: an archived class is read-only until restored."""

import unicodedata
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.names import visible_text_clean

from ..errors import ClassroomError, Code
from ..models import Classroom, join_code_generate
from ..timezones import time_zone_names

NAME_MAX = Classroom._meta.get_field("name").max_length


def check_active(classroom: Classroom | None) -> None:
    """Refuse (409) a write on an archived class, its members, assignments or attempts. Every
    service that writes on a class calls it; only `classroom_archive` and `classroom_restore`
    work on an archived class. `None` (an attempt outside any class: a teacher's preview) passes."""
    if classroom is not None and classroom.archived_at is not None:
        raise ClassroomError(Code.ARCHIVED)


def _clean_name(name: str) -> str:
    """The display names' rule (`accounts.names.visible_text_clean`): no direction-changing,
    zero-width or control characters, and something visible left."""
    if not (name or "").strip():
        raise ClassroomError(Code.NAME_MISSING)
    try:
        name = visible_text_clean(name, "name")
    except ValidationError as error:
        raise ClassroomError(Code.NAME_INVISIBLE) from error
    if len(name) > NAME_MAX:
        raise ClassroomError(Code.NAME_TOO_LONG, max=NAME_MAX)
    return name


def classroom_create(*, teacher: User, name: str, time_zone: str = "") -> Classroom:
    if not teacher.is_teacher:
        raise ClassroomError(Code.NOT_TEACHER)
    return Classroom.objects.create(
        teacher=teacher, name=_clean_name(name), time_zone=_clean_zone(time_zone)
    )


def _clean_zone(time_zone: str) -> str:
    """A zone name of the system's list, or "" for settings.TIME_ZONE."""
    time_zone = time_zone.strip()
    if time_zone == settings.TIME_ZONE:
        return ""
    if time_zone and time_zone not in time_zone_names():
        raise ClassroomError(Code.UNKNOWN_TIME_ZONE)
    return time_zone


def classroom_time_zone_set(*, classroom: Classroom, time_zone: str) -> Classroom:
    """The class's time zone: due dates already set keep their instant and are shown in the
    new zone (a due date of 23:59 in Baku stays that moment)."""
    check_active(classroom)
    classroom.time_zone = _clean_zone(time_zone)
    classroom.save(update_fields=["time_zone"])
    return classroom


def classroom_rename(*, classroom: Classroom, name: str) -> Classroom:
    check_active(classroom)
    classroom.name = _clean_name(name)
    classroom.save(update_fields=["name"])
    return classroom


def classroom_archive(*, classroom: Classroom, now: datetime | None = None) -> Classroom:
    """Archived classes leave the teacher's list and the students' pages, and cannot be joined
    or changed; nothing is deleted, and restoring brings everything back."""
    if classroom.archived_at is None:
        classroom.archived_at = now or timezone.now()
        classroom.save(update_fields=["archived_at"])
    return classroom


def classroom_restore(*, classroom: Classroom) -> Classroom:
    if classroom.archived_at is not None:
        classroom.archived_at = None
        classroom.save(update_fields=["archived_at"])
    return classroom


def join_code_regenerate(*, classroom: Classroom) -> str:
    """A new join code; the old one stops working at once (e.g. after it leaked). An expiry
    set on the old code goes with it: the new one has none until the teacher sets one."""
    check_active(classroom)
    for _attempt in range(10):
        code = join_code_generate()
        try:
            with transaction.atomic():
                Classroom.objects.filter(pk=classroom.pk).update(
                    join_code=code, join_code_expires_at=None
                )
        except IntegrityError:
            continue  # taken by another class: 31**10 codes make this rare
        classroom.join_code, classroom.join_code_expires_at = code, None
        return code
    raise RuntimeError(_("Could not find a free join code."))  # pragma: no cover


# Capital letters of other scripts that look like the code's Latin ones, for a student whose
# phone types Cyrillic or Greek: Cyrillic KA, HA, EN, ER read off the board are K, X, H, P.
LOOKALIKES = str.maketrans(
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425"  # Cyrillic
    "\u0391\u0392\u0395\u0397\u039a\u039c\u039d\u03a1\u03a4\u03a5\u03a7\u0396",  # Greek
    "ABEKMHOPCTYXABEHKMNPTYXZ",
)


def join_code_normalise(code: str) -> str:
    """Codes are read from a board: ignore case, spaces, dashes and any other punctuation;
    full-width characters and Cyrillic or Greek lookalikes of the code's letters count as the
    letters they look like."""
    text = unicodedata.normalize("NFKC", code).upper().translate(LOOKALIKES)
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())
