"""What the voice engine tells the views (``feature_event``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Notice(StrEnum):
    """Something to say once, beside the call's state."""

    NONE = ""
    NO_AUDIO_HERE = "no_audio_here"  # this machine has no microphone or speakers
    NO_AUDIO_THERE = "no_audio_there"  # a participant's machine cannot do audio
    DECLINED = "declined"  # a participant did not join
    FAILED = "failed"


@dataclass(frozen=True)
class CallChanged:
    """The call as this side sees it now (``call`` empty: no call)."""

    call: str = ""
    joined: bool = False  # this side is in the call
    members: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()  # who may speak
    talking: tuple[str, ...] = ()  # who is speaking now
    muted: bool = False
    invited: bool = False  # customer side: asked to join, not in it
    notice: Notice = Notice.NONE
    about: str = ""  # the participant the notice is about
    extra: dict[str, str] = field(default_factory=dict)
