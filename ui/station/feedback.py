"""What a packer hears and sees after each action: a distinct sound and, on acceptance, a green flash.

Sounds are played through a `SoundPlayer`. The real one (`QtSoundPlayer`) loads `resources/sounds/*.wav`
into QSoundEffects on first use and is silent, never an error, where sound cannot work: no QtMultimedia,
no audio device, a file that does not load, or a headless Qt platform (offscreen tests, where merely asking
for audio devices makes Qt print warnings). `Feedback.requested` keeps the names of recent sounds so tests
can check which one was asked for.
"""

from __future__ import annotations

import enum
from collections import deque
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from resources import path
from ui.station.style import repolish

HEADLESS_PLATFORMS = ("offscreen", "minimal")
FLASH_MS = 450


class Sound(enum.StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    SEALED = "sealed"


class SoundPlayer(Protocol):
    def play(self, sound: Sound, volume: float) -> None: ...


class SilentPlayer:
    def play(self, sound: Sound, volume: float) -> None:
        pass


class QtSoundPlayer:
    """QSoundEffect per sound, loaded on first use; any failure makes it silent for good."""

    def __init__(self, *, headless_ok: bool = False) -> None:
        self._effects: dict[Sound, object] = {}
        self._broken = not headless_ok and QGuiApplication.platformName() in HEADLESS_PLATFORMS

    @property
    def silent(self) -> bool:
        return self._broken

    def play(self, sound: Sound, volume: float) -> None:
        if self._broken:
            return
        try:
            effect = self._effects.get(sound) or self._load(sound)
            effect.setVolume(volume)  # type: ignore[attr-defined]
            effect.play()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - sound is a courtesy; packing must never stop for it
            self._broken = True

    def _load(self, sound: Sound) -> object:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(path("sounds", f"{sound.value}.wav"))))
        self._effects[sound] = effect
        return effect


class Feedback(QObject):
    def __init__(self, player: SoundPlayer | None = None, volume_percent: int = 80,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player: SoundPlayer = player if player is not None else QtSoundPlayer()
        self.volume = 0.0
        self.set_volume(volume_percent)
        self.requested: deque[Sound] = deque(maxlen=50)

    def set_volume(self, percent: int) -> None:
        self.volume = max(0, min(100, percent)) / 100.0

    def play(self, sound: Sound) -> None:
        self.requested.append(sound)
        if self.volume > 0:
            self.player.play(sound, self.volume)

    @property
    def last_sound(self) -> Sound | None:
        return self.requested[-1] if self.requested else None


class Tone(enum.StrEnum):
    NEUTRAL = "neutral"
    ACCEPTED = "accepted"
    FLASH = "flash"
    REFUSED = "refused"
    INFO = "info"
    WARNING = "warning"


class MessageBar(QLabel):
    """The last outcome's sentence. An acceptance flashes bright green, then stays light green."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.tone = Tone.NEUTRAL
        self._flash = QTimer(self)
        self._flash.setSingleShot(True)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(lambda: self._set_tone(Tone.ACCEPTED))

    @property
    def flashing(self) -> bool:
        return self.tone is Tone.FLASH

    def show_message(self, text: str, tone: Tone = Tone.NEUTRAL) -> None:
        self.setText(text)
        if tone is Tone.FLASH:
            self._flash.start()
        else:
            self._flash.stop()
        self._set_tone(tone)

    def _set_tone(self, tone: Tone) -> None:
        if tone is not self.tone:
            self.tone = tone
            self.setProperty("tone", tone.value)
            repolish(self)
