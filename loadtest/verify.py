"""The check after a run: what the clients were told, against what the database holds.

The locust users write every save and submit with its outcome to `records/acks-<pid>.jsonl`
(see locustfile.py). `verify` reports an acknowledged answer that is not stored (or not as it
was last acknowledged), an acknowledged submit not graded exactly once, an attempt graded twice
and a student over the one attempt allowed. `recheck` runs the same check later, on an earlier
run's records (`python -m loadtest.run --recheck OUT`)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from loadtest.procs import HOST, ROOT, server_env

CLIENT_ADDRESS = HOST  # where the locust users connect from


def read_records(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("acks-*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def verify(env: dict, setup_json: Path, records: list[dict]) -> dict:
    """Compare what the clients were told with what the database holds."""
    os.environ.update(env)
    os.environ["REDIS_URL"] = ""  # the check needs no cache (and Redis may be stopped by now)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count, Q
    from django.http import QueryDict

    from quizzes.models import Attempt, Question, Response, Score
    from quizzes.types import registry

    setup = json.loads(setup_json.read_text())
    problems: list[str] = []
    saves = [r for r in records if r["kind"] == "save"]
    submits = [r for r in records if r["kind"] == "submit"]

    questions = {q.pk: q for q in Question.objects.filter(pk__in={r["question"] for r in saves})}

    def stored_form(record) -> dict:
        """What the app should have stored for this request: the form parsed by its type."""
        question = questions[record["question"]]
        qt = registry.get(question.type)
        spec = qt.parse_spec(question.spec)
        form = QueryDict(mutable=True)
        for name, value in record["data"].items():
            form.setlist(name, value if isinstance(value, list) else [value])
        raw = qt.parse_form(spec, form, question.uid)
        return qt.dump_response(qt.parse_response(raw, spec))

    by_key = defaultdict(list)
    for record in saves:
        by_key[(record["attempt"], record["question"])].append(record)
    responses = {
        (r.attempt_id, r.question_id): r
        for r in Response.objects.filter(attempt_id__in={k[0] for k in by_key})
    }
    lost = later_unacked = checked = 0
    for key, sent in by_key.items():
        sent.sort(key=lambda r: r["seq"])  # one user per attempt, one request at a time
        acked = [r for r in sent if r["acked"]]
        if not acked:
            continue
        checked += 1
        last = acked[-1]
        stored = responses.get(key)
        if stored is None:
            lost += 1
            problems.append(f"attempt {key[0]} question {key[1]}: acknowledged, not stored")
            continue
        if stored.data == stored_form(last) and stored.revision == last["revision"]:
            continue
        # A save sent after the last acknowledged one may have landed without its answer
        # arriving (a timeout): that is not a loss, but it is reported.
        unacked = [r for r in sent if r["seq"] > last["seq"] and not r["acked"]]
        if any(stored.data == stored_form(r) for r in unacked):
            later_unacked += 1
            continue
        lost += 1
        problems.append(
            f"attempt {key[0]} question {key[1]}: stored r{stored.revision} {stored.data} "
            f"but the last acknowledged save was r{last['revision']} {stored_form(last)}"
        )

    attempts = Attempt.objects.filter(assignment_id=setup["assignment_id"]).annotate(
        submit_scores=Count("scores", filter=Q(scores__origin=Score.Origin.SUBMIT)),
        submit_questions=Count(
            "scores__question", filter=Q(scores__origin=Score.Origin.SUBMIT), distinct=True
        ),
    )
    by_id = {a.pk: a for a in attempts}
    acked_submits = {r["attempt"] for r in submits if r["acked"]}
    not_graded = double = 0
    for attempt_id in sorted(acked_submits):
        attempt = by_id.get(attempt_id)
        items = len(attempt.item_order) if attempt else 0
        if (
            attempt is None
            or attempt.status != Attempt.Status.SUBMITTED
            or attempt.submit_scores != items
            or attempt.submit_questions != items
        ):
            not_graded += 1
            problems.append(f"attempt {attempt_id}: submit acknowledged, not graded exactly once")
    for attempt in attempts:
        items = len(attempt.item_order)
        if attempt.submit_scores > items or (
            attempt.submit_scores and attempt.status != Attempt.Status.SUBMITTED
        ):
            double += 1
            problems.append(
                f"attempt {attempt.pk}: {attempt.submit_scores} submit scores for {items} items"
            )
    per_student = (
        Attempt.objects.filter(assignment_id=setup["assignment_id"])
        .order_by()
        .values("student_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    if per_student:
        problems.append(f"{per_student} students have more than the one attempt allowed")
    addresses = client_addresses(setup["students"])
    if addresses != [CLIENT_ADDRESS]:
        problems.append(
            f"logins were recorded from {addresses or 'nowhere'}, not from the client's "
            f"{CLIENT_ADDRESS}: PROXY_COUNT does not match the proxies in front"
        )
    return {
        "ok": not problems,
        "answers_checked": checked,
        "saves_acknowledged": sum(1 for r in saves if r["acked"]),
        "saves_not_acknowledged": sum(1 for r in saves if not r["acked"]),
        "lost_answers": lost,
        "stored_later_unacknowledged": later_unacked,
        "submits_acknowledged": len(acked_submits),
        "submit_requests": len(submits),
        "submits_not_graded_once": not_graded,
        "attempts_graded_twice": double,
        "attempts": len(by_id),
        "submitted_attempts": sum(1 for a in attempts if a.status == Attempt.Status.SUBMITTED),
        "students_over_attempt_limit": per_student,
        "login_addresses": addresses,
        "problems": problems[:50],
    }


def client_addresses(usernames: list[str]) -> list[str]:
    """The client addresses the app recorded for these students' logins (django-axes' access
    log, read through accounts.network.client_address). The locust users connect from
    127.0.0.1 and write a forged X-Forwarded-For; a proxy connects from 127.0.0.2 (proxy.py).
    Only the right PROXY_COUNT yields 127.0.0.1: 0 behind a proxy gives the proxy's address,
    one too many the forged one."""
    from axes.models import AccessLog

    found = AccessLog.objects.filter(username__in=usernames).values_list("ip_address", flat=True)
    return sorted(set(found))


def verification_lines(v: dict) -> list[str]:
    lines = [
        f"verification: {'OK' if v['ok'] else 'FAILED'}: {v['answers_checked']} answers checked "
        f"({v['saves_acknowledged']} acknowledged saves), {v['lost_answers']} lost, "
        f"{v['stored_later_unacknowledged']} stored from a later unacknowledged save; "
        f"{v['submits_acknowledged']} acknowledged submits, {v['submits_not_graded_once']} not "
        f"graded exactly once, {v['attempts_graded_twice']} graded twice; "
        f"{v['submitted_attempts']}/{v['attempts']} attempts submitted; logins recorded "
        f"from {', '.join(v.get('login_addresses') or ['nowhere'])}"
    ]
    return lines + [f"  problem: {p}" for p in v["problems"][:20]]


def recheck(args) -> int:
    """The check alone, on the records of an earlier run: the database may have changed since
    (a restore, a migration, a hand edit), and this says whether it still holds every answer."""
    out = args.recheck.resolve()
    if not (out / "setup.json").is_file():
        raise SystemExit(f"{out} holds no setup.json: give the --out folder of an earlier run")
    env = server_env(args, Path(tempfile.gettempdir()))
    verification = verify(env, out / "setup.json", read_records(out / "records"))
    print("\n".join(verification_lines(verification)), flush=True)
    return 0 if verification["ok"] else 1
