"""User-facing sentences for engine codes, translated; both apps show the same words."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shared.qt.i18n import fill
from shared.session.consent import TAKEOVER, PermissionKind

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def session_closed_text(code: str, by: str | None, me_name: str | None = None) -> str:
    """Why a session ended, as a sentence for the person whose session it was."""
    if code == "ended_by_agent":
        if by and by == me_name:
            return translate("SessionTexts", "You ended the session.")
        if by:
            return translate("SessionTexts", "{name} ended the session.").format(name=by)
        return translate("SessionTexts", "The session was ended.")
    if code == "left":
        return translate("SessionTexts", "You left the session.")
    if code == "transferred":
        return translate(
            "SessionTexts", "You transferred the session; the customer waits for the next agent."
        )
    if code == "agent_left":
        return translate("SessionTexts", "Your agent did not come back in time; the session ended.")
    if code == "kept":
        return translate(
            "SessionTexts", "You left this session open for a while: sign back in to resume it."
        )
    if code == "expired":
        return translate("SessionTexts", "The session expired.")
    if code == "connection_lost":
        return translate("SessionTexts", "The connection was lost; the session ended.")
    if code == "disconnected":
        return translate("SessionTexts", "The session was closed.")
    return translate("SessionTexts", "The session ended ({code}).").format(code=code)


def participant_gone_text(reason: str) -> str:
    if reason == "left":
        return translate("SessionTexts", "left")
    if reason == "disconnected":
        return translate("SessionTexts", "disconnected")
    if reason == "removed":
        return translate("SessionTexts", "session over")
    if reason == "away":
        return translate("SessionTexts", "stepped away")
    if reason == "restarting":
        # Their computer restarts; the client rejoins by itself (the restart feature).
        return translate("SessionTexts", "restarting…")
    return translate("SessionTexts", "gone")


def participant_gone_notice(name: str, reason: str) -> str:
    """Said in the agent's chat when a participant goes: a sentence of its own, not the
    participants' list's state after the name ("Grace session over." read as broken)."""
    if reason == "left":
        text = translate("SessionTexts", "{name} left.")
    elif reason == "disconnected":
        text = translate("SessionTexts", "{name} was disconnected.")
    elif reason == "removed":
        text = translate("SessionTexts", "The session is over for {name}.")
    elif reason == "away":
        text = translate("SessionTexts", "{name} stepped away.")
    elif reason == "restarting":
        text = translate("SessionTexts", "{name}'s computer is restarting…")
    else:
        text = translate("SessionTexts", "{name} is gone.")
    return fill(text, name=name)


def agent_away_text(name: str, back_within_s: float) -> str:
    """Told to customers as soon as their agent leaves keeping the session (or drops)."""
    minutes = math.ceil(back_within_s / 60)
    if minutes <= 1:
        text = translate(
            "SessionTexts", "Your agent {name} has left and may come back within a minute."
        )
    else:
        text = translate(
            "SessionTexts", "Your agent {name} has left and may come back within {n} minutes."
        )
    more = translate(
        "SessionTexts",
        "You can wait here, or leave the session. If they do not come back in time, the "
        "session ends.",
    )
    return text.format(name=name, n=minutes) + "\n" + more


def role_text(role: str) -> str:
    return {
        "primary_agent": translate("SessionTexts", "Agent"),
        "assistant_agent": translate("SessionTexts", "Assisting agent"),
        "customer": translate("SessionTexts", "Customer"),
    }.get(role, role)


# --- consent --------------------------------------------------------------------------------------


def permission_question(agent: str) -> str:
    """The consent dialog's question when the asking feature words none of its own."""
    return translate("SessionTexts", "{agent} asks for your permission").format(agent=agent)


def allow_all_explained(takeover: bool) -> str:
    """What the consent dialog's "allow everything" covers and what still asks, one sentence
    per group of ``shared.session.consent`` (whole sentences: they translate as such)."""
    covered = translate(
        "SessionTexts",
        "Without asking again: seeing your screen or one of your applications, moving files "
        "to and from your computer, reading system information, recording the session.",
    )
    if takeover:
        screen_and_input = translate(
            "SessionTexts",
            "Also without asking, as you chose: controlling your computer or one of your "
            "applications, opening their screen over yours, giving you control of their computer.",
        )
    else:
        screen_and_input = translate(
            "SessionTexts",
            "Still asked each time: controlling your computer or one of your applications, "
            "opening their screen over yours, giving you control of their computer.",
        )
    always = translate(
        "SessionTexts",
        "Always asked: running scripts, restarting your computer, running programs as another "
        "user, voice and video calls, adding a printer that sends your prints to the agent.",
    )
    return "\n".join((covered, screen_and_input, always))


def allow_all_on_text(allowed: frozenset[PermissionKind]) -> str:
    """The customer's window while "allow everything" is on."""
    if allowed >= TAKEOVER:
        return translate(
            "SessionTexts",
            "“Allow everything” is on, control included: your agent no longer asks before "
            "seeing or controlling your computer, moving files, reading system information or "
            "recording the session.",
        )
    return translate(
        "SessionTexts",
        "“Allow everything” is on: your agent no longer asks before seeing your screen or one "
        "of your applications, moving files, reading system information or recording the "
        "session.",
    )


# --- the support center's refusals ----------------------------------------------------------------

