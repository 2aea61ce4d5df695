"""The Campaign menu driven as a coordinator does, from an empty database: first start, New campaign dialog,
the rules panel, the set-up checklist, the import wizard with the campaign chosen, closing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from models.campaigns.lifecycle import CampaignDraft
from models.core.types import CampaignRules, CampaignStatus
from tests.support.campaign_screens import type_text
from tests.support.dbdump import dump
from tests.support.import_files import RU_HEADER, write_csv
from ui.campaign import campaign_menu
from ui.campaign.campaign_dialog import CampaignDialog
from ui.campaign.campaign_menu import ChecklistDialog, FirstStartDialog, StatusDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, workspace) -> MainWindow:
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def type_into(qtbot, field, text: str) -> None:
    """Select what the field holds and type over it, key by key (Cyrillic too)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    type_text(field, text)


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_first_start_offers_a_real_campaign_and_the_dialog_creates_it(qtbot, window, workspace):
    assert window.campaign is None
    offer = window.offer_first_start()
    assert isinstance(offer, FirstStartDialog) and offer.isVisible()
    qtbot.mouseClick(offer.real, Qt.MouseButton.LeftButton)
    dialog = window.campaign_menu.dialog
    assert isinstance(dialog, CampaignDialog) and not dialog.credentials.isVisible()  # nobody to sign in yet

    save(qtbot, dialog)  # nothing typed: refused in the dialog, nothing written
    assert "A campaign needs a name." in dialog.problems.text() and workspace.campaigns() == []
    window.set_language("uk")  # the open dialog speaks the new language at once
    assert dialog.windowTitle() == "Нова кампанія" and dialog.max_weight.suffix() == " г"
    assert dialog.latin.currentText() == "Без рядка латиницею"
    window.set_language("en")

    type_into(qtbot, dialog.name, "Зима 2026")
    type_into(qtbot, dialog.target, "2000")
    type_into(qtbot, dialog.max_weight, "5000")
    type_into(qtbot, dialog.tare, "250")
    type_into(qtbot, dialog.forbidden, "alcohol, tobacco")
    type_into(qtbot, dialog.mediator, "МКЧХ")
    dialog.letters.setCurrentIndex(dialog.letters.findData("allowed"))
    dialog.language.setCurrentIndex(dialog.language.findData("uk"))
    dialog.latin.setFocus()
    for _step in range(2):  # the keyboard down the list: none, Russian (ICAO), Ukrainian (national table)
        QTest.keyClick(dialog.latin, Qt.Key.Key_Down)
    assert dialog.latin.currentText().startswith("Ukrainian names, national table")
    save(qtbot, dialog)
    [campaign] = workspace.campaigns()
    assert campaign.latin_names == "uk-national"
    assert (campaign.name, campaign.target_count, campaign.label_language, campaign.parties.mediator) == (
        "Зима 2026", 2000, "uk", "МКЧХ")
    assert campaign.rules == CampaignRules(5000, ("alcohol", "tobacco"), True, 250, 100, False)
    assert window.campaign is not None and window.campaign.id == campaign.id
    assert "Зима 2026" in window.windowTitle()
    checklist = window.campaign_menu.dialog
    assert isinstance(checklist, ChecklistDialog)
    marks = {step.key: step.done for step in checklist.steps}
    assert marks["rules"] is True and marks["catalog"] is False and marks["recipients"] is False
    assert checklist.table.item(1, 2).text().startswith("File > Import catalog")


def test_the_rules_panel_edits_a_rules_version_and_needs_a_supervisor(qtbot, window, workspace):
    service = workspace.campaign_service()
    service.create(CampaignDraft("Весна", 10, CampaignRules(max_package_weight_g=3000)))
    workspace.user_service().add("Олена", "supervisor", "4321")
    workspace.user_service().add("Петро", "packer", "1111")
    window.reload_campaigns()
    dialog = window.campaign_menu.edit_campaign()
    assert dialog.credentials.isVisible() and dialog.max_weight.value() == 3000
    type_into(qtbot, dialog.tolerance, "60")
    save(qtbot, dialog)
    assert "needs a supervisor" in dialog.problems.text()
    type_into(qtbot, dialog.supervisor, "Петро")
    type_into(qtbot, dialog.pin, "1111")
    save(qtbot, dialog)
    assert "Петро is not one" in dialog.problems.text()
    type_into(qtbot, dialog.supervisor, "Олена")
    type_into(qtbot, dialog.pin, "4321")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)  # Enter in the PIN field saves
    campaign = service.get("Весна")
    assert campaign.rules.weight_tolerance_g == 60 and campaign.rules_version == 2
    assert [v.changed_by for v in service.rule_versions(campaign)] == ["(setup)", "Олена"]
    assert not dialog.isVisible()


