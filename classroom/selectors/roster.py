"""The class's list of students as the teacher reads it: the members, the students waiting for
approval, names that look the same, and who must wait before logging in. A fixed number of
queries whatever the size of the class (tests/classroom/test_query_counts.py)."""

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from accounts.lockout import usernames_waiting
from accounts.models import User

from ..models import Classroom, JoinRequest
from .access import classroom_students


def name_key(name: str) -> str:
    """Two names a reader cannot tell apart ("Aysel M." and "aysel m.") have one key."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass(frozen=True)
class RosterRow:
    student: User
    same_name: bool = False  # another member or requester is shown under the same name
    login_wait_until: datetime | None = None  # must wait before logging in, until then


@dataclass
class Roster:
    members: list[RosterRow]
    requests: list[RosterRow]
    duplicate_names: list[tuple[str, list[str]]] = field(default_factory=list)  # name, usernames


def classroom_roster(*, classroom: Classroom) -> Roster:
    """Members in name order, then the students who asked to join (oldest first). A name
    shared by two of them (members or requesters alike) is marked on both, and listed with the
    usernames that tell them apart."""
    members = classroom_students(classroom=classroom)
    requesters = [
        request.student
        for request in JoinRequest.objects.filter(classroom=classroom).select_related("student")
    ]
    everyone = members + requesters
    counts = Counter(name_key(str(student)) for student in everyone)
    waiting = usernames_waiting([student.username for student in members])

    def row(student: User) -> RosterRow:
        return RosterRow(
            student=student,
            same_name=counts[name_key(str(student))] > 1,
            login_wait_until=waiting.get(student.username),
        )

    duplicates: dict[str, list[User]] = {}
    for student in everyone:
        if counts[name_key(str(student))] > 1:
            duplicates.setdefault(name_key(str(student)), []).append(student)
    return Roster(
        members=[row(student) for student in members],
        requests=[row(student) for student in requesters],
        duplicate_names=[
            (str(students[0]), sorted(s.username for s in students))
            for students in duplicates.values()
        ],
    )


def duplicate_names_among(names: list[str], *, classroom: Classroom) -> list[str]:
    """Which of `names` (students just imported, already members) two or more members of the
    class are shown under: the teacher is told, so that they can tell them apart."""
    counts = Counter(name_key(str(student)) for student in classroom_students(classroom=classroom))
    found: list[str] = []
    for name in names:
        if counts[name_key(name)] > 1 and name not in found:
            found.append(name)
    return found
