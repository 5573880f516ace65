"""The clipboard of a control activity, both ways: text copied on one side arrives on the
other (the views put it on the clipboard, ``clipboard_sync``)."""

from __future__ import annotations

import contextlib

from shared.features.desktop.activities import ActivityState
from shared.features.desktop.events import ClipboardArrived
from shared.features.desktop.protocol import ClipboardText
from shared.features.desktop.running import Host, Running


class Clipboard:
    def __init__(self, host: Host) -> None:
        self.host = host
        self.session = host.session

    def send(self, activity_id: str, text: str) -> None:
        running = self.host.find(activity_id)
        if running is None or running.activity.state != ActivityState.ACTIVE:
            return
        if not running.activity.with_control:
            return
        with contextlib.suppress(ConnectionError):
            self.session.send_to(
                self.host.other(running.activity), ClipboardText(activity=activity_id, text=text)
            )

    def on_text(self, running: Running, remote_id: str, message: ClipboardText) -> None:
        if running.activity.with_control and running.activity.state == ActivityState.ACTIVE:
            self.session.engine.publish(ClipboardArrived(running.activity.id, message.text))
