"""Annotation's part of one session, in either app: annotation mode (the panel, and where the
pointer draws), the strokes over our own shared screen, the screenshot.

Where this side draws: on the picture of someone else's shared screen that a viewer shows
(``shared.qt.shared_pictures``), else on our own screen while we share it (the overlay). The
strokes over our own screen come from the engine, whoever drew them.

The overlay covers what is shared only: the shared monitor, or a shared window's (an
application's windows') rectangle. Strokes are in that shared picture's own coordinates, so
when the window moves the overlay follows it (``shared.session.shared_screens.ShareMoved``,
within ``WATCH_INTERVAL_S``) and the strokes stay on the same pixels of the window; when its
size changes they stretch with it, as the viewers' picture does. Once the shared area is not
shown (minimised), the sharer's side drops its strokes, as when a share ends (the others' lists
keep them until erased or cleared).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QStandardPaths,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from shared.features.annotation.drawing import touched
from shared.features.annotation.engine import (
    AnnotationFeature,
    BoardChanged,
    MessageRefused,
    SharesChanged,
)
from shared.features.annotation.layer import PictureLayer
from shared.features.annotation.overlay import ScreenOverlay, grab_screen
from shared.features.annotation.panel import AnnotationPanel
from shared.features.annotation.protocol import MAX_TEXT_CHARS, NAME, Stroke, Tool
from shared.features.annotation.sketch import Choice, Sketch
from shared.kit.shares import Share
from shared.qt.feature_views import SessionHost
from shared.qt.host_settings import settings_of
from shared.qt.shared_pictures import PICTURES, SharedPicture, pictures_of
from shared.session.live import LiveSession
from shared.session.shared_screens import set_sharer_drawing

translate = QCoreApplication.translate

# Where screenshots go, kept in the app's settings across sessions and runs.
FOLDER_SETTING = "annotation/folder"


def default_folder() -> Path:
    """~/Pictures/Tandem (the system's pictures folder)."""
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(pictures or Path.home() / "Pictures") / "Tandem"


@dataclass(frozen=True)
class AnnotationState:
    """Annotation's slice of the console's state."""

    shared: bool = False  # something is shared: annotation may start
    annotating: bool = False


class AnnotationPart(QObject):
    # (something is shared, we annotate now): the customer's button follows it.
    state_changed = Signal(bool, bool)
    # A screenshot was saved there.
    saved = Signal(str)

    def __init__(self, host: SessionHost) -> None:
        super().__init__()
        self.host = host
        self.feature: AnnotationFeature | None = None
        self.me = ""
        self.shares: tuple[Share, ...] = ()
        self.boards: dict[str, tuple[Stroke, ...]] = {}
        self.choice = Choice()
        self.sketch = Sketch(self.choice, self._finished, self._erase_at, self._ask_text)
        self.annotating = False
        self.surface = ""  # whose screen we draw on while annotating
        self.picture: SharedPicture | None = None  # the viewer's picture we draw on, if any
        self.layers: dict[int, PictureLayer] = {}
        self._told: set[tuple[str, str]] = set()  # refusals already in the transcript
        self.overlay: ScreenOverlay | None = None
        self.panel: AnnotationPanel | None = None
        saved = settings_of(host).value(FOLDER_SETTING, "")
        self.folder = Path(saved) if isinstance(saved, str) and saved else default_folder()
        host.feature_event.connect(self._event)
        host.session_closed.connect(self._closed)
        PICTURES.changed.connect(self._pictures_moved)

    def adopt(self, session: LiveSession) -> None:
        self.feature = session.part(NAME, AnnotationFeature)
        self.shares, self.boards = (), {}
        self._publish()

    def close(self) -> None:
        self._closed(None)
        if self.overlay is not None:
            self.overlay.close()
            self.overlay.deleteLater()
            self.overlay = None
        if self.panel is not None:
            self.panel.close()
            self.panel.deleteLater()
            self.panel = None

    # --- what the engine says ---------------------------------------------------------------------

    @Slot(object)
    def _event(self, event: object) -> None:
        if isinstance(event, SharesChanged):
            self.shares = event.shares
            self._shares_moved()
        elif isinstance(event, BoardChanged):
            if event.strokes:
                self.boards[event.surface] = event.strokes
            else:
                self.boards.pop(event.surface, None)
            if event.surface == self._my_id() and self.overlay is not None:
                self.overlay.set_strokes(event.strokes)
        elif isinstance(event, MessageRefused):
            if (event.sender, event.reason) in self._told:
                return  # a flood tells the transcript once
            self._told.add((event.sender, event.reason))
            self.host.notice.emit(
                translate("Annotation", "An annotation was refused: {reason}").format(
                    reason=event.reason
                )
            )

    def _my_id(self) -> str:
        session = self.host.session
        me = session.engine.me if session is not None else None
        return me.id if me is not None else ""

    def _my_share(self) -> Share | None:
        me = self._my_id()
        return next((s for s in self.shares if s.sharer_id == me), None)

    def _shares_moved(self) -> None:
        mine = self._my_share()
        if mine is not None:
            overlay = self._overlay()
            area = QRect(*mine.area) if mine.area is not None else None
            overlay.place_on(QGuiApplication.primaryScreen(), area)
            overlay.set_strokes(self.boards.get(mine.sharer_id, ()))
        elif self.overlay is not None:
            self._drawing_here(False)
            self.overlay.set_strokes(())
        if self.annotating and self.surface not in {s.sharer_id for s in self.shares}:
            self.stop()  # what we drew on is no longer shared
        self._publish()

    @Slot()
    def _pictures_moved(self) -> None:
        if self.annotating and self.picture is not None and self.picture not in PICTURES.shown:
            self.stop()  # the viewer we drew in closed
        for key in [k for k, layer in self.layers.items() if layer.picture not in PICTURES.shown]:
            del self.layers[key]

    @Slot(object)
    def _closed(self, _: object) -> None:
        self.stop()
        self.shares, self.boards = (), {}
        if self.overlay is not None:
            self.overlay.set_strokes(())
        self._publish()

    def _publish(self) -> None:
        shared = bool(self.shares)
        self.host.set_slice(NAME, AnnotationState(shared, self.annotating))
        self.state_changed.emit(shared, self.annotating)

    # --- annotation mode --------------------------------------------------------------------------

    def target(self) -> tuple[str, SharedPicture | None] | None:
        """What we would draw on: a picture a viewer of ours shows (the person looks at it),
        else our own shared screen; None while nothing is shared with us."""
        for share in self.shares:
            shown = pictures_of(share.sharer_id)
            if share.sharer_id != self._my_id() and shown:
                return share.sharer_id, shown[-1]
        mine = self._my_share()
        return (mine.sharer_id, None) if mine is not None else None

    def start(self) -> bool:
        """Annotation mode: the panel opens and the pointer draws. False with nothing shared."""
        found = self.target()
        if found is None:
            self.host.notice.emit(
                translate("Annotation", "Nothing is shared now: there is nothing to annotate.")
            )
            return False
        if self.annotating:
            self.stop()
        self.surface, self.picture = found
        self.annotating = True
        if self.picture is not None:
            self._layer(self.picture).set_annotating(True)
        else:
            self._drawing_here(True)
        panel = self._panel()
        panel.say(self._panel_note())
        panel.show()
        panel.raise_()
        self._publish()
        return True

    def stop(self) -> None:
        if not self.annotating:
            return
        self.annotating = False
        if self.picture is not None:
            layer = self.layers.get(id(self.picture))
            if layer is not None:
                layer.set_annotating(False)
        elif self.overlay is not None:
            self._drawing_here(False)
        self.picture, self.surface = None, ""
        if self.panel is not None:
            self.panel.hide()
        self._publish()

    def toggle(self) -> None:
        if self.annotating:
            self.stop()
        else:
            self.start()

    def _panel_note(self) -> str:
        if self.picture is None:
            return translate(
                "Annotation",
                "You draw on your own screen; everyone who sees it sees your annotations. "
                "Stop annotating to use your computer again.",
            )
        return translate(
            "Annotation",
            "Everyone who sees this screen sees your annotations. Remote control is paused "
            "while you annotate.",
        )

    def _drawing_here(self, on: bool) -> None:
        """We draw on our own shared screen (the overlay takes our mouse), or stop. Meanwhile
        the sharing features drop remote input to this screen (``shared.session.
        shared_screens``): it would land on the overlay and draw in our name. Said before the
        overlay takes the mouse, and taken back only once it let go."""
        session = self.host.session
        if on and session is not None:
            set_sharer_drawing(session, True)
        self._overlay().set_drawing(on)
        if not on and session is not None:
            set_sharer_drawing(session, False)

    def _layer(self, picture: SharedPicture) -> PictureLayer:
        layer = self.layers.get(id(picture))
        if layer is None:
            layer = PictureLayer(picture, self.sketch)
            self.layers[id(picture)] = layer
        return layer

    def _overlay(self) -> ScreenOverlay:
        if self.overlay is None:
            self.overlay = ScreenOverlay(self.sketch)
            self.overlay.leave.connect(self.stop)
        return self.overlay

    def _panel(self) -> AnnotationPanel:
        if self.panel is None:
            self.panel = AnnotationPanel(self.choice, self._picked)
            self.panel.stop.connect(self.stop)
            self.panel.clear_all.connect(self.clear_all)
            self.panel.screenshot.connect(self.screenshot)
            self.panel.choose_folder.connect(self._choose_folder)
        return self.panel

    def _picked(self) -> None:
        pass  # the sketch reads the choice as the next stroke begins

    # --- drawing ------------------------------------------------------------------------------

    def _finished(
        self, tool: Tool, colour: str, width: int, points: list[tuple[int, int]], text: str
    ) -> None:
        feature, surface = self.feature, self.surface
        if feature is None or not surface:
            return

        async def run() -> Stroke:
            return feature.draw(surface, tool, colour, width, points, text)

        def done(stroke: Stroke | None, error: BaseException | None) -> None:
            if error is not None:
                self._refused(error)
            elif stroke is not None and self.picture is not None:
                layer = self.layers.get(id(self.picture))
                if layer is not None:
                    layer.echo(stroke)

        self.host.bridge.run(run(), done)

    def _erase_at(self, pos: QPointF, rect: QRectF) -> None:
        feature, surface = self.feature, self.surface
        if feature is None or not surface:
            return
        ids = touched(self.boards.get(surface, ()), pos, rect)
        if not ids:
            return

        async def run() -> None:
            feature.erase(surface, ids)

        self.host.bridge.run(run(), self._done)

    def clear_all(self) -> None:
        feature, surface = self.feature, self.surface
        if feature is None or not surface:
            return

        async def run() -> None:
            feature.clear(surface)

        self.host.bridge.run(run(), self._done)

    def _done(self, _result: object, error: BaseException | None) -> None:
        if error is not None:
            self._refused(error)

    def _refused(self, error: BaseException) -> None:
        text = translate("Annotation", "Your annotation could not be drawn: {reason}").format(
            reason=str(error)[:200]
        )
        if self.panel is not None:
            self.panel.say(text)
        self.host.notice.emit(text)

    def _ask_text(self) -> str:
        dialog = text_dialog(self.panel)
        try:
            return dialog.textValue()[:MAX_TEXT_CHARS] if dialog.exec() else ""
        finally:
            dialog.deleteLater()  # one dialog a question, not one more child of the panel each

    # --- the screenshot -------------------------------------------------------------------------

    def grab(self) -> QPixmap | None:
        """The annotated screen as this side sees it now."""
        if self.picture is not None:
            area, rect = self.picture.area, self.picture.picture_rect()
            return area.grab(rect.toAlignedRect().intersected(area.rect()))
        if self.overlay is not None and self._my_share() is not None:
            screen = self.overlay.screen() or QGuiApplication.primaryScreen()
            return grab_screen(screen, self.overlay.geometry())
        return None

    def screenshot(self) -> Path | None:
        """Save the annotated screen as a PNG in ``folder``; its path (None if it failed)."""
        pixmap = self.grab()
        if pixmap is None or pixmap.isNull():
            return None
        stamp = datetime.now().strftime("%Y-%m-%d %H-%M-%S")
        path = self.folder / f"Tandem annotation {stamp}.png"
        n = 1
        while path.exists():
            n += 1
            path = self.folder / f"Tandem annotation {stamp} ({n}).png"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not pixmap.save(str(path), "PNG"):
                raise OSError(str(path))
        except OSError:
            self._say(
                translate("Annotation", "The screenshot could not be saved in {folder}.").format(
                    folder=self.folder
                )
            )
            return None
        self._say(translate("Annotation", "Screenshot saved to {path}.").format(path=path))
        self.saved.emit(str(path))
        return path

    def _say(self, text: str) -> None:
        if self.panel is not None:
            self.panel.say(text)
        self.host.notice.emit(text)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self.panel, translate("Annotation", "Save screenshots in"), str(self.folder)
        )
        if chosen:
            self.folder = Path(chosen)
            settings_of(self.host).setValue(FOLDER_SETTING, chosen)


# Room for a sentence as typed (Qt's input dialog is sized for a word): the text stays in view.
TEXT_DIALOG_CHARS = 48


def text_dialog(parent: QWidget | None) -> QInputDialog:
    """The question for a text annotation: wide enough to read what is typed, and taking no
    more than a text annotation may hold (``MAX_TEXT_CHARS``), so nothing is cut afterwards."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(translate("Annotation", "Text"))
    dialog.setLabelText(translate("Annotation", "Text to write on the screen:"))
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    entry = dialog.findChild(QLineEdit)
    if entry is not None:
        entry.setMaxLength(MAX_TEXT_CHARS)
        entry.setMinimumWidth(entry.fontMetrics().averageCharWidth() * TEXT_DIALOG_CHARS)
    return dialog
