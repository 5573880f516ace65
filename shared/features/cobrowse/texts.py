"""Co-browsing's sentences, for both apps (translated under "Cobrowse")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.features.cobrowse.protocol import CobrowseEnd, CobrowseKind

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def consent_title(kind: str, agent: str, title: str) -> str:
    if kind == CobrowseKind.CONTROL.value:
        text = translate("Cobrowse", "{agent} asks to control your window “{title}”")
    else:
        text = translate("Cobrowse", "{agent} asks to see your window “{title}”")
    return text.format(agent=agent, title=title)


def consent_detail(kind: str) -> str:
    if kind == CobrowseKind.CONTROL.value:
        return translate(
            "Cobrowse",
            "They will see this window only, not the rest of your screen, and use your mouse "
            "and keyboard in it only. Parts of it other windows cover are hidden from them. "
            "Move your own mouse to take back control at once; you can stop at any time.",
        )
    return translate(
        "Cobrowse",
        "They will see this window only, not the rest of your screen, and cannot use your "
        "mouse or keyboard. Parts of it other windows cover are hidden from them. You can "
        "stop at any time.",
    )


def running_text(kind: str, agent: str, title: str) -> str:
    if kind == CobrowseKind.CONTROL.value:
        text = translate("Cobrowse", "{agent} is controlling your window “{title}”")
    else:
        text = translate("Cobrowse", "{agent} is viewing your window “{title}”")
    return text.format(agent=agent, title=title)


def granted_text(title: str) -> str:
    return translate("Cobrowse", "Co-browsing “{title}”.").format(title=title)


def refused_text(no_window: bool) -> str:
    if no_window:
        return translate(
            "Cobrowse",
            "The customer has no launching window to share (it is closed or unknown): ask to "
            "view their desktop instead.",
        )
    return translate("Cobrowse", "The customer refused co-browsing.")


def ended_text(reason: CobrowseEnd | None, agent_side: bool) -> str:
    if reason == CobrowseEnd.WINDOW_CLOSED:
        if agent_side:
            return translate(
                "Cobrowse",
                "Co-browsing ended: the customer closed the window. You may ask to view their "
                "desktop instead.",
            )
        return translate("Cobrowse", "Co-browsing ended: the shared window was closed.")
    if reason == CobrowseEnd.STOPPED_BY_CUSTOMER and agent_side:
        return translate("Cobrowse", "Co-browsing ended: the customer stopped it.")
    if reason == CobrowseEnd.STOPPED_BY_AGENT and not agent_side:
        return translate("Cobrowse", "Co-browsing ended: the agent stopped it.")
    if reason == CobrowseEnd.CONNECTION_LOST:
        return translate("Cobrowse", "Co-browsing ended: the connection was lost.")
    return translate("Cobrowse", "Co-browsing ended.")


def viewer_title(title: str) -> str:
    return translate("Cobrowse", "Co-browsing “{title}”").format(title=title)


def viewer_label(controlled: bool, sharer: str, title: str) -> str:
    """What the viewer's bar says is shown, and whether the agent views or controls it."""
    if not sharer:  # the customer's name unknown here: the window alone
        if controlled:
            text = translate("Cobrowse", "Controlling the shared window “{title}”")
        else:
            text = translate("Cobrowse", "Viewing the shared window “{title}”")
    elif controlled:
        text = translate("Cobrowse", "Controlling {name}'s window “{title}”")
    else:
        text = translate("Cobrowse", "Viewing {name}'s window “{title}”")
    return text.format(name=sharer, title=title)


def waiting_text() -> str:
    return translate("Cobrowse", "Waiting for the window's picture…")


def stop_window_title() -> str:
    return translate("Cobrowse", "Co-browsing")


def stop_tip() -> str:
    return translate("Cobrowse", "Stop sharing this window now")
