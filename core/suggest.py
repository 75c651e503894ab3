""" "Did you mean": the one rule for suggesting what a misspelt name was meant to be."""

import difflib
from collections.abc import Iterable


def did_you_mean(word: object, options: Iterable[str]) -> str:
    """``": did you mean 'x'?"`` for the option closest to a misspelt ``word``, or nothing."""
    close = difflib.get_close_matches(str(word), list(options), n=1)
    return f": did you mean '{close[0]}'?" if close else ""
