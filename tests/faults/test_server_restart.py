"""Restarting the app server in the middle of a quiz loses no saved answer."""

import json
import re
import threading

from tests.faults.conftest import query
from tests.faults.server import Browser, attempt_id_from

# One server and one demo database for the module (see the fixtures); each test is a different
# demo student, so neither sees the other's attempt.


def answers_for(database_url: str, attempt_id: int) -> dict[str, str]:
    """Autosave form fields answering every single-choice and true/false item of the attempt."""
    (order,) = query(
        database_url, "SELECT item_order FROM quizzes_attempt WHERE id = ?", (attempt_id,)
    )[0]
    fields = {}
    for qid in json.loads(order) if isinstance(order, str) else order:
        qtype, spec = query(
            database_url, "SELECT type, spec FROM quizzes_question WHERE id = ?", (qid,)
        )[0]
        spec = json.loads(spec) if isinstance(spec, str) else spec
        if qtype == "single_choice":
            fields[qid] = {f"q{qid}-choice": next(c["id"] for c in spec["choices"] if c["correct"])}
        elif qtype == "true_false":
            fields[qid] = {f"q{qid}-answer": "true" if spec["answer"] else "false"}
    return fields


def start_quiz(gunicorn, server_database, username: str) -> tuple[Browser, int]:
    (assignment_id,) = query(server_database, "SELECT id FROM classroom_assignment")[0]
    browser = Browser(gunicorn.url)
    browser.login(username, "sourcelab-student")
    status, _, url = browser.request(f"/quizzes/assignments/{assignment_id}/start/", {})
    assert status == 200
    return browser, attempt_id_from(url)


def test_two_tabs_saving_at_the_same_moment_keep_both_answers(gunicorn, server_database):
    browser, attempt_id = start_quiz(gunicorn, server_database, "student2")
    answers = dict(list(answers_for(server_database, attempt_id).items())[:4])
    barrier = threading.Barrier(len(answers))
    statuses = []

    def save(qid, fields):
        barrier.wait()
        statuses.append(
            browser.request(f"/quizzes/attempts/{attempt_id}/responses/{qid}/", fields)[0]
        )

    threads = [threading.Thread(target=save, args=item) for item in answers.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [200] * len(answers)
    stored = query(
        server_database,
        "SELECT question_id FROM quizzes_response WHERE attempt_id = ?",
        (attempt_id,),
    )
    assert sorted(qid for (qid,) in stored) == sorted(answers)


def test_a_restart_mid_quiz_loses_no_saved_answer(gunicorn, server_database):
    browser, attempt_id = start_quiz(gunicorn, server_database, "student1")

    answers = answers_for(server_database, attempt_id)
    assert len(answers) >= 5
    for qid, fields in answers.items():
        status, body, _ = browser.request(
            f"/quizzes/attempts/{attempt_id}/responses/{qid}/", fields
        )
        assert status == 200 and json.loads(body)["saved"] is True

    gunicorn.stop()
    gunicorn.start()

    status, page, _ = browser.request(f"/quizzes/attempts/{attempt_id}/")
    assert status == 200
    for fields in answers.values():
        ((name, value),) = fields.items()
        checked = rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*checked'
        assert re.search(checked, page), f"{name}={value} is not shown as saved"
    stored = query(
        server_database, "SELECT COUNT(*) FROM quizzes_response WHERE attempt_id = ?", (attempt_id,)
    )[0][0]
    assert stored == len(answers)

    status, _, url = browser.request(f"/quizzes/attempts/{attempt_id}/", [("action", "submit")])
    assert status == 200 and url.endswith(f"/attempts/{attempt_id}/result/")
    (earned,) = query(
        server_database, "SELECT points_earned FROM quizzes_attempt WHERE id = ?", (attempt_id,)
    )[0]
    points = sum(
        query(server_database, "SELECT points FROM quizzes_question WHERE id = ?", (qid,))[0][0]
        for qid in answers
    )
    assert float(earned) == float(points)
