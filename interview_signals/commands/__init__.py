"""The steps behind every command, one module a family of commands.

The command line (the cli package) parses its arguments, calls one function
here and prints what comes back; the Python API (api.py) calls the same
functions. So nothing here prints or reads the terminal: the interactive
parts (asking the questionnaire, confirming a delete) come in as callables,
the input stream as an argument, and warnings go to the session's ``warn``.
Each function takes a ``Session`` (session.py): the history a command uses,
opened once, when first needed.
"""
