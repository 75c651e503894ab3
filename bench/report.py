"""The bench's targets (issue 15) and its table: each figure's median as a multiple of the floor."""

TARGETS = {  # at most this many times the floor
    "quiz_10": 3.0,
    "quiz_50": 6.0,
    "step": 3.0,
    "autosave": 1.5,
    "submit_and_grade_10": 5.0,
}
LABELS = {
    "floor": "floor: bare view, login_required",
    "write_floor": "write floor: POST, one row written",
    "quiz_10": "quiz page, 10 items",
    "quiz_50": "quiz page, 50 items",
    "step": "lesson step page",
    "autosave": "autosave one answer",
    "submit_and_grade_10": "submit and grade 10 items",
}


def judge(results: dict) -> dict:
    """Add to every figure its ratio to the floor, its target and whether it meets it."""
    floor = results["figures"]["floor"]["median_ms"]
    for name, figure in results["figures"].items():
        figure["ratio"] = round(figure["median_ms"] / floor, 2)
        figure["target"] = TARGETS.get(name)
        figure["passed"] = None if name not in TARGETS else figure["ratio"] <= TARGETS[name]
    results["passed"] = all(f["passed"] is not False for f in results["figures"].values())
    figures = results["figures"]
    if "autosave" in figures and "write_floor" in figures:
        # What the autosave adds to the least any save costs (reading the posted answer, the
        # access check, its statement's guards): the part the code decides. The rest is the
        # write and its commit, which the database and its disk decide (`bench --commits`).
        own = figures["autosave"]["median_ms"] - figures["write_floor"]["median_ms"]
        results["autosave_over_write_floor"] = round(own / floor, 2)
    return results


def aligned(rows: list[tuple[str, ...]]) -> list[str]:
    """`rows` (the first the header) as lines of columns: the first column to the left, the
    others (figures) to the right, and a rule under the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return lines


def table(results: dict) -> str:
    """A short table a newcomer can read."""
    rows = [("figure", "median ms", "x floor", "target", "", "queries", "KB")]
    for name, f in results["figures"].items():
        rows.append(
            (
                LABELS.get(name, name),
                f"{f['median_ms']:.2f}",
                f"{f['ratio']:.2f}",
                f"<= {f['target']:g}x" if f["target"] else "",
                {True: "pass", False: "FAIL", None: ""}[f["passed"]],
                str(f["queries"]),
                f"{f['bytes'] / 1024:.1f}",
            )
        )
    lines = aligned(rows)
    head = (
        f"{results['database']}, {results['rounds']} interleaved rounds after "
        f"{results['warmup']} warm-up; {results.get('clock', 'wall')} clock; medians; ratios "
        "are to the floor of this run."
    )
    verdict = "Every target met." if results["passed"] else "Some targets missed."
    notes = []
    if "autosave_over_write_floor" in results:
        notes.append(
            f"The autosave costs {results['autosave_over_write_floor']:.2f}x the floor more than "
            "the write floor, the least a committed save costs."
        )
    return "\n".join([head, "", *lines, "", *notes, verdict])
