import json
import tempfile
import warnings
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings, setup_test_environment

EXAMPLE = Path(settings.BASE_DIR) / "tests" / "fixtures" / "packages" / "example"


class Command(BaseCommand):
    help = (
        "Time the quiz page, saving an answer and submitting (10 and 50 items) against a bare "
        "page with the same middleware, in a throwaway database. Prints JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50])
        parser.add_argument(
            "--grid",
            action="store_true",
            help="Time the teacher's progress grid and CSV exports instead (bench/grid.py).",
        )
        parser.add_argument("--students", type=int, default=1000, help="With --grid.")
        parser.add_argument("--assignments", type=int, default=10, help="With --grid.")

    def handle(self, *args, repeat, sizes, grid=False, students=1000, assignments=10, **options):
        from bench import quiz as bench

        warnings.filterwarnings("ignore", message="No directory at")
        setup_test_environment()
        db = connection.settings_dict
        if db["ENGINE"].endswith("sqlite3"):
            # A file, not memory: closer to what `make run` serves.
            db.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            # Plain static storage: the manifest needs collectstatic, and costs the same per URL.
            storages = {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
            with override_settings(ROOT_URLCONF="bench.quiz", DEBUG=False, STORAGES=storages):
                if grid:
                    from bench import grid as grid_bench

                    results = grid_bench.run(
                        students=students, assignments=assignments, repeat=min(repeat, 10)
                    )
                else:
                    results = bench.run(EXAMPLE, sizes=tuple(sizes), repeat=repeat)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        results["database"] = db["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(json.dumps(results, indent=2))
