"""interview-signals: read the signs after a job interview."""

__version__ = "0.1.0"
