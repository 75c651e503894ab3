"""Score bands: what a grade's colour on the teacher's pages means. A band is shown by colour
and by a symbol with words, never by colour alone; 0 % is never the colour of success."""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Band:
    key: str  # the CSS class suffix: cell-band-<key>
    symbol: str
    label: str
    lowest: int  # the lowest percent in the band


def _percent_range(lowest: int, highest: int) -> str:
    # Translators: a grade band from one percent to another, joined by an en dash.
    text = gettext("%(lowest)d–%(highest)d%%")  # noqa: RUF001 (an en dash, not a hyphen)
    return text % {"lowest": lowest, "highest": highest}


BANDS = (
    # Translators: a grade band; the percent sign is literal.
    # xgettext:no-python-format
    Band("high", "●", _("80% or more"), 80),
    Band("mid", "◐", lazy(_percent_range, str)(50, 79), 50),
    Band("low", "○", _("below 50%"), 0),
)


def score_band(percent: int | None) -> Band | None:
    """The band of a grade in percent; None without a grade."""
    if percent is None:
        return None
    return next(band for band in BANDS if percent >= band.lowest)
