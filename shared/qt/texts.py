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
