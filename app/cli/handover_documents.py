"""The handover sub-commands with their documents: `app.cli.handover` registered with the printing layer's
renderers (the models layer may not import printing). No Qt is imported here.

`main.py` lists this module in COMMAND_MODULES.
"""

from __future__ import annotations

import argparse

from app.cli import handover
from printing.handover_documents import HandoverDocuments


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    handover.register(subparsers, HandoverDocuments())
