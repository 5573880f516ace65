"""The voice call in the agent's console: Start call, End call, Pass microphone, Mute, Volume
and Audio setup, registered once for the three faces, under Session (the manual has them under
Tools, whose row is full: two more buttons there push its last ones off the tests' screen), each
shown only when it applies (Start and Mute also on the icon bar); the call's members
beside the customer's details."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle, QToolButton

from shared.features.voice.part import VoicePart, VoiceSlice
from shared.features.voice.protocol import NAME
from shared.features.voice.widgets import AudioSetup, CallPanel, VolumeDialog
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    PanelSpec,
    Place,
    on_part,
    part_of,
    standard_icon,
)

translate = QCoreApplication.translate

START, END, PASS, MUTE, VOLUME, SETUP = (
    "voice_start",
    "voice_end",
    "voice_pass",
    "voice_mute",
    "voice_volume",
    "voice_setup",
)


def _call(state: ConsoleState) -> VoiceSlice:
    return state.slice(NAME, VoiceSlice())


def _register_actions(console: ConsoleHost) -> None:
    def in_call(state: ConsoleState) -> bool:
        return state.in_session and _call(state).in_call

    # Buttons for the call show only during it (the dashboard's row keeps its width).
    def in_call_now(state: ConsoleState) -> bool:
        return _call(state).in_call

    def volume() -> None:
        part = part_of(console, NAME, VoicePart)
        if part is not None:
            VolumeDialog(part, console.window()).exec()

    def setup() -> None:
        part = part_of(console, NAME, VoicePart)
        feature = part.feature if part is not None else None
        if part is None or feature is None:
            return
        dialog = AudioSetup(
            feature.system, (feature.microphone, feature.speakers_device), console.window()
        )
        if dialog.exec():
            feature.choose_devices(*dialog.choice())

    specs = [
        (
            ActionSpec(
                START,
                translate("Actions", "Start call"),
                translate("Actions", "Start a voice call: every customer is asked to join"),
                Group.SESSION,
                lambda s: s.customer_linked and not _call(s).in_call,
                standard_icon(QStyle.StandardPixmap.SP_MediaPlay),
                feature=NAME,
                order=60,
                on_bar=True,
                primary_only=True,
                shown_when=lambda s: not _call(s).in_call,
            ),
            on_part(console, NAME, VoicePart, VoicePart.start_call),
        ),
        (
            ActionSpec(
                END,
                translate("Actions", "End call"),
                translate("Actions", "End the voice call; the session goes on"),
                Group.SESSION,
                in_call,
                standard_icon(QStyle.StandardPixmap.SP_MediaStop),
                feature=NAME,
                order=61,
                primary_only=True,
                shown_when=in_call_now,
            ),
            on_part(console, NAME, VoicePart, VoicePart.end_call),
        ),
        (
            ActionSpec(
                PASS,
                translate("Actions", "Pass microphone"),
                translate(
                    "Actions",
                    "Let the customer chosen in Participants speak (again: take it back)",
                ),
                Group.SESSION,
                in_call,
                standard_icon(QStyle.StandardPixmap.SP_ArrowRight),
                feature=NAME,
                order=62,
                primary_only=True,
                shown_when=in_call_now,
            ),
            on_part(console, NAME, VoicePart, VoicePart.pass_microphone),
        ),
        (
            ActionSpec(
                MUTE,
                translate("Actions", "Mute"),
                translate("Actions", "Mute or unmute your microphone in the call"),
                Group.SESSION,
                in_call,
                standard_icon(QStyle.StandardPixmap.SP_MediaVolumeMuted),
                feature=NAME,
                order=63,
                on_bar=True,
                shown_when=in_call_now,
            ),
            on_part(console, NAME, VoicePart, VoicePart.toggle_mute),
        ),
        (
            ActionSpec(
                VOLUME,
                translate("Actions", "Volume…"),
                translate("Actions", "Speaker and microphone volume for the call"),
                Group.SESSION,
                in_call,
                standard_icon(QStyle.StandardPixmap.SP_MediaVolume),
                feature=NAME,
                order=64,
                shown_when=in_call_now,
            ),
            volume,
        ),
        (
            ActionSpec(
                SETUP,
                translate("Actions", "Audio setup…"),
                translate("Actions", "Choose the microphone and speakers and test their levels"),
                Group.SESSION,
                lambda s: s.in_session and not _call(s).in_call,
                standard_icon(QStyle.StandardPixmap.SP_ComputerIcon),
                feature=NAME,
                order=65,
                shown_when=lambda s: not _call(s).in_call,
            ),
            setup,
        ),
    ]
    for spec, handler in specs:
        console.register(spec, handler)


def _panel(_buttons: list[QToolButton]) -> CallPanel:
    return CallPanel()


CONSOLE_VIEW = ConsoleView(
    name=NAME,
    session_part=VoicePart,
    register_actions=_register_actions,
    panels=(PanelSpec(NAME, Place.CUSTOMER, lambda: translate("Voice", "Voice call"), _panel),),
)
