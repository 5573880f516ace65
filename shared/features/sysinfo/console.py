"""System information in the agent's console: the action under Customer information (the
manual's "Informations système"; also on the icon bar and the multisession toolbar), opening
the session's window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStyle

from shared.features.sysinfo.part import SysinfoPart
from shared.features.sysinfo.protocol import NAME
from shared.qt.feature_views import (
    ActionSpec,
    ConsoleHost,
    ConsoleView,
    Group,
    on_part,
    standard_icon,
)

ACTION = "system_info"
translate = QCoreApplication.translate


def _register_actions(console: ConsoleHost) -> None:
    console.register(
        ActionSpec(
            ACTION,
            translate("Actions", "System information"),
            translate("Actions", "See the customer's system: hardware, programs, services"),
            Group.CUSTOMER,
            lambda state: state.customer_linked,
            standard_icon(QStyle.StandardPixmap.SP_DriveHDIcon),
            feature=NAME,
            order=10,
            primary_only=True,
        ),
        on_part(console, NAME, SysinfoPart, SysinfoPart.open_window),
    )


CONSOLE_VIEW = ConsoleView(name=NAME, session_part=SysinfoPart, register_actions=_register_actions)
