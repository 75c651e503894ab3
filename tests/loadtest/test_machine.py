"""The load run times fixed work before and after the load (`loadtest/machine.py`), so that
two runs can be told apart by the machine's speed as well as by the code's."""

from argon2 import PasswordHasher

from accounts.hashers import SchoolArgon2PasswordHasher
from loadtest import machine


def test_the_argon2_work_is_the_apps_own_password_check():
    app = SchoolArgon2PasswordHasher
    assert {
        "time_cost": app.time_cost,
        "memory_cost": app.memory_cost,
        "parallelism": app.parallelism,
    } == machine.ARGON2
    # And it costs what a check with those parameters costs: the same order of CPU time.
    hasher = PasswordHasher(**machine.ARGON2)
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
