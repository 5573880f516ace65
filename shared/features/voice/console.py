"""The voice call in the agent's console: Start call, End call, Pass microphone (to a member
picked by name), Mute, Volume and Audio setup, and an assistant agent's Join call and Leave
call, registered once for the three faces, under Session (the manual has them under
Tools, whose row is full: two more buttons there push its last ones off the tests' screen), each
shown only when it applies (Start, Join and Mute also on the icon bar); the call's members
beside the customer's details."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle, QToolButton

from shared.features.voice.part import VoicePart, VoiceSlice
from shared.features.voice.protocol import NAME
from shared.features.voice.widgets import AudioSetup, CallPanel, PassMicrophone, VolumeDialog
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

START, END, PASS, MUTE, VOLUME, SETUP, JOIN, LEAVE = (
    "voice_start",
    "voice_end",
    "voice_pass",
    "voice_mute",
    "voice_volume",
    "voice_setup",
    "voice_join",
    "voice_leave",
)


def _call(state: ConsoleState) -> VoiceSlice:
    return state.slice(NAME, VoiceSlice())


def _register_actions(console: ConsoleHost) -> None:
    def in_call(state: ConsoleState) -> bool:
        return state.in_session and _call(state).in_call

    # Buttons for the call show only during it (the dashboard's row keeps its width).
    def in_call_now(state: ConsoleState) -> bool:
        return _call(state).in_call

    # Mute and Volume are for whoever is in it (an assistant may be invited, not in it).
    def joined(state: ConsoleState) -> bool:
        return state.in_session and _call(state).joined

    def joined_now(state: ConsoleState) -> bool:
        return _call(state).joined

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
            part.use_devices(*dialog.choice())

    def pass_to() -> None:
        """Opens the list of the call's members (window-modal, the session goes on)."""
        part = part_of(console, NAME, VoicePart)
        if part is None:
            return
        dialog = PassMicrophone(part, part.host.current_customer(), console.window())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    specs = [
        (
            ActionSpec(
                START,
                translate("Actions", "Start call"),
                translate(
                    "Actions", "Start a voice call: everyone in the session is asked to join"
                ),
                Group.TOOLS,
                lambda s: s.customer_linked and not _call(s).in_call,
                standard_icon(QStyle.StandardPixmap.SP_MediaPlay),
                feature=NAME,
                order=50,  # the manual's Audio, in Tools
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
                Group.TOOLS,
                in_call,
                standard_icon(QStyle.StandardPixmap.SP_MediaStop),
                feature=NAME,
                order=51,
                primary_only=True,
                shown_when=in_call_now,
            ),
            on_part(console, NAME, VoicePart, VoicePart.end_call),
        ),
        (
            ActionSpec(
                PASS,
                translate("Actions", "Pass microphone…"),
                translate("Actions", "Choose who in the call may speak beside you"),
                Group.TOOLS,
                in_call,
                standard_icon(QStyle.StandardPixmap.SP_ArrowRight),
                feature=NAME,
                order=52,
                primary_only=True,
                shown_when=in_call_now,
            ),
            pass_to,
        ),
        (
            ActionSpec(
                MUTE,
                translate("Actions", "Mute"),
                translate("Actions", "Mute or unmute your microphone in the call"),
                Group.TOOLS,
                joined,
                standard_icon(QStyle.StandardPixmap.SP_MediaVolumeMuted),
                feature=NAME,
                order=53,
                on_bar=True,
                shown_when=joined_now,
            ),
            on_part(console, NAME, VoicePart, VoicePart.toggle_mute),
        ),
        (
            ActionSpec(
                VOLUME,
                translate("Actions", "Volume…"),
                translate("Actions", "Speaker and microphone volume for the call"),
                Group.TOOLS,
                joined,
                standard_icon(QStyle.StandardPixmap.SP_MediaVolume),
                feature=NAME,
                order=54,
                shown_when=joined_now,
            ),
            volume,
        ),
        (
            ActionSpec(
                SETUP,
                translate("Actions", "Audio setup…"),
                translate("Actions", "Choose the microphone and speakers and test their levels"),
                Group.TOOLS,
                lambda s: s.in_session and not _call(s).joined,
                standard_icon(QStyle.StandardPixmap.SP_ComputerIcon),
                feature=NAME,
                order=55,
                shown_when=lambda s: not _call(s).joined,
            ),
            setup,
        ),
        (
            ActionSpec(
                JOIN,
                translate("Actions", "Join call"),
                translate("Actions", "Join the voice call the agent in charge started"),
                Group.TOOLS,
                lambda s: s.in_session and _call(s).invited and not _call(s).joined,
                standard_icon(QStyle.StandardPixmap.SP_MediaPlay),
                feature=NAME,
                order=56,
                on_bar=True,
                shown_when=lambda s: _call(s).invited and not _call(s).joined,
            ),
            on_part(console, NAME, VoicePart, VoicePart.rejoin),
        ),
        (
            ActionSpec(
                LEAVE,
                translate("Actions", "Leave call"),
                translate("Actions", "Leave the voice call; you may join it again"),
                Group.TOOLS,
                lambda s: in_call(s) and _call(s).joined and not _call(s).hub,
                standard_icon(QStyle.StandardPixmap.SP_MediaStop),
                feature=NAME,
                order=57,
                shown_when=lambda s: _call(s).joined and not _call(s).hub,
            ),
            on_part(console, NAME, VoicePart, VoicePart.leave),
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
