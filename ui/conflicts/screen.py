"""The Conflicts screen (the hub): flagged packages, what happened at which station, and a supervisor's choice.

A flagged package is kept out of batches and manifests until it is resolved here. The supervisor signs the
resolution with their PIN; the service records the compensating events and refuses (changing nothing) what
is not possible, and the screen shows its message.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.packing.users import UserService
from models.sync.conflicts import Choice, ConflictService, ConflictView
from ui.conflicts.model import ConflictsModel
from ui.credentials import supervisor_fields
from ui.forms import captioned_rows
from ui.message_label import MessageLabel
from ui.tables import row_table
from ui.wrapped_choice import WrappedChoice

ERROR_STYLE = "color: #b00020;"


class ConflictServices(Protocol):
    """What the screen needs (`app.workspace.Workspace` provides it)."""

    def conflict_service(self) -> ConflictService: ...

    def user_service(self) -> UserService: ...


class ConflictsScreen(QWidget):
    resolved = Signal(int)
    """A conflict was resolved (its id): the package may go into batches again."""

    def __init__(self, services: ConflictServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.users = services.conflict_service(), services.user_service()
        self.title, self.hint = QLabel(), QLabel()
        self.title.setObjectName("screenTitle")
        self.hint.setWordWrap(True)
        self.model = ConflictsModel(self)
        self.table = row_table(QTableView(), "conflictsTable")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self.show_row(current.row()))
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("refreshConflicts")
        self.refresh_button.clicked.connect(self.refresh)
        self.empty = QLabel()
        self.empty.setObjectName("noConflicts")
        self._build_detail()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty)
        column.addWidget(self.refresh_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(splitter, 1)
        self.retranslate()
        self.refresh()

    def _build_detail(self) -> None:
        self.detail = QGroupBox()
        self.summary, self.stations, self.problems = QLabel(), QLabel(), QLabel()
        for label, name in ((self.summary, "conflictSummary"), (self.stations, "conflictStations"),
                            (self.problems, "conflictProblems")):
            label.setObjectName(name)
            label.setWordWrap(True)
        self.choice_box = QGroupBox()
        self.choice_layout = QVBoxLayout(self.choice_box)
        self.choice_rows: list[WrappedChoice] = []
        self.choices = QButtonGroup(self)
        self.choices.buttonToggled.connect(lambda _button, _checked: self._update_buttons())
        self.why_not = QLabel()
        self.why_not.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("resolutionNote")
        self.supervisor, self.pin = supervisor_fields(self.resolve)
        self.resolve_button = QPushButton()
        self.resolve_button.setObjectName("resolveConflict")
        self.resolve_button.clicked.connect(self.resolve)
        self.message = MessageLabel()
        self.message.setObjectName("conflictsMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        self.captions = captioned_rows(form, (self.note, self.supervisor, self.pin))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self.detail)
        for widget in (self.summary, self.stations, self.problems, self.choice_box, self.why_not):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    # -- data ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current()
        self.model.set_rows(self.service.conflicts())
        self.empty.setVisible(not self.model.rows)
        rows = [i for i, view in enumerate(self.model.rows) if current is not None and view.id == current.id]
        row = rows[0] if rows else (0 if self.model.rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self.show_row(row)

    def current(self) -> ConflictView | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def show_row(self, row: int) -> None:
        view = self.model.row(row)
        self.detail.setEnabled(view is not None)
        for choice_row in self.choice_rows:
            self.choices.removeButton(choice_row.button)
            self.choice_layout.removeWidget(choice_row)
            choice_row.hide()
            choice_row.deleteLater()
        self.choice_rows = []
        if view is None:
            for label in (self.summary, self.stations, self.problems, self.why_not):
                label.clear()
            self._update_buttons()
            return
        self.summary.setText(view.summary)
        lines = []
        for work in view.stations:
            where = _("in the hub's records") if work.merged else _("held, not merged")
            lines.append(f"<b>{_escape(work.name)}</b> ({where}): {_escape(work.summary())}")
        self.stations.setText("<br>".join(lines))
        self.problems.setText("<br>".join(_escape(problem) for problem in view.problems))
        self.problems.setVisible(bool(view.problems))
        for choice in view.choices:
            self._add_choice(choice)
        self._update_buttons()

    def _add_choice(self, choice: Choice) -> None:
        row = WrappedChoice(choice.label)
        row.button.setProperty("choice", choice.key)
        row.setEnabled(choice.allowed)
        row.setToolTip(choice.why_not)
        self.choices.addButton(row.button)
        self.choice_layout.addWidget(row)
        self.choice_rows.append(row)

    def chosen(self) -> str | None:
        button = self.choices.checkedButton()
        return str(button.property("choice")) if button is not None else None

    def choose(self, key: str) -> None:
        for button in self.choices.buttons():
            if button.property("choice") == key:
                button.setChecked(True)

    def _update_buttons(self) -> None:
        self.resolve_button.setEnabled(self.chosen() is not None)
        notes = [str(b.toolTip()) for b in self.choices.buttons() if not b.isEnabled() and b.toolTip()]
        self.why_not.setText("<br>".join(_escape(note) for note in notes))
        self.why_not.setVisible(bool(notes))

    # -- resolving ----------------------------------------------------------------------------------------

    def resolve(self) -> None:
        view, choice = self.current(), self.chosen()
        if view is None or choice is None:
            return
        try:
            supervisor = self.users.sign_in(self.supervisor.text(), self.pin.text())
            done = self.service.resolve(view.id, choice, supervisor, self.note.text().strip())
        except RefusedInput as refused:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(str(refused))
            return
        finally:
            self.pin.clear()
        self.message.setStyleSheet("")
        text = done.message
        if done.flagged_again:
            text += " " + _("The work kept breaks a campaign rule: the package is flagged for that now.")
        self.message.setText(text)
        self.note.clear()
        self.refresh()
        self.resolved.emit(view.id)

    def retranslate(self) -> None:
        self.title.setText(_("Conflicts"))
        self.hint.setText(_("Packages worked at two stations, or whose scans break a campaign rule, are kept out "
                            "of batches and manifests until a supervisor decides here which work stands."))
        self.empty.setText(_("No conflicts: every package merged cleanly."))
        self.refresh_button.setText(_("&Refresh"))
        self.detail.setTitle(_("What happened"))
        self.choice_box.setTitle(_("Which work stands"))
        for caption, text in zip(self.captions, (_("&Note:"), _("&Supervisor:"), _("&PIN:")), strict=True):
            caption.setText(text)
        self.resolve_button.setText(_("Re&solve"))
        self.model.retranslate()
        if not self.model.rows:
            self.show_row(-1)
            return
        chosen = self.chosen()
        self.refresh()  # what happened and the choices are told by the service, in the language of the moment
        if chosen is not None:
            self.choose(chosen)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_conflicts_screen(workspace: ConflictServices, parent: QWidget | None = None) -> ConflictsScreen:
    """The factory the main window uses (the integrator wires it into the navigation)."""
    return ConflictsScreen(workspace, parent)