# The center explains a refusal in English; these are the reasons it gives (and the apps' own
# failures), marked for lupdate so each is shown in the user's language.
CENTER_REASONS = (
    QT_TRANSLATE_NOOP("SessionTexts", "There is no session with this number."),
    QT_TRANSLATE_NOOP("SessionTexts", "This session has ended."),
    QT_TRANSLATE_NOOP("SessionTexts", "The session password is not right."),
    QT_TRANSLATE_NOOP("SessionTexts", "This session is full."),
    QT_TRANSLATE_NOOP("SessionTexts", "Unknown user name or wrong password."),
    QT_TRANSLATE_NOOP("SessionTexts", "Sign in first."),
    QT_TRANSLATE_NOOP("SessionTexts", "Your sign-in has expired; sign in again."),
    QT_TRANSLATE_NOOP("SessionTexts", "There is no open session of yours with this number."),
    QT_TRANSLATE_NOOP("SessionTexts", "Only the agent in charge can end the session."),
    QT_TRANSLATE_NOOP("SessionTexts", "The agent in charge ends the session instead."),
    # Assistant agents: joining, handing control over, taking over.
    QT_TRANSLATE_NOOP("SessionTexts", "There is no open session with this number."),
    QT_TRANSLATE_NOOP("SessionTexts", "You are already in charge of this session."),
    QT_TRANSLATE_NOOP("SessionTexts", "Only the agent in charge can hand control over."),
    QT_TRANSLATE_NOOP("SessionTexts", "Only the agent in charge can keep the session."),
    QT_TRANSLATE_NOOP("SessionTexts", "That agent is not an assistant in this session."),
    QT_TRANSLATE_NOOP("SessionTexts", "Only an assistant agent can take over."),
    QT_TRANSLATE_NOOP(
        "SessionTexts",
        "The agent in charge has not lost their connection; they can hand control over.",
    ),
    QT_TRANSLATE_NOOP("SessionTexts", "That participant is not connected."),
    QT_TRANSLATE_NOOP("SessionTexts", "This message is too large to pass on."),
    QT_TRANSLATE_NOOP("SessionTexts", "The support center could not handle this message."),
    QT_TRANSLATE_NOOP("SessionTexts", "Too many connections from your network. Try again later."),
    QT_TRANSLATE_NOOP("SessionTexts", "The support center sent an unexpected answer."),
    QT_TRANSLATE_NOOP("SessionTexts", "The support center did not answer in time."),
    QT_TRANSLATE_NOOP("SessionTexts", "The support center closed the connection."),
    QT_TRANSLATE_NOOP("SessionTexts", "Not connected to the support center."),
    QT_TRANSLATE_NOOP("SessionTexts", "The agent's computer could not be reached."),
    QT_TRANSLATE_NOOP("SessionTexts", "The session ended before it started."),
    # The session engine's own notices.
    QT_TRANSLATE_NOOP("SessionTexts", "Lost the connection to the support center; reconnecting…"),
    QT_TRANSLATE_NOOP("SessionTexts", "Connected to the support center again."),
)


def connection_failure_text(code: str, customer: bool) -> str | None:
    """What went wrong reaching the center, and what to do about it: for a customer (who got a
    join link from their agent) or an agent (who typed the center's address and fingerprint).
    None: ``code`` is not a ``ConnectionFailure``."""
    what = {
        "refused": translate("SessionTexts", "The support center is not accepting connections."),
        "not_found": translate("SessionTexts", "The support center's address could not be found."),
        "no_answer": translate("SessionTexts", "The support center did not answer in time."),
        "certificate_mismatch": translate(
            "SessionTexts",
            "The support center did not show the certificate this program trusts, so nothing was "
            "sent: the connection may be intercepted, or the center's certificate has changed.",
        ),
        "not_secure": translate(
            "SessionTexts",
            "No secure connection to the support center could be set up, so nothing was sent.",
        ),
        "unreachable": translate("SessionTexts", "The support center could not be reached."),
    }.get(code)
    if what is None:
        return None
    check_network = translate(
        "SessionTexts", "Check that this computer is connected to the internet, then try again."
    )
    if customer:
        new_link = translate("SessionTexts", "Ask your agent for a new join link.")
        advice = {
            "refused": translate(
                "SessionTexts",
                "Try again in a few minutes; if it still fails, ask your agent for a new "
                "join link.",
            ),
            "certificate_mismatch": new_link,
            "not_secure": new_link,
        }.get(code, check_network)
    else:
        advice = {
            "refused": translate(
                "SessionTexts", "Check the center's address and that it is running, then try again."
            ),
            "not_found": translate(
                "SessionTexts", "Check the center's address and this computer's connection."
            ),
            "certificate_mismatch": translate(
                "SessionTexts", "Check the fingerprint with whoever runs the center."
            ),
            "not_secure": translate(
                "SessionTexts", "Check that the address is the center's https:// address."
            ),
        }.get(code, check_network)
    return f"{what} {advice}"


def center_error_text(
    code: str, reason: str, retry_after_s: float | None = None, customer: bool = False
) -> str:
    """A refusal or failure of the support center, in the user's language; a reason the apps do
    not know (a newer center's) is shown as the center wrote it. ``customer``: advice for the
    customer's client rather than for the agent's console."""
    if code == "rate_limited" and retry_after_s is not None:
        return translate("SessionTexts", "Too many attempts. Try again in {n} seconds.").format(
            n=int(retry_after_s) + 1
        )
    if code == "too_many_sessions":
        return translate(
            "SessionTexts", "You already have as many sessions open as allowed; end one first."
        )
    if code == "feature_failed":  # the details are in the log and the session's audit
        return translate(
            "SessionTexts",
            "Something went wrong on this computer and one activity stopped; the session goes on.",
        )
    failure = connection_failure_text(code, customer)
    if failure is not None:
        return failure
    return translate("SessionTexts", reason) if reason in CENTER_REASONS else reason
