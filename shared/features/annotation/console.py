"""Annotation in the agent's console: Session > Annotation panel, where the manual puts it
("sélectionnez Session > Panneau d'annotation", chapter 6), and a button on the icon bar and
the multisession toolbar, enabled while something is shared; in every face."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle

from shared.features.annotation.part import AnnotationPart, AnnotationState
from shared.features.annotation.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleState,
    ConsoleView,
    Group,
    on_part,
    standard_icon,
)

translate = QCoreApplication.translate


def _shared(state: ConsoleState) -> bool:
    return state.slice(NAME, AnnotationState()).shared


def _why_not(state: ConsoleState) -> str:
    if _shared(state):
        return ""
    return translate("Annotation", "Share a screen or view the customer's first.")


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            "annotate",
            translate("Annotation", "Annotation panel"),
            translate(
                "Annotation",
                "Draw over the shared screen; everyone who sees it sees your annotations",
            ),
            Group.SESSION,
            _shared,
            standard_icon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            feature=NAME,
            why_not=_why_not,
            # In the bar's Session menu (where the manual puts it), not on the bar itself: the
            # bar must fit a 1024-pixel screen.
            on_toolbar=True,
            order=60,
        ),
        on_part(console, NAME, AnnotationPart, AnnotationPart.toggle),
    )


CONSOLE_VIEW = ConsoleView(
    name=NAME, session_part=AnnotationPart, register_actions=_register_actions
)
