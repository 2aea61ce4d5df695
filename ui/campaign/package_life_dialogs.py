"""A supervisor's part in a package's life, on screen: the decisions a corrected list leaves (Campaign > List
decisions) and voiding a package with or without a replacement (Campaign > Void or replace a package). The same
services serve `recipients decisions|decide`, `void --reissue` and `reissue` on the command line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import PacklineError
from models.core.i18n import _
from models.core.types import Campaign
from models.imports import ImportKind
from models.imports.columns import field_labels
from models.package_life.decisions import DecisionService, Outcome, PendingDecision
from models.packing.users import User, UserService
from printing.documents import LabelData
from ui.credentials import supervisor_fields
from ui.forms import captioned_rows
from ui.tables import fill_table, read_only_table

BUTTONS = ((Outcome.ACCEPT, "changed"), (Outcome.REJECT, "changed"), (Outcome.KEEP, "removed"),
           (Outcome.WITHDRAW, "removed"))


class LifeServices(Protocol):
    def user_service(self) -> UserService: ...

    def decision_service(self) -> DecisionService: ...

    def void_package(self, code: str, supervisor: User, reason: str) -> str: ...

    def reissue(self, campaign: Campaign, code: str, supervisor: User, reason: str) -> str: ...

    def reprint_label(self, campaign: Campaign, code: str, user: User) -> list[LabelData]: ...

    def replacement_label(self, campaign: Campaign, code: str) -> list[LabelData]: ...


class _SupervisorDialog(QDialog):
    """A dialog whose actions need a supervisor's name and PIN, and show what they did or why not."""

    def __init__(self, services: LifeServices, campaign: Campaign, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.services, self.campaign = services, campaign
        self.setWindowTitle(campaign.name)
        self.supervisor, self.pin = supervisor_fields(lambda: None)
        self.credentials = QWidget()
        self.credential_captions = captioned_rows(QFormLayout(self.credentials), [self.supervisor, self.pin])
        self.result_label = QLabel()
        self.result_label.setObjectName("lifeResult")
        self.result_label.setWordWrap(True)

    def _as_supervisor(self, action: Callable[[User], str]) -> bool:
        try:
            done = action(self.services.user_service().supervisor(self.supervisor.text(), self.pin.text()))
        except PacklineError as error:
            self.result_label.setStyleSheet("color: #b00020;")
            self.result_label.setText(str(error))
            return False
        self.result_label.setStyleSheet("")
        self.result_label.setText(done)
        return True

    def _retranslate_credentials(self) -> None:
        for caption, text in zip(self.credential_captions, (_("Super&visor"), _("&PIN")), strict=True):
            caption.setText(text)


class DecisionsDialog(_SupervisorDialog):
    """Every decision waiting in the campaign: a change to the person of a sealed package (accept: the label is
    printed again; reject) or a person the list left out while their package is in work (keep; withdraw)."""

    def __init__(self, services: LifeServices, campaign: Campaign, send: Callable[[list[LabelData]], str],
                 parent: QWidget | None = None) -> None:
        """`send` prints labels as the station does (or saves them) and says where they went."""
        super().__init__(services, campaign, parent)
        self.setObjectName("listDecisions")
        self.send = send
        self.resize(1100, 520)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = read_only_table("decisionTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.buttons = {outcome: QPushButton() for outcome, _kind in BUTTONS}
        row = QHBoxLayout()
        for outcome, button in self.buttons.items():
            button.setObjectName(f"decide_{outcome.value}")
            button.clicked.connect(lambda _checked=False, chosen=outcome: self.decide(chosen))
            row.addWidget(button)
        row.addStretch(1)
        self.note = QLineEdit()
        self.note.setObjectName("decisionNote")
        note_form = QFormLayout()
        self.note_caption = captioned_rows(note_form, [self.note])[0]
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(note_form)
        layout.addWidget(self.credentials)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(close)
        self.pending: list[PendingDecision] = []
        self.refresh()
        self.retranslate()

    def refresh(self) -> None:
        self.pending = self.services.decision_service().pending(self.campaign)
        labels = field_labels(ImportKind.RECIPIENTS)
        rows = []
        for decision in self.pending:
            says = "; ".join(f"{_(labels.get(c.field, c.field))}: {c.old or '—'} → {c.new or '—'}"
                             for c in decision.changes) if decision.kind == "changed" else _("not in the new list")
            rows.append([str(decision.id), decision.list_number, decision.name, decision.package,
                         _(decision.state) + (f" ({decision.place})" if decision.place else ""),
                         str(decision.list_version), says])
        fill_table(self.table, [_("No."), _("List no."), _("Recipient"), _("Package"), _("State"),
                                _("List version"), _("What the list says")], rows,
                   tips={(r, 6): row[6] for r, row in enumerate(rows)})  # a long place is cut: whole on hover
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def chosen(self) -> PendingDecision | None:
        rows = self.table.selectionModel().selectedRows()
        return self.pending[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        decision = self.chosen()
        for outcome, kind in BUTTONS:
            self.buttons[outcome].setEnabled(decision is not None and decision.kind == kind)

    def decide(self, outcome: Outcome) -> None:
        decision = self.chosen()
        if decision is None:
            return

        def act(supervisor: User) -> str:
            done = self.services.decision_service().decide(self.campaign, decision.id, outcome, supervisor,
                                                           self.note.text())
            if outcome is Outcome.ACCEPT and decision.state == "sealed":
                labels = self.services.reprint_label(self.campaign, decision.package, supervisor)
                done += " " + _("The new label went to {where}.").format(where=self.send(labels))
            return done

        if self._as_supervisor(act):
            self.note.clear()
            self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("List decisions: {campaign}").format(campaign=self.campaign.name))
        self.intro.setText(_("What a corrected recipient list could not do on its own. A change to the person of a "
                             "sealed package: accept it (its label is printed again at once) or reject it. A person "
                             "no longer on the list whose package is in work: keep the package, or withdraw it (a "
                             "sealed one is voided and its items go back to stock)."))
        texts = {Outcome.ACCEPT: _("&Accept the change"), Outcome.REJECT: _("&Reject the change"),
                 Outcome.KEEP: _("&Keep the package"), Outcome.WITHDRAW: _("&Withdraw the package")}
        for outcome, button in self.buttons.items():
            button.setText(texts[outcome])
        self.note_caption.setText(_("&Note for the journal"))
        self._retranslate_credentials()
        self.refresh()


class VoidDialog(_SupervisorDialog):
    """Void a sealed package that is in no carton or batch, and give its person a replacement (a new code and
    label), or issue the replacement of a package voided before."""

    def __init__(self, services: LifeServices, campaign: Campaign, codes: Sequence[str],
                 send: Callable[[list[LabelData]], str], parent: QWidget | None = None) -> None:
        """`codes`: the packages chosen on the Recipients screen (the first one fills in the code); `send` prints
        the replacement's label as the station does."""
        super().__init__(services, campaign, parent)
        self.send = send
        self.setObjectName("voidPackage")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLineEdit(codes[0] if codes else "")
        self.code.setObjectName("voidCode")
        self.reason = QLineEdit()
        self.reason.setObjectName("voidReason")
        form = QFormLayout()
        self.captions = captioned_rows(form, [self.code, self.reason])
        self.void_button, self.replace_button, self.reissue_button = QPushButton(), QPushButton(), QPushButton()
        row = QHBoxLayout()
        for name, button, slot in (("voidOnly", self.void_button, lambda: self._void(False)),
                                   ("voidAndReplace", self.replace_button, lambda: self._void(True)),
                                   ("replaceVoided", self.reissue_button, self._reissue)):
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, run=slot: run())
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.credentials)
        layout.addLayout(row)
        layout.addWidget(self.result_label)
        layout.addWidget(close)
        self.retranslate()

    def _void(self, replace: bool) -> None:
        def act(supervisor: User) -> str:
            done = self.services.void_package(self.code.text(), supervisor, self.reason.text())
            return f"{done} {self._replace(supervisor)}" if replace else done
        self._as_supervisor(act)

    def _reissue(self) -> None:
        self._as_supervisor(self._replace)

    def _replace(self, supervisor: User) -> str:
        """Issue the replacement and print its label at once."""
        new = self.services.reissue(self.campaign, self.code.text(), supervisor, self.reason.text())
        where = self.send(self.services.replacement_label(self.campaign, new))
        return _("Package {package} is replaced by package {replacement}; its label went to {where}.").format(
            package=self.code.text(), replacement=new, where=where)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Void or replace a package: {campaign}").format(campaign=self.campaign.name))
        self.intro.setText(_("A voided package's items go back to stock and its label is refused at every station. "
                             "Its person can get a replacement: a new package with a new code and label, counted "
                             "once in the plan. A package in a carton or batch is taken out first."))
        for caption, text in zip(self.captions, (_("Package &code"), _("&Reason")), strict=True):
            caption.setText(text)
        self.void_button.setText(_("&Void"))
        self.replace_button.setText(_("Void and &replace"))
        self.reissue_button.setText(_("Replace a voided &package"))
        self._retranslate_credentials()
