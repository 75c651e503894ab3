"""Draw the schematic map of the Khojaly lesson (seeds/khojaly/figures/khojaly-map.svg).

Places are put where the coordinates of the fact sheet's addendum (section 5, WGS84, decimal
degrees) say, by a simple equirectangular projection: x grows with longitude times the cosine
of the map's middle latitude, y with latitude, both at one fixed scale. Lines of control are
schematic: no source gives their course, only which places lay on which side at each date.

    python scripts/khojaly_map.py    # rewrites the SVG; commit it with the lesson
"""

# ruff: noqa: RUF001  (place names and dates are written with their own letters and dashes)
from __future__ import annotations

import math
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "seeds" / "khojaly" / "figures" / "khojaly-map.svg"

WEST, EAST, SOUTH, NORTH = 46.45, 47.02, 39.58, 40.06
SCALE = 1150.0  # pixels per degree of latitude
MARGIN = 20
COS = math.cos(math.radians((SOUTH + NORTH) / 2))

# name shown, latitude, longitude, label offset (dx, dy), marker ("town" or "airport"), and the
# glossary term that lists every form of the name (the label shows both communities' names; the
# other forms are in the glossary and the figure's description, so the map stays readable;
# tests/lessons/test_khojaly_names.py checks both).
PLACES = [
    (
        "Khojaly / Xocalı / Khojalu (Ivanyan)",
        39.91111,
        46.78917,
        (-250, -12),
        "town",
        "Xocalı / Khojalu / Ходжалы",
    ),
    ("Khojaly airport", 39.90139, 46.78694, (-112, 16), "airport", "Khojaly airport"),
    ("Khankendi / Stepanakert", 39.81528, 46.75194, (10, 18), "town", "Stepanakert"),
    ("Askeran / Əsgəran", 39.93667, 46.83278, (12, 16), "town", "Askeran"),
    ("Aghdam / Ağdam", 39.99306, 46.93056, (-40, -14), "town", "Aghdam"),
    ("Shusha / Shushi", 39.7583, 46.7483, (10, 16), "town", "Shusha"),
    ("Lachin / Berdzor", 39.64083, 46.54694, (10, 4), "town", "Lachin"),
]


def xy(lat: float, lon: float) -> tuple[float, float]:
    return (
        round(MARGIN + (lon - WEST) * COS * SCALE, 1),
        round(MARGIN + (NORTH - lat) * SCALE, 1),
    )


def _text(x: float, y: float, words: str, size: int = 13, weight: str = "normal") -> str:
    return (
        f'<text x="{x}" y="{y}" font-family="sans-serif" font-size="{size}" '
        f'font-weight="{weight}" fill="#1a1a1a">{words}</text>'
    )


def _marker(x: float, y: float, kind: str) -> str:
    if kind == "airport":
        return (
            f'<rect x="{x - 5}" y="{y - 5}" width="10" height="10" fill="#fff" '
            'stroke="#1a1a1a" stroke-width="2"/>'
        )
    return f'<circle cx="{x}" cy="{y}" r="5" fill="#1a1a1a"/>'


def _line(points: list[tuple[float, float]], style: str) -> str:
    d = " ".join(f"{'M' if i == 0 else 'L'}{x} {y}" for i, (x, y) in enumerate(points))
    return f'<path d="{d}" fill="none" {style}/>'


FRONT_1992 = 'stroke="#b3261e" stroke-width="3" stroke-dasharray="10 6"'
LINE_1994 = 'stroke="#1f5fa8" stroke-width="3" stroke-dasharray="2 5" stroke-linecap="round"'
ROUTE = 'stroke="#1a1a1a" stroke-width="2.5" stroke-dasharray="6 4"'


