"""Desktop sharing's sentences, for both apps (translated under "SessionTexts", the context
both apps' sentences share)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from shared.features.desktop.protocol import ColourMode
from shared.qt.i18n import fill

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def consent_title(kind: str, agent: str) -> str:
    """The consent dialog's question, naming the agent and what they ask."""
    return {
        "view": translate("SessionTexts", "{agent} asks to see your screen"),
        "control": translate("SessionTexts", "{agent} asks to control your computer"),
        "show": translate("SessionTexts", "{agent} wants to show you their screen"),
        "give_control": translate("SessionTexts", "{agent} offers you control of their computer"),
    }.get(kind, translate("SessionTexts", "{agent} asks to share a screen")).format(agent=agent)


def consent_detail(kind: str) -> str:
    """What granting means, the clipboard's ways included: they are what the customer agrees
    to (``shared.features.desktop.clipboard`` keeps to these words)."""
    return {
        "view": translate(
            "SessionTexts",
            "They will see everything on your screen, but cannot use your mouse, your keyboard "
            "or your clipboard. You can stop sharing at any time.",
        ),
        "control": translate(
            "SessionTexts",
            "They will see your screen and use your mouse and keyboard. Your clipboard is "
            "shared both ways: text you copy goes to them, and text they copy comes to you. "
            "Move your own mouse to take back control at once; you can stop sharing at any "
            "time.",
        ),
        "show": translate(
            "SessionTexts",
            "Their screen will open in a window on this computer. Nothing of yours is shared, "
            "not even your clipboard.",
        ),
        "give_control": translate(
            "SessionTexts",
            "Their screen will open in a window on this computer, and your mouse and keyboard "
            "will work on their computer. Text you copy there comes to your clipboard. Nothing "
            "of yours is shared, not even your clipboard.",
        ),
    }.get(kind, "")


def indicator_text(kind: str, viewer: str, also: Sequence[str] = ()) -> str:
    """The sharer's always-visible reminder of who sees their screen: the agent, and the
    assistant agents it is forwarded to (``also``)."""
    if kind in ("control", "give_control"):
        text = translate("SessionTexts", "Your screen is being controlled by {name}").format(
            name=viewer
        )
    else:
        text = translate("SessionTexts", "Your screen is being viewed by {name}").format(
            name=viewer
        )
    if also:
        text += " " + also_seeing_text(also)
    return text


def also_seeing_text(names: Sequence[str]) -> str:
    """The assistant agents who see a customer's screen as well as the agent in charge."""
    return translate("SessionTexts", "(also seen by {names}, assisting)").format(
        names=", ".join(names)
    )


def assisted_detail(names: Sequence[str]) -> str:
    """Said in the question when assistant agents are in the session: they will see too."""
    return translate(
        "SessionTexts", "Agents assisting in this session will see your screen too: {names}."
    ).format(names=", ".join(names))


def being_asked_text(kind: str, agent: str) -> str:
    """The customer's window while their consent dialog waits for an answer."""
    return translate("SessionTexts", "{question} — answer in the window that opened.").format(
        question=consent_title(kind, agent)
    )


def waiting_text(kind: str) -> str:
    """The asking agent's line while the customer's answer is awaited: it names what was asked
    (to be filled with ``fill``, whose ``{name}`` is the customer's)."""
    return {
        "view": translate("SessionTexts", "Waiting for {name} to let you see their screen…"),
        "control": translate("SessionTexts", "Waiting for {name} to let you control their screen…"),
        "show": translate("SessionTexts", "Waiting for {name} to accept seeing your screen…"),
        "give_control": translate(
            "SessionTexts", "Waiting for {name} to accept control of your screen…"
        ),
    }.get(kind, translate("SessionTexts", "Waiting for {name} to accept…"))


def shared_now_text(kind: str, state: str, other: str, i_share: bool) -> str:
    """One calm line about a live activity, for the window of either side (the agent's, while
    the customer is asked)."""
    if state == "requested":
        return fill(waiting_text(kind), name=other)
    if i_share:
        if kind in ("control", "give_control"):
            return translate("SessionTexts", "{name} can see and control your screen.").format(
                name=other
            )
        return translate("SessionTexts", "{name} can see your screen.").format(name=other)
    if kind in ("control", "give_control"):
        return fill(translate("SessionTexts", "You are controlling {name}'s screen."), name=other)
    return fill(translate("SessionTexts", "You are viewing {name}'s screen."), name=other)


def sharing_ended_text(state: str, reason: str | None, other: str, i_stopped: bool) -> str:
    """Why an activity is over: refused, or who or what stopped it."""
    if state == "refused":
        return translate("SessionTexts", "{name} refused.").format(name=other)
    if reason == "capture_failed":
        return translate("SessionTexts", "The screen could not be captured; sharing stopped.")
    if reason == "connection_lost":
        return translate("SessionTexts", "The connection was lost; sharing stopped.")
    if reason == "failed":
        return translate("SessionTexts", "Something went wrong on this computer; sharing stopped.")
    if reason == "session_ended":
        return translate("SessionTexts", "The session ended; sharing stopped.")
    if reason == "control_changed":
        return translate("SessionTexts", "Another agent is in charge now; sharing stopped.")
    if i_stopped:
        return translate("SessionTexts", "You stopped sharing.")
    return translate("SessionTexts", "{name} stopped sharing.").format(name=other)


def screen_not_shared_text() -> str:
    return translate("SessionTexts", "Your screen is not shared.")


def other_share_text() -> str:
    """Shown when no desktop is shared but another feature shares something (an application,
    a browser window): its own window says what, with its Stop."""
    return translate(
        "SessionTexts", "Part of this computer is shared: its own window says what, with Stop."
    )


def control_paused_text(sharer_is_customer: bool, sharer: str) -> str:
    """Shown to the controller while the sharer's own mouse or keyboard has the upper hand."""
    if sharer_is_customer:
        return translate("SessionTexts", "The customer is using their mouse — your input is paused")
    return translate("SessionTexts", "{name} is using their mouse — your input is paused").format(
        name=sharer
    )


def control_resumed_text(sharer_is_customer: bool, sharer: str) -> str:
    """Shown to the controller when their input goes again after such a pause."""
    if sharer_is_customer:
        return translate(
            "SessionTexts",
            "Your typing was paused while the customer used their computer; "
            "nothing you typed meanwhile was sent.",
        )
    return fill(
        translate(
            "SessionTexts",
            "Your typing was paused while {name} used their computer; "
            "nothing you typed meanwhile was sent.",
        ),
        name=sharer,
    )


def colour_title(mode: ColourMode) -> str:
    titles = {
        ColourMode.FULL: QCoreApplication.translate("Preferences", "Full colour"),
        ColourMode.HIGH16: QCoreApplication.translate("Preferences", "High colour (16-bit)"),
        ColourMode.PALETTE256: QCoreApplication.translate("Preferences", "256 colours"),
    }
    return titles[mode]
