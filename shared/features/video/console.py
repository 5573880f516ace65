"""Video in the agent's console: Tools > Video (the panel), Start my video, Stop my video and
Video options…, registered once for every face (the dashboard's Tools tab, the icon bar and
the multisession toolbar show them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle

from shared.features.video.part import VideoPart, VideoState
from shared.features.video.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    on_part,
    part_of,
    standard_icon,
)

translate = QCoreApplication.translate
pixmap = QStyle.StandardPixmap


def _video(state: ConsoleState) -> VideoState:
    return state.slice(NAME, VideoState())


def _open_options(console: ConsoleHost) -> None:
    part = part_of(console, NAME, VideoPart)
    if part is None:
        return
    part.show_window()
    from shared.features.video.window import VideoWindow

    if isinstance(part.window, VideoWindow):
        part.window.open_options()


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            "video",
            translate("Video", "Video"),
            translate("Video", "Open the Video panel: show your webcam to the customer"),
            Group.TOOLS,
            lambda s: s.customer_linked or _video(s).receiving,
            standard_icon(pixmap.SP_MediaSeekForward),
            feature=NAME,
            order=30,
            on_bar=True,
            on_toolbar=True,
        ),
        on_part(console, NAME, VideoPart, lambda part: part.show_window()),
    )
    console.register(
        ActionSpec(
            "video_start",
            translate("Video", "Start my video"),
            translate(
                "Video",
                "Send your webcam's video to the customer you help; they may then send theirs",
            ),
            Group.TOOLS,
            lambda s: s.customer_linked and s.is_primary and not _video(s).sending,
            standard_icon(pixmap.SP_MediaPlay),
            feature=NAME,
            order=31,
            primary_only=True,
        ),
        on_part(console, NAME, VideoPart, lambda part: part.start()),
    )
    console.register(
        ActionSpec(
            "video_stop",
            translate("Video", "Stop my video"),
            translate("Video", "Stop sending your video (the customer's stops with it)"),
            Group.TOOLS,
            lambda s: _video(s).sending,
            standard_icon(pixmap.SP_MediaStop),
            feature=NAME,
            order=32,
        ),
        on_part(console, NAME, VideoPart, lambda part: part.stop()),
    )
    console.register(
        ActionSpec(
            "video_options",
            translate("Video", "Video options…"),
            translate("Video", "Camera, resolution, quality, brightness and contrast"),
            Group.TOOLS,
            lambda s: s.in_session and s.is_primary,
            standard_icon(pixmap.SP_FileDialogContentsView),
            feature=NAME,
            order=33,
            primary_only=True,
        ),
        lambda: _open_options(console),
    )


CONSOLE_VIEW = ConsoleView(name=NAME, session_part=VideoPart, register_actions=_register_actions)
