"""Make the check-off kit's screenshots (docs/screenshots/kit-{en,ru,uk}.png, 1,280 x 720 in headless Chromium)
and the renders of a label and a manifest with the Latin line (docs/printing/*-latin*.png).

    uv run python -m tests.printing.kit_shots

A demo campaign printing the Ukrainian national table's Latin line; a signed batch of 30 packages whose kit has
12 scanned, one extra, and one scanned again.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from models.campaigns.lifecycle import CampaignDraft
from models.core.latin import UKRAINIAN_NATIONAL
from printing.handover_documents import HandoverDocuments
from printing.labels import render_labels
from tests.support.browser import FRENCH, chromium, scan_in_page
from tests.support.handover_fixtures import packed_demo, signed_batch

DOCS = Path(__file__).resolve().parents[2] / "docs"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="packline-kit-shots-"))
    demo = packed_demo(work, recipients=60, packages=40)
    workspace = demo.workspace
    campaigns = workspace.campaign_service()
    campaign = campaigns.edit(demo.campaign, replace(CampaignDraft.of(demo.campaign), latin_names=UKRAINIAN_NATIONAL),
                              "Supervisor")
    batch = signed_batch(demo, demo.sealed[:30])
    documents = HandoverDocuments()
    for language in ("en", "ru", "uk"):
        files = workspace.receiving_service().export(batch, work / language, language=language, kit=documents.kit)
        kit = next(path for path in files.files if path.name.endswith("-kit.html"))
        with chromium(work) as browser:
            browser.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
            browser.open(kit)
            browser.type_into("receiver", "Петренко Олена")
            browser.leave_fields()
            scan_in_page(browser, [(code, FRENCH) for code in demo.sealed[:12]])
            scan_in_page(browser, [(demo.sealed[35], FRENCH)])  # not on the list: extra
            scan_in_page(browser, [(demo.sealed[3], FRENCH)])  # again: counted once
            time.sleep(0.3)
            browser.driver.save_screenshot(str(DOCS / "screenshots" / f"kit-{language}.png"))

    pdfs = {"manifest-latin": documents.manifest(workspace.manifest_service().content(batch), "uk")}
    ids = [row[0] for row in workspace.db.execute(
        f"SELECT id FROM packages WHERE code IN ({','.join('?' * 6)}) ORDER BY code", demo.sealed[:6])]
    labels = workspace.package_labels(campaign, ids, "uk")
    pdfs["package-label-latin-100x150"] = render_labels(labels[:1], "100x150", language="uk")
    pdfs["package-labels-latin-a4-21"] = render_labels(labels, "a4-21", language="uk")
    for name, pdf in pdfs.items():
        (work / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", str(work / f"{name}.pdf"),
                        str(DOCS / "printing" / name)], check=True)
    workspace.close()


if __name__ == "__main__":
    main()