def svg() -> str:
    width = round(2 * MARGIN + (EAST - WEST) * COS * SCALE)
    height = round(2 * MARGIN + (NORTH - SOUTH) * SCALE)
    legend_x = width + 10
    total = legend_x + 330
    khojaly = xy(39.91111, 46.78917)
    aghdam = xy(39.99306, 46.93056)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total} {height}" '
        f'width="{total}" height="{height}" role="img">',
        f'<rect width="{total}" height="{height}" fill="#f6f3ea"/>',
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{width - 2 * MARGIN}" '
        f'height="{height - 2 * MARGIN}" fill="#fbfaf5" stroke="#777"/>',
        # February 1992: Askeran held by Karabakh Armenian forces, Aghdam by Azerbaijan; Khojaly
        # cut off from Aghdam since October 1991 (schematic).
        _line([xy(40.05, 46.875), xy(39.97, 46.885), xy(39.88, 46.875)], FRONT_1992),
        f'<circle cx="{khojaly[0] - 1}" cy="{khojaly[1] + 6}" r="22" fill="none" {FRONT_1992}/>',
        # 1994-2020 line of contact: east of Aghdam, which was held from July 1993 (schematic).
        _line(
            [xy(40.05, 46.985), xy(39.99, 46.99), xy(39.88, 46.975), xy(39.78, 46.95)], LINE_1994
        ),
        # The escape route towards Aghdam (schematic: the paths people took are not known exactly).
        _line([khojaly, xy(39.965, 46.8), xy(40.0, 46.87), (aghdam[0] - 9, aghdam[1])], ROUTE),
        f'<path d="M{aghdam[0] - 8} {aghdam[1]} l-10 -6 l0 12 z" fill="#1a1a1a"/>',
    ]
    for name, lat, lon, (dx, dy), kind, _term in PLACES:
        x, y = xy(lat, lon)
        parts += [_marker(x, y, kind), _text(x + dx, y + dy, name)]
    shusha = xy(39.7583, 46.7483)
    parts += [
        _text(shusha[0] + 10, shusha[1] + 32, "(held by Azerbaijan until May 1992)", 12),
        _text(
            MARGIN + 8,
            height - MARGIN - 10,
            "10 km. Schematic: all lines are approximate.",
            12,
        ),
        _line(
            [
                (MARGIN + 8, height - MARGIN - 30),
                (MARGIN + 8 + round(10 / 111.2 * SCALE), height - MARGIN - 30),
            ],
            'stroke="#1a1a1a" stroke-width="3"',
        ),
        _text(MARGIN + 8, MARGIN + 20, "N ↑", 14, "bold"),
        _text(legend_x, 40, "Legend", 15, "bold"),
        _marker(legend_x + 8, 62, "town"),
        _text(legend_x + 22, 67, "Town (both names)"),
        _marker(legend_x + 8, 86, "airport"),
        _text(legend_x + 22, 91, "Airport"),
        _line([(legend_x, 112), (legend_x + 30, 112)], ROUTE),
        _text(legend_x + 38, 117, "Escape route towards Aghdam, Feb 1992"),
        _line([(legend_x, 138), (legend_x + 30, 138)], FRONT_1992),
        _text(legend_x + 38, 143, "Front, February 1992 (schematic);"),
        _text(legend_x + 38, 160, "ring: Khojaly cut off since October 1991", 12),
        _line([(legend_x, 181), (legend_x + 30, 181)], LINE_1994),
        _text(legend_x + 38, 186, "Line of contact, 1994–2020 (schematic)"),
        _text(legend_x, 217, "After 2023: no line on this map.", 13, "bold"),
        _text(legend_x, 235, "From October 2023 the whole area", 13),
        _text(legend_x, 253, "shown is under Azerbaijani control.", 13),
        _text(legend_x, 285, "Not placed (no sourced position):", 13, "bold"),
        _text(legend_x, 303, "Nakhichevanik and Pirdzhamal,", 13),
        _text(legend_x, 321, "villages on the escape route.", 13),
        _text(legend_x, 353, "All lines are approximate.", 13, "bold"),
        _text(legend_x, 385, "Every form of each name (Armenian,", 13),
        _text(legend_x, 403, "Azerbaijani, English, Russian):", 13),
        _text(legend_x, 421, "see the description and the glossary.", 13),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(svg(), encoding="utf-8")
    print(OUT)
