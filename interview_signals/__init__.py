"""interview-signals: read the signs after a job interview.

The Python API (see api.py and the README's "Use it from Python"):
``assess``, ``get_catalog``, ``open_history``, ``History``, ``Interview`` and the
errors. They are loaded on first use, so the command line starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["History", "InputError", "Interview", "SignalsError", "assess", "get_catalog", "open_history"]

if TYPE_CHECKING:
    from interview_signals.api import assess, get_catalog, open_history
    from interview_signals.db import History
    from interview_signals.errors import InputError, SignalsError
    from interview_signals.interview import Interview

_HOMES = {
    "assess": "api",
    "get_catalog": "api",
    "open_history": "api",
    "History": "db",
    "Interview": "interview",
    "InputError": "errors",
    "SignalsError": "errors",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'interview_signals' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"interview_signals.{_HOMES[name]}"), name)
