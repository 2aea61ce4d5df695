"""The exit codes of every sub-command (apart from the rest of the plumbing, so `main.py` needs no more)."""

EXIT_OK = 0
EXIT_INTERNAL = 1
"""An internal error: report it (there is a traceback)."""
EXIT_REFUSED = 2
"""The input was refused; every reason is on stderr and nothing was changed."""
