"""Users and PINs, on the Settings screen: open only to a supervisor who signs in with their PIN.

Adding and deactivating users is for administrators (the service refuses others and says so); anyone signed
in may change their own PIN. A database without users lets the first one be created, as an administrator.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.core.errors import RefusedInput
from models.core.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _
from models.packing.users import Role, User, UserService
from ui.forms import captioned_rows
from ui.message_label import MessageLabel
from ui.tables import row_table

ROLE_LABELS = {Role.PACKER: N_("Packer"), Role.SUPERVISOR: N_("Supervisor"), Role.ADMIN: N_("Administrator")}


def pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(12)
    return field


class UsersPanel(QGroupBox):
    def __init__(self, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users = users
        self.signed_in: User | None = None
        # Sign-in
        self.sign_in_name = QLineEdit()
        self.sign_in_name.setObjectName("signInName")
        self.sign_in_pin = pin_field("signInPin")
        self.sign_in_button, self.sign_out_button = QPushButton(), QPushButton()
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_in_pin.returnPressed.connect(self.sign_in)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.status = MessageLabel()
        self.status.setObjectName("usersStatus")
        self.status.setWordWrap(True)
        sign_in = QFormLayout()
        self.name_caption, self.pin_caption = QLabel(), QLabel()
        sign_in_buttons = QHBoxLayout()
        sign_in_buttons.addWidget(self.sign_in_button)
        sign_in_buttons.addWidget(self.sign_out_button)
        sign_in_buttons.addStretch(1)
        sign_in.addRow(self.name_caption, self.sign_in_name)
        sign_in.addRow(self.pin_caption, self.sign_in_pin)
        sign_in.addRow("", sign_in_buttons)
        # The users, and what can be done with them
        self.table = row_table(QTableWidget(0, 5), "userTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newUserName")
        self.new_role = QComboBox()
        self.new_role.setObjectName("newUserRole")
        for role in Role:
            self.new_role.addItem("", role.value)
        self.new_language = QComboBox()
        for language in LANGUAGES:
            self.new_language.addItem(LANGUAGE_NAMES[language], language)
        self.new_pin = pin_field("newUserPin")
        self.add_button, self.pin_button, self.deactivate_button = QPushButton(), QPushButton(), QPushButton()
        self.badge_button, self.unlock_button = QPushButton(), QPushButton()
        self.unlock_button.setObjectName("unlockUser")
        self.unlock_button.clicked.connect(self.unlock)
        self.badge_button.setObjectName("giveBadge")
        self.badge_button.clicked.connect(self.give_badge)
        self.add_button.setObjectName("addUser")
        self.add_button.clicked.connect(self.add_user)
        self.pin_button.clicked.connect(self.change_pin)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.changed_pin = pin_field("changedPin")
        form = QFormLayout()
        self.form_captions = captioned_rows(form, (self.new_name, self.new_role, self.new_language, self.new_pin))
        self.form_captions.append(QLabel())  # for the PIN change, below
        form.addRow("", self.add_button)
        selected = QFormLayout()
        selected_buttons = QHBoxLayout()
        selected_buttons.addWidget(self.changed_pin, 1)
        selected_buttons.addWidget(self.pin_button)
        selected_buttons.addWidget(self.deactivate_button)
        selected_buttons.addWidget(self.badge_button)
        selected_buttons.addWidget(self.unlock_button)
        selected.addRow(self.form_captions[4], selected_buttons)
        self.manage = QWidget()
        manage = QVBoxLayout(self.manage)
        manage.setContentsMargins(0, 0, 0, 0)
        manage.addWidget(self.table, 1)
        manage.addLayout(selected)
        manage.addLayout(form)
        layout = QVBoxLayout(self)
        layout.addLayout(sign_in)
        layout.addWidget(self.status)
        layout.addWidget(self.manage, 10)
        layout.addStretch(1)
        self.retranslate()
        self.refresh()

    # -- signing in -------------------------------------------------------------------------------------

    def sign_in(self) -> None:
        try:
            user = self.users.sign_in(self.sign_in_name.text(), self.sign_in_pin.text())
        except RefusedInput as refused:
            self._say(str(refused), error=True)
            return
        finally:
            self.sign_in_pin.clear()
        if not user.can_supervise:
            self._say(_("Only a supervisor can manage users and PINs."), error=True)
            return
        self.signed_in = user
        self._say("")
        self.refresh()

    def sign_out(self) -> None:
        self.signed_in = None
        self._say("")
        self.refresh()

    def first_user(self) -> bool:
        """Nobody can sign in here yet (no users, or only a plain campaign pack's, without PINs): the first user
        may be created without signing in, as an administrator, who then gives the others their PINs."""
        return not self.users.has_users()

    # -- managing -----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        everyone = self.users.list()
        first = self.first_user()
        self.manage.setVisible(self.signed_in is not None or first)
        self.sign_out_button.setVisible(self.signed_in is not None)
        for widget in (self.sign_in_name, self.sign_in_pin, self.sign_in_button):
            widget.setEnabled(self.signed_in is None and not first)
        self.new_role.setEnabled(not first)
        if first:
            self.new_role.setCurrentIndex(self.new_role.findData(Role.ADMIN.value))
        self.table.setRowCount(len(everyone))
        for row, user in enumerate(everyone):
            cells = (user.name, _(ROLE_LABELS[user.role]), LANGUAGE_NAMES.get(user.language, user.language),
                     user.badge_code or "", _user_state(user))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._show_state()

    def _selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        cell = self.table.item(rows[0].row(), 0) if rows else None
        return cell.text() if cell is not None else None

    def add_user(self) -> None:
        first = self.first_user()
        try:
            user = self.users.add(self.new_name.text(), self.new_role.currentData(), self.new_pin.text(),
                                  language=self.new_language.currentData(), by=None if first else self.signed_in)
        except RefusedInput as refused:
            self._say(str(refused), error=True)
            return
        finally:
            self.new_pin.clear()
        self.new_name.clear()
        if first:
            self.signed_in = user
        self.refresh()
        self._say(_("{name} was added.").format(name=user.name))

    def change_pin(self) -> None:
        name = self._selected_name()
        if name is None:
            self._say(_("Choose a user in the list first."), error=True)
            return
        try:
            self.users.change_pin(name, self.changed_pin.text(), by=self.signed_in)
        except RefusedInput as refused:
            self._say(str(refused), error=True)
            return
        finally:
            self.changed_pin.clear()
        self.refresh()  # its state: a user without a PIN here has one now
        self._say(_("The PIN of {name} was changed.").format(name=name))

    def deactivate(self) -> None:
        def deactivate(name: str) -> str:
            self.users.deactivate(name, by=self.signed_in)
            return _("{name} was deactivated.").format(name=name)

        self._on_chosen(deactivate)

    def give_badge(self) -> None:
        """A new badge code for the chosen user (administrators); Campaign > Print labels and sheets prints it."""
        def give(name: str) -> str:
            user = self.users.set_badge(name, None, by=self.signed_in)
            return _("{name} has badge {code}: print it from Campaign > Print labels and sheets.").format(
                name=name, code=user.badge_code)

        self._on_chosen(give)

    def unlock(self) -> None:
        """A user locked by wrong PINs may sign in again (supervisors; recorded in the journal)."""
        def unlock(name: str) -> str:
            if self.signed_in is None:
                raise RefusedInput(_("Only a supervisor can unlock a user."))
            self.users.unlock(name, by=self.signed_in)
            return _("{name} may sign in again.").format(name=name)

        self._on_chosen(unlock)

    def _on_chosen(self, change: Callable[[str], str]) -> None:
        """Do `change` to the user chosen in the list and say what it returns, or why it was refused."""
        name = self._selected_name()
        if name is None:
            self._say(_("Choose a user in the list first."), error=True)
            return
        try:
            said = change(name)
        except RefusedInput as refused:
            self._say(str(refused), error=True)
            return
        self.refresh()
        self._say(said)

    # -- texts ----------------------------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text or self._state_text())

    def _state_text(self) -> str:
        if self.signed_in is not None:
            locked = [user.name for user in self.users.list() if user.locked]
            signed_in = _("Signed in as {name}.").format(name=self.signed_in.name)
            return signed_in if not locked else signed_in + " " + _(
                "Locked after wrong PINs: {names}. Choose one and Unlock.").format(names=", ".join(locked))
        if self.first_user():
            if self.users.list():
                return _("Nobody has a PIN at this station yet (a plain campaign pack carries none): create its "
                         "first administrator, who then gives the others their PINs.")
            return _("There are no users yet: create the first one, an administrator.")
        return _("Users and PINs are managed by a supervisor: sign in with your PIN.")

    def _show_state(self) -> None:
        self._say("")

    def retranslate(self) -> None:
        self.setTitle(_("Users and PINs"))
        self.name_caption.setText(_("Name:"))
        self.pin_caption.setText(_("PIN:"))
        self.sign_in_button.setText(_("Sign &in"))
        self.sign_out_button.setText(_("Sign &out"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Language"), _("Badge"), _("Status")])
        for index in range(self.new_role.count()):
            self.new_role.setItemText(index, _(ROLE_LABELS[Role(self.new_role.itemData(index))]))
        for caption, text in zip(self.form_captions, (_("New user:"), _("Role:"), _("Language:"), _("PIN:"),
                                                      _("New PIN for the chosen user:")), strict=True):
            caption.setText(text)
        self.add_button.setText(_("&Add user"))
        self.pin_button.setText(_("&Change PIN"))
        self.deactivate_button.setText(_("&Deactivate"))
        self.badge_button.setText(_("Give a &badge"))
        self.unlock_button.setText(_("&Unlock"))
        if self.signed_in is not None or self.table.rowCount():
            self.refresh()
        else:
            self._show_state()


def _user_state(user: User) -> str:
    if not user.active:
        return _("deactivated")
    if not user.has_pin:
        return _("no PIN here yet")
    return _("locked") if user.locked else _("active")
