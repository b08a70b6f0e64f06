"""Small shared helpers for the tests (fixtures live in conftest.py)."""

from __future__ import annotations

ALL_BEST = {
    "vibe": "warm",
    "tour": "yes",
    "extra_people": "yes",
    "as_if_hired": "yes",
    "start_date": "asked",
    "length": "longer",
    "pitch": "yes",
    "other_offers": "asked",
    "next_steps": "concrete",
}

MIXED = ALL_BEST | {"tour": "not_applicable", "pitch": "downsides", "other_offers": "unsure", "next_steps": "vague"}


def flags(answers: dict[str, str]) -> list[str]:
    """--answer flags for a mapping of answers."""
    return [arg for key, value in answers.items() for arg in ("-a", f"{key}={value}")]
