"""The lowest layer: what every app may use and that knows no app (docs/decisions/0008)."""
