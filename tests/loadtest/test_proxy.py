"""The load run's reverse proxy: its configuration comes from the production templates in
deploy/, and its log says which app server answered each request."""

import pytest

from loadtest.proxy import (
    answered,
    attempts_on_every_server,
    balance_problems,
    config_text,
    render,
    served_by,
)


def test_a_template_value_left_unfilled_is_an_error_not_a_blank():
    assert render("bind {{ bind }}\n", {"bind": ":443"}) == "bind :443\n"
    with pytest.raises(ValueError, match="servers"):
        render("bind {{ bind }}\n{{ servers }}", {"bind": ":443"})


@pytest.mark.parametrize("kind", ["haproxy", "nginx"])
def test_the_run_fills_every_value_of_the_production_template(kind, tmp_path):
    text = config_text(kind, port=8140, app_ports=[8141, 8142], workers=2, out=tmp_path)
    assert "{{" not in text
    assert "127.0.0.1:8140" in text
    assert "127.0.0.1:8141" in text
    assert "127.0.0.1:8142" in text
    assert ("leastconn" if kind == "haproxy" else "least_conn") in text
    assert "X-Forwarded-For" in text or "option forwardfor" in text


def test_requests_are_counted_per_server_from_either_proxy_log(tmp_path):
    (tmp_path / "haproxy.log").write_text(
        "app/app1 200 12 POST /quizzes/attempts/7/responses/3/\n"
        "app/app2 200 9 GET /quizzes/attempts/7/\n"
        "app/app2 302 30 POST /accounts/login/\n"
        "www/<NOSRV> 503 0 GET /\n"
        "[WARNING] some notice\n"
    )
    rows = answered("haproxy", out=tmp_path, app_ports=[8141, 8142])
    assert served_by(rows, 2) == {"app1": 1, "app2": 2}
    assert attempts_on_every_server(rows, 2) == [1, 1]

    (tmp_path / "nginx-access.log").write_text(
        "127.0.0.1:8141 200 0.012 GET /quizzes/attempts/8/\n"
        "127.0.0.1:8141, 127.0.0.1:8142 502, 200 0.030 GET /quizzes/attempts/9/\n"
        "- 499 0.000 GET /\n"
    )
    rows = answered("nginx", out=tmp_path, app_ports=[8141, 8142])
    assert served_by(rows, 2) == {"app1": 1, "app2": 1}
    assert attempts_on_every_server(rows, 2) == [0, 2]


def test_a_server_that_served_almost_nothing_fails_the_run():
    assert balance_problems({"app1": 480, "app2": 520}, 1000) == []
    assert balance_problems({"app1": 990, "app2": 10}, 1000) == [
        "app server app2 served 10 of 1000 requests (less than a quarter of its share)"
    ]
    assert len(balance_problems({"app1": 3, "app2": 0}, 3)) == 1
