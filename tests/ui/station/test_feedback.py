"""Sounds and the green flash: which sound was asked for, silence without audio, never an error."""

from __future__ import annotations

from tests.support.station_screens import RecordingPlayer
from ui.station.feedback import Feedback, MessageBar, QtSoundPlayer, Sound, Tone


def test_feedback_records_and_plays_each_sound():
    player = RecordingPlayer()
    feedback = Feedback(player, volume_percent=50)
    for sound in (Sound.ACCEPTED, Sound.REFUSED, Sound.SEALED):
        feedback.play(sound)
    assert player.played == [Sound.ACCEPTED, Sound.REFUSED, Sound.SEALED]
    assert feedback.last_sound is Sound.SEALED


def test_volume_zero_is_silent_but_still_recorded():
    player = RecordingPlayer()
    feedback = Feedback(player, volume_percent=0)
    feedback.play(Sound.REFUSED)
    assert player.played == [] and feedback.last_sound is Sound.REFUSED


def test_the_real_player_is_silent_on_a_headless_platform():
    player = QtSoundPlayer()
    assert player.silent
    player.play(Sound.ACCEPTED, 0.8)  # no QtMultimedia touched, no warning, no error


def test_the_message_bar_flashes_green_then_settles(qtbot):
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_message("Tea: 1 of 2", Tone.FLASH)
    assert bar.flashing and bar.property("tone") == "flash"
    qtbot.waitUntil(lambda: bar.tone is Tone.ACCEPTED, timeout=3000)
    bar.show_message("Refused", Tone.REFUSED)
    assert bar.property("tone") == "refused"
