"""A real browser for the check-off kit's tests: Debian's Chromium, headless, driven by Selenium, no network.

    with chromium(downloads) as browser:
        browser.open(kit_path)
        browser.scan("100000000000000012", FRENCH)     # key events as a USB scanner under that layout sends them

Keys go through the DevTools protocol (`Input.dispatchKeyEvent`): trusted events with the physical key's
`code` ("Digit1") and the character the layout gives (`key` "&" under AZERTY), as a keyboard-wedge scanner
produces them. `.ci/run` installs `chromium` and `chromium-driver`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

FRENCH = dict(zip("0123456789", "à&é\"'(-è_ç", strict=True))
"""The character each digit key of the top row types under the French AZERTY layout (no Shift)."""
RUSSIAN = {digit: digit for digit in "0123456789"}
"""Under the Russian ЙЦУКЕН layout the digit row types digits; its letters move (the `code` stays the same)."""
_VIRTUAL_KEY = {digit: 48 + int(digit) for digit in "0123456789"}


class Browser:
    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver

    def open(self, path: Path) -> None:
        self.driver.get(path.resolve().as_uri())
        self.wait_for(lambda: self.driver.execute_script("return document.readyState") == "complete")

    def key(self, code: str, key: str, text: str | None = None, virtual: int = 0) -> None:
        down: dict[str, Any] = {"type": "keyDown", "code": code, "key": key, "windowsVirtualKeyCode": virtual}
        if text:
            down.update(text=text, unmodifiedText=text)
        self.driver.execute_cdp_cmd("Input.dispatchKeyEvent", down)
        self.driver.execute_cdp_cmd("Input.dispatchKeyEvent", {"type": "keyUp", "code": code, "key": key,
                                                                "windowsVirtualKeyCode": virtual})

    def scan(self, digits: str, layout: dict[str, str], *, pause_after: int | None = None,
             pause_ms: float = 0) -> None:
        """The digits as a scanner types them under `layout` (the physical digit keys), then Enter; with
        `pause_after`, the scanner stops `pause_ms` after that many digits (a Bluetooth link does)."""
        for index, digit in enumerate(digits):
            if pause_after is not None and index == pause_after:
                time.sleep(pause_ms / 1000)
            char = layout[digit]
            self.key(f"Digit{digit}", char, char, _VIRTUAL_KEY[digit])
        self.key("Enter", "Enter", "\r", 13)

    def element(self, element_id: str) -> WebElement:
        return self.driver.find_element(By.ID, element_id)

    def text(self, element_id: str) -> str:
        return self.element(element_id).text

    def click(self, css: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, css).click()

    def leave_fields(self) -> None:
        """Focus on the page itself, no field (as after a click on an empty spot): scans go to the page."""
        self.driver.execute_script("if (document.activeElement) document.activeElement.blur()")

    def type_into(self, element_id: str, text: str) -> None:
        field = self.element(element_id)
        self.driver.execute_script("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", field)
        for char in text:  # at a person's pace: a burst of digits 10 ms apart would be a scan
            field.send_keys(char)
            time.sleep(0.06)
        if element_id == "search":  # the kit filters its table once typing pauses
            self.wait_for(lambda: self.element("rows").get_attribute("data-search") == text)

    def wait_for(self, condition: Any, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("the page did not get there in time")
            time.sleep(0.05)

    def reload(self) -> None:
        self.driver.refresh()
        self.wait_for(lambda: self.driver.execute_script("return document.readyState") == "complete")

    def resources_loaded(self) -> list[str]:
        """Every resource the page asked for (the kit asks for none)."""
        return list(self.driver.execute_script(
            "return performance.getEntriesByType('resource').map((entry) => entry.name)"))


@contextmanager
def chromium(downloads: Path, *, width: int = 1280, height: int = 720) -> Iterator[Browser]:
    """Headless Chromium with no network at all (offline emulation on top of the flags that keep it quiet)."""
    missing = [program for program in (CHROMIUM, CHROMEDRIVER) if shutil.which(program) is None]
    if missing:
        raise RuntimeError(f"{', '.join(missing)} not installed: apt-get install chromium chromium-driver")
    profile = tempfile.mkdtemp(prefix="packline-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--mute-audio", f"--user-data-dir={profile}",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield Browser(driver)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


_SCAN_SCRIPT = """
const [scans, gap, pauseAfter, pauseMs, between, done] = arguments;
function press(code, key) {
  const target = document.activeElement || document.body;
  const typed = target.dispatchEvent(new KeyboardEvent("keydown", {code, key, bubbles: true, cancelable: true}));
  if (typed && key.length === 1 && target instanceof HTMLInputElement) {  // a key's default action in a field
    target.value += key;
    target.dispatchEvent(new Event("input", {bubbles: true}));
  }
  target.dispatchEvent(new KeyboardEvent("keyup", {code, key, bubbles: true}));
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
(async () => {
  for (const [digits, layout] of scans) {
    if (between > 0) await sleep(between);
    for (let index = 0; index < digits.length; index += 1) {
      if (index === pauseAfter) await sleep(pauseMs);
      else if (gap > 0 && index > 0) await sleep(gap);
      press("Digit" + digits[index], layout[digits[index]]);
    }
    if (gap > 0) await sleep(gap);
    press("Enter", "Enter");
  }
  await sleep(50);  // the page redraws its table just after a scan
  done(true);
})();
"""


def scan_in_page(browser: Browser, scans: list[tuple[str, dict[str, str]]], *, gap_ms: float = 0,
                 pause_after: int = -1, pause_ms: float = 0, between_ms: float = 20) -> None:
    """Many scans quickly: key events (`code` and the layout's `key`) dispatched inside the page, `gap_ms`
    apart (0: one scan's keys in one go, as a fast scanner sends them), scans `between_ms` apart (0: at once, a
    scanner reading twice, which no timer of a busy machine can stretch), and a pause of
    `pause_ms` before digit `pause_after` of each. They are not trusted events (`Browser.scan` sends those),
    so a key's default action in a text field is done by the script as the browser would."""
    browser.driver.set_script_timeout(120)
    browser.driver.execute_async_script(_SCAN_SCRIPT, [[digits, layout] for digits, layout in scans], gap_ms,
                                        pause_after, pause_ms, between_ms)
