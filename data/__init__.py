"""The questionnaire's data, shipped inside the wheel as ``interview_signals.data``.

Only ``catalog.toml`` here is read; this file makes the folder a package so
``importlib.resources`` finds it from a wheel and an editable install alike.
"""
