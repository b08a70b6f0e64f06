"""How an interview can end: the one definition of an open interview.

An interview is *open* until a final outcome is recorded; "pending" (or
nothing) keeps it open. The SQL that selects open interviews is written here
too, from the same tuple, so the store and the Python side cannot disagree.
"""

from __future__ import annotations

from interview_signals.errors import InputError
from interview_signals.text import clip, did_you_mean

FINAL = ("offer", "rejected", "ghosted", "withdrew")
PENDING = "pending"
ALL = (*FINAL, PENDING)
# Outcomes that say what the employer decided; calibration learns from these only.
# ("withdrew" is final but says nothing of the employer's view.)
DECISIVE = ("offer", "rejected", "ghosted")
OFFER = "offer"
OPEN = "open"  # history --outcome open: no final outcome yet (open_sql)


def is_open(outcome: str | None) -> bool:
    """Whether nothing final has been recorded: there is still something to follow up."""
    return outcome is None or outcome.strip().lower() not in FINAL


def open_sql(column: str = "outcome") -> str:
    """The SQL condition true for open interviews (outcome words are stored folded)."""
    words = ", ".join(f"'{word}'" for word in FINAL)
    return f"({column} IS NULL OR {column} NOT IN ({words}))"


def check_result(outcome: str) -> str:
    """An outcome to record, as typed in any case; InputError naming RESULT otherwise."""
    word = outcome.strip().lower()
    if word not in ALL:
        raise InputError(f"RESULT '{clip(outcome)}'{did_you_mean(outcome, ALL)}: an outcome is one of {', '.join(ALL)}")
    return word


def check_outcome(outcome: str) -> str:
    """An outcome to list by: an outcome word or "open", any case; InputError naming --outcome otherwise."""
    word = outcome.strip().lower()
    choices = (*ALL, OPEN)
    if word not in choices:
        raise InputError(f"--outcome '{clip(outcome)}'{did_you_mean(outcome, choices)}: give one of {', '.join(choices)}")
    return word