def test_the_import_wizard_asks_which_campaign_the_list_is_for(qtbot, window, workspace, tmp_path: Path):
    service = workspace.campaign_service()
    first = service.create(CampaignDraft("Осень", 5))
    second = service.create(CampaignDraft("Зима", 5))
    service.close(service.create(CampaignDraft("Лето", 5)))
    window.reload_campaigns(first.id)
    path = write_csv(tmp_path / "list.csv", [RU_HEADER, ["1", "Иванов", "Иван", "", "", "СИЗО-1"]],
                     encoding="cp1251")
    wizard = window.open_import(path=str(path))
    chooser = wizard.file_page.campaign
    assert [chooser.itemText(i) for i in range(chooser.count())] == ["Осень", "Зима"]  # closed ones cannot import
    assert chooser.currentText() == "Осень"
    chooser.setCurrentIndex(chooser.findData(second.id))
    for _page in range(2):  # the file, then the columns as recognised
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.check_page.report is not None)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.run_page.finished)
    assert "new 1" in wizard.run_page.summary.text()
    counts = dict(workspace.db.execute("SELECT c.name, count(r.id) FROM campaigns c LEFT JOIN recipients r "
                                       "ON r.campaign_id = c.id GROUP BY c.id").fetchall())
    assert counts == {"Осень": 0, "Зима": 1, "Лето": 0}


def test_closing_lists_the_campaign_apart_and_refuses_changes(qtbot, window, workspace):
    service = workspace.campaign_service()
    service.create(CampaignDraft("Осень", 5))
    winter = service.create(CampaignDraft("Зима", 5))
    window.reload_campaigns(winter.id)
    dialog = window.campaign_menu.change_status("close")
    assert isinstance(dialog, StatusDialog)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert service.get("Зима").status is CampaignStatus.CLOSED
    chooser = window.campaign_chooser
    assert [chooser.itemText(i) for i in range(chooser.count())] == ["Осень", "", "Зима (closed)"]
    assert window.campaign is not None and window.campaign.name == "Зима"
    window.campaign_menu.update_actions()
    assert not window.campaign_menu.edit_action.isEnabled() and window.campaign_menu.reopen_action.isEnabled()
    window.set_language("ru")
    assert chooser.itemText(2) == "Зима (закрыта)"
    before = dump(workspace.db)
    edit = CampaignDialog(service, workspace.user_service(), [], service.get("Зима"))
    qtbot.addWidget(edit)
    save(qtbot, edit)
    assert "закрыта" in edit.problems.text() and dump(workspace.db) == before


def test_first_start_can_open_the_demo_instead(qtbot, window, workspace, monkeypatch):
    monkeypatch.setattr(campaign_menu, "DEMO_RECIPIENTS", 12)
    offer = window.offer_first_start()
    qtbot.mouseClick(offer.demo, Qt.MouseButton.LeftButton)
    [demo] = workspace.campaigns()
    assert demo.demo and demo.name == "Demo" and window.campaign is not None and window.campaign.id == demo.id
    assert window.recipients.model.rowCount() == 12
    # A database with a campaign is not new; with nobody to sign in yet it opens on its set-up checklist.
    assert window.offer_first_start().windowTitle().startswith("Set-up checklist")


def test_the_demo_is_deleted_from_the_menu_once_a_real_campaign_exists(qtbot, window, workspace, monkeypatch):
    monkeypatch.setattr(campaign_menu, "DEMO_RECIPIENTS", 5)
    qtbot.mouseClick(window.offer_first_start().demo, Qt.MouseButton.LeftButton)
    window.campaign_menu.update_actions()
    assert window.campaign_menu.delete_action.isEnabled()
    dialog = window.campaign_menu.change_status("delete")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "Start a real campaign first" in dialog.problems.text() and len(workspace.campaigns()) == 1
    real = workspace.campaign_service().create(CampaignDraft("Зима", 10))
    window.reload_campaigns(window.campaign.id)
    dialog = window.campaign_menu.change_status("delete")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert [c.name for c in workspace.campaigns()] == ["Зима"] and window.campaign.id == real.id
    assert window.recipients.model.rowCount() == 0
