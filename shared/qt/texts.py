"""User-facing sentences for engine codes, translated; both apps show the same words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "SessionTexts"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def session_closed_text(code: str, by: str | None, me_name: str | None = None) -> str:
    """Why a session ended, as a sentence for the person whose session it was."""
    if code == "ended_by_agent":
        if by and by == me_name:
            return _t("You ended the session.")
        if by:
            return _t("{name} ended the session.").format(name=by)
        return _t("The session was ended.")
    if code == "left":
        return _t("You left the session.")
    if code == "agent_left":
        return _t("The agent's connection was lost and did not come back; the session ended.")
    if code == "expired":
        return _t("The session expired.")
    if code == "connection_lost":
        return _t("The connection was lost; the session ended.")
    if code == "disconnected":
        return _t("The session was closed.")
    return _t("The session ended ({code}).").format(code=code)


def participant_gone_text(reason: str) -> str:
    if reason == "left":
        return _t("left")
    if reason == "disconnected":
        return _t("disconnected")
    if reason == "removed":
        return _t("session over")
    return _t("gone")


def role_text(role: str) -> str:
    return {
        "primary_agent": _t("Agent"),
        "assistant_agent": _t("Assisting agent"),
        "customer": _t("Customer"),
    }.get(role, role)


# --- desktop sharing ------------------------------------------------------------------------------


def consent_title(kind: str, agent: str) -> str:
    """The consent dialog's question, naming the agent and what they ask."""
    return {
        "view": _t("{agent} asks to see your screen"),
        "control": _t("{agent} asks to control your computer"),
        "show": _t("{agent} wants to show you their screen"),
        "give_control": _t("{agent} offers you control of their computer"),
    }.get(kind, _t("{agent} asks to share a screen")).format(agent=agent)


def consent_detail(kind: str) -> str:
    return {
        "view": _t(
            "They will see everything on your screen, but cannot use your mouse or keyboard. "
            "You can stop sharing at any time."
        ),
        "control": _t(
            "They will see your screen and use your mouse and keyboard. Move your own mouse to "
            "take back control at once; you can stop sharing at any time."
        ),
        "show": _t(
            "Their screen will open in a window on this computer. Nothing of yours is shared."
        ),
        "give_control": _t(
            "Their screen will open in a window on this computer, and your mouse and keyboard "
            "will work on their computer. Nothing of yours is shared."
        ),
    }.get(kind, "")


def indicator_text(kind: str, viewer: str) -> str:
    """The sharer's always-visible reminder of who sees their screen."""
    if kind in ("control", "give_control"):
        return _t("Your screen is being controlled by {name}").format(name=viewer)
    return _t("Your screen is being viewed by {name}").format(name=viewer)


def shared_now_text(kind: str, state: str, other: str, i_share: bool) -> str:
    """One calm line about a live activity, for the window of either side."""
    if state == "requested":
        return _t("Waiting for {name} to accept…").format(name=other)
    if i_share:
        if kind in ("control", "give_control"):
            return _t("{name} can see and control your screen.").format(name=other)
        return _t("{name} can see your screen.").format(name=other)
    if kind in ("control", "give_control"):
        return _t("You are controlling {name}'s screen.").format(name=other)
    return _t("You are viewing {name}'s screen.").format(name=other)


def sharing_ended_text(state: str, reason: str | None, other: str, i_stopped: bool) -> str:
    """Why an activity is over: refused, or who or what stopped it."""
    if state == "refused":
        return _t("{name} refused.").format(name=other)
    if reason == "capture_failed":
        return _t("The screen could not be captured; sharing stopped.")
    if reason == "connection_lost":
        return _t("The connection was lost; sharing stopped.")
    if reason == "session_ended":
        return _t("The session ended; sharing stopped.")
    if i_stopped:
        return _t("You stopped sharing.")
    return _t("{name} stopped sharing.").format(name=other)


def nothing_shared_text() -> str:
    return _t("Nothing on this computer is shared.")


def control_paused_text(sharer_is_customer: bool, sharer: str) -> str:
    """Shown to the controller while the sharer's own mouse or keyboard has the upper hand."""
    if sharer_is_customer:
        return _t("The customer is using their mouse — your input is paused")
    return _t("{name} is using their mouse — your input is paused").format(name=sharer)
