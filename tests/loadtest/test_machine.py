"""The load run times fixed work before and after the load (`loadtest/machine.py`), so that
two runs can be told apart by the machine's speed as well as by the code's."""

from argon2 import PasswordHasher

from accounts.hashers import SchoolArgon2PasswordHasher
from loadtest import machine


def test_the_argon2_work_costs_what_the_apps_own_password_check_costs():
    app = SchoolArgon2PasswordHasher
    hasher = PasswordHasher(
        time_cost=app.time_cost, memory_cost=app.memory_cost, parallelism=app.parallelism
    )
    stored = hasher.hash("load-test-pupil")

    checked = machine._cpu_ms(lambda: hasher.verify(stored, "load-test-pupil"))
    timed = machine._cpu_ms(machine._argon2)

    assert 0.5 < timed / checked < 2


def test_each_figure_is_a_positive_number_of_milliseconds():
    speed = machine.machine_speed()

    assert set(speed) == {"argon2id_ms", "python_ms"}
    assert all(isinstance(v, float) and v > 0 for v in speed.values())


def test_the_report_line_gives_both_readings_and_the_change():
    line = machine.speed_line(
        {"argon2id_ms": 40.0, "python_ms": 10.0}, {"argon2id_ms": 50.0, "python_ms": 9.0}
    )

    assert line == (
        "machine speed (CPU ms, lower is faster): Argon2id check 40.0 ms before, 50.0 ms "
        "after (+25%); Python loop 10.0 ms before, 9.0 ms after (-10%)"
    )
    assert machine.speed_line(None, {"argon2id_ms": 1.0, "python_ms": 1.0}) is None


def test_the_report_line_says_which_argon2_build_ran():
    line = machine.speed_line(
        {"argon2id_ms": 12.0, "python_ms": 10.0},
        {"argon2id_ms": 12.0, "python_ms": 10.0},
        build="built here",
    )

    assert "Argon2id check 12.0 ms before, 12.0 ms after (+0%) (Argon2 built here);" in line


def _installed_with_tag(monkeypatch, tag: str) -> None:
    class Distribution:
        def read_text(self, name):
            assert name == "WHEEL"
            return f"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: {tag}\n"

    monkeypatch.setattr(machine, "distribution", lambda name: Distribution())


def test_a_wheel_built_on_this_machine_is_told_from_a_published_one(monkeypatch):
    _installed_with_tag(monkeypatch, "cp310-abi3-linux_x86_64")
    assert machine.argon2_build() == "built here"
    _installed_with_tag(monkeypatch, "cp310-abi3-manylinux_2_26_x86_64")
    assert machine.argon2_build() == "published wheel"


def test_the_installed_build_is_read_from_its_metadata():
    # This environment's own: built here where `make load` (or the PostgreSQL test run) ran
    # scripts/build-argon2.sh on a CPU with AVX2, published elsewhere.
    assert machine.argon2_build() in {"built here", "published wheel"}
