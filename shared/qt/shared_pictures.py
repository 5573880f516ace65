"""Where a shared screen's picture is on our screen: the neutral meeting point between the
features that show a shared screen (desktop sharing's viewers, an application's) and the ones
that work over it (annotation), which do not import each other.

A viewer announces its picture with ``show_picture``; it is forgotten when its widget goes (or
by ``hide_picture``). ``PICTURES.changed`` tells who listens that the list moved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtWidgets import QWidget


@dataclass(eq=False)
class SharedPicture:
    """``sharer_id``'s shared screen is painted in ``area``, at ``picture_rect()`` (in
    ``area``'s coordinates: the whole shared screen, scaled as the viewer shows it)."""

    area: QWidget
    sharer_id: str
    picture_rect: Callable[[], QRectF]


class _Pictures(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[SharedPicture] = []

    def add(self, picture: SharedPicture) -> None:
        self.shown.append(picture)
        picture.area.destroyed.connect(lambda *_: self.remove(picture))
        self.changed.emit()

    def remove(self, picture: SharedPicture) -> None:
        if picture in self.shown:
            self.shown.remove(picture)
            # A viewer outliving the app's end is destroyed after this registry: no one listens.
            with contextlib.suppress(RuntimeError):
                self.changed.emit()


PICTURES = _Pictures()


def show_picture(area: QWidget, sharer_id: str, picture_rect: Callable[[], QRectF]) -> None:
    PICTURES.add(SharedPicture(area, sharer_id, picture_rect))


def hide_picture(area: QWidget) -> None:
    for picture in [p for p in PICTURES.shown if p.area is area]:
        PICTURES.remove(picture)


def pictures_of(sharer_id: str) -> list[SharedPicture]:
    return [p for p in PICTURES.shown if p.sharer_id == sharer_id]
