"""Sizes and colours of the station screen: large enough to read at arm's length in a warehouse."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from models.core.i18n import current_language

NAME_PT = 30
CODE_PT = 15
TABLE_PT = 14
COUNT_PT = 17
BUTTON_PT = 13
MESSAGE_PT = 17
REFUSAL_PT = 34

GREEN = "#1b7f3b"
GREEN_FLASH = "#33c75a"
RED = "#c62828"
AMBER = "#b26a00"

STYLE = f"""
QLabel#recipientDetails {{ color: #333333; }}
QLabel#packageCode {{ font-size: {CODE_PT}pt; font-family: "DejaVu Sans Mono", monospace; }}
QLabel#packageState {{ font-size: 14pt; font-weight: bold; padding: 4px 12px; border-radius: 6px;
                        color: white; background: #555555; }}
QLabel#packageState[state="open"] {{ background: #1565c0; }}
QLabel#packageState[state="sealed"] {{ background: {GREEN}; }}
QLabel#packageState[state="voided"] {{ background: {RED}; }}
QLabel#packageFacts {{ font-size: 13pt; }}
QTableView#checklist {{ gridline-color: #c8c8c8; }}
QTableView#checklist QHeaderView::section {{ font-size: 11pt; font-weight: bold; padding: 4px; }}
QToolButton[command="true"] {{ font-size: {BUTTON_PT}pt; font-weight: bold; min-height: 50px; padding: 2px 6px;
                               border: 2px solid #7a7a7a; border-radius: 8px; background: #f3f3f3; }}
QToolButton[command="true"]:hover {{ background: #e3eefc; }}
QToolButton[command="true"]:focus {{ border: 3px solid #1565c0; }}
QToolButton#sealButton {{ background: #dff3e4; border-color: {GREEN}; }}
QLabel#sideHeading {{ font-size: 12pt; font-weight: bold; color: #333333; }}
QLineEdit#manualCode, QLineEdit#weightInput, QLineEdit#pinInput, QLineEdit#stationName {{
    font-size: 15pt; padding: 4px; }}
QListWidget#recentEvents {{ font-size: 11pt; }}
QLabel#stationBar {{ font-size: 12pt; color: #333333; }}
QToolButton#signOutButton {{ font-size: 12pt; padding: 3px 10px; }}
QLabel#messageBar {{ font-size: {MESSAGE_PT}pt; padding: 8px 12px; border-radius: 6px;
                     background: #eeeeee; color: #111111; }}
QLabel#messageBar[tone="accepted"] {{ background: #d6f0dc; color: #0d4d22; }}
QLabel#messageBar[tone="flash"] {{ background: {GREEN_FLASH}; color: white; }}
QLabel#messageBar[tone="refused"] {{ background: #fbdada; color: #7f1010; }}
QLabel#messageBar[tone="info"] {{ background: #e7eef9; color: #0d2d5e; }}
QLabel#messageBar[tone="warning"] {{ background: #fbe3b4; color: #4a3300; font-weight: bold; }}
QWidget#signInPanel QLabel#panelTitle, QWidget#setupPage QLabel#panelTitle {{ font-size: 20pt; font-weight: bold; }}
QListWidget#userList {{ font-size: 16pt; }}
QLabel#signInError {{ font-size: 13pt; color: {RED}; font-weight: bold; }}
"""


def big_font(widget: QWidget, points: int, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    return font


def format_number(value: int) -> str:
    """Digits grouped as the UI language writes them (2,345 / 2 345)."""
    languages = {"ru": QLocale.Language.Russian, "uk": QLocale.Language.Ukrainian}
    return QLocale(languages.get(current_language(), QLocale.Language.English)).toString(value)


def repolish(widget: QWidget) -> None:
    """Apply a changed dynamic property to the style sheet."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
