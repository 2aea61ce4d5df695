"""Headless sub-commands of `main.py`.

Each module exposes `register(subparsers)`, adding its sub-commands with `set_defaults(handler=...)`.
A handler takes the parsed arguments and returns an exit code: 0 success, 2 refused input (reasons on
stderr), 1 internal error. `--json` switches output to one JSON document on stdout.
"""
