import json
import logging
import tempfile
import warnings
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings


class Command(BaseCommand):
    help = (
        "Time the student's quiz page (10 and 50 items), a lesson step, an autosave and "
        "submit-and-grade against a floor (a bare view with login_required), interleaved, in "
        "a throwaway database; print a table, or JSON with --json. --grid: the teacher's grid. "
        "--commits: what one committed write costs this database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=60, help="Interleaved rounds.")
        parser.add_argument("--warmup", type=int, default=5, help="Untimed rounds first.")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
        parser.add_argument(
            "--clock",
            choices=["wall", "cpu"],
            default="wall",
            help="wall: elapsed time (the default); cpu: this process's CPU time, steadier on a "
            "shared machine, but without the waits and, on PostgreSQL, the server's work.",
        )
        parser.add_argument(
            "--check", action="store_true", help="Exit with status 1 when a target is missed."
        )
        parser.add_argument(
            "--grid",
            action="store_true",
            help="Time the teacher's progress grid and CSV exports instead (bench/grid.py).",
        )
        parser.add_argument(
            "--profile",
            metavar="FIGURE",
            help="Instead of the table, profile --rounds requests of one figure (floor, "
            "write_floor, quiz_10, quiz_50, step, autosave, submit_and_grade_10) with cProfile "
            "and print where the time goes.",
        )
        parser.add_argument(
            "--commits",
            action="store_true",
            help="Time a committed one-row write after pauses of 0-10 ms, --rounds times each "
            "(bench/commits.py): the least a save costs on this database and disk.",
        )
        parser.add_argument("--repeat", type=int, default=10, help="With --grid.")
        parser.add_argument("--students", type=int, default=1000, help="With --grid.")
        parser.add_argument("--assignments", type=int, default=10, help="With --grid.")

    def handle(self, *args, **options):
        if options["rounds"] < 2:
            raise CommandError("--rounds must be at least 2.")
        warnings.filterwarnings("ignore", message="No directory at")
        # django-axes logs every sign-in at INFO, the bench's own too: lines above the table.
        logging.getLogger("axes").setLevel(logging.WARNING)
        db = connection.settings_dict
        if db["ENGINE"].endswith("sqlite3"):
            # A file, not memory: closer to what `make run` serves.
            db.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
        elif db["CONN_MAX_AGE"] == 0:
            # As production keeps them (README: CONN_MAX_AGE=60): the test client never closes
            # the connection, and its statements are prepared only when the setting says so.
            db["CONN_MAX_AGE"] = 60
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            # Plain static storage: the manifest needs collectstatic, and costs the same per URL.
            storages = {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
            # No setup_test_environment(): it instruments every template render (a signal and a
            # copy of the context per include), which production does not pay.
            with override_settings(
                ROOT_URLCONF="bench.urls",
                DEBUG=False,
                STORAGES=storages,
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            ):
                if options["commits"]:
                    from bench import commits

                    results = commits.run(statements=options["rounds"])
                    printed = json.dumps(results, indent=2) if options["json"] else None
                    self.stdout.write(printed or commits.table(results))
                    return
                if options["profile"]:
                    from bench import student

                    try:
                        printed = student.profile(
                            options["profile"], rounds=options["rounds"], warmup=options["warmup"]
                        )
                    except ValueError as error:
                        raise CommandError(str(error)) from error
                    self.stdout.write(printed)
                    return
                results = self._run(options)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        results["database"] = db["ENGINE"].rsplit(".", 1)[-1]
        if options["grid"]:
            self.stdout.write(json.dumps(results, indent=2))
            return
        from bench.report import judge, table

        judge(results)
        self.stdout.write(json.dumps(results, indent=2) if options["json"] else table(results))
        if options["check"] and not results["passed"]:
            raise CommandError("Some targets were missed.", returncode=1)

    def _run(self, options) -> dict:
        if options["grid"]:
            from bench import grid

            return grid.run(
                students=options["students"],
                assignments=options["assignments"],
                repeat=options["repeat"],
            )
        from bench import student

        return student.run(
            rounds=options["rounds"], warmup=options["warmup"], clock=options["clock"]
        )
