"""What desktop sharing tells its views."""

from __future__ import annotations

from dataclasses import dataclass

from shared.features.desktop.activities import Activity


@dataclass(frozen=True)
class ActivityChanged:
    """A sharing activity was asked, granted, refused, stopped, or its screen or pause changed."""

    activity: Activity


@dataclass(frozen=True)
class ClipboardArrived:
    """The other side's clipboard text, to put on ours (only while control is shared)."""

    activity_id: str
    text: str


@dataclass(frozen=True)
class ViewReceiving:
    """We answered the stream of a view we watch: its receiver is ready (to forward it to
    assistants, ``forwarding.py``)."""

    activity_id: str
