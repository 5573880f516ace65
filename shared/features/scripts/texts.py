"""The sentences script runs show, on either side, translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.features.scripts.engine import (
    ACCOUNT_CHANGED,
    BUSY,
    CENTER_UNREACHABLE,
    DECLINED,
    HASH_MISMATCH,
    NOT_PRIMARY,
    STOPPED_BY_CUSTOMER,
    ScriptsEvent,
)
from shared.features.scripts.protocol import ScriptsOffer
from shared.qt.i18n import fill

translate = QCoreApplication.translate


def refused_text(code: str) -> str:
    texts = {
        DECLINED: translate("Scripts", "The customer declined: no script ran."),
        HASH_MISMATCH: translate(
            "Scripts",
            "The customer's computer refused the scripts: they differ from the support "
            "center's library. No script ran.",
        ),
        CENTER_UNREACHABLE: translate(
            "Scripts",
            "The customer's computer could not check the scripts with the support center. "
            "No script ran.",
        ),
        BUSY: translate("Scripts", "Scripts are already running on the customer's computer."),
        NOT_PRIMARY: translate("Scripts", "Only the agent in charge may run scripts."),
        ACCOUNT_CHANGED: translate(
            "Scripts",
            "The account the scripts would run as changed while the customer was asked. "
            "No script ran.",
        ),
    }
    return texts.get(code, translate("Scripts", "The customer's computer refused the scripts."))


def finished_text(event: ScriptsEvent) -> str:
    name = event.name
    match event.outcome:
        case "ok":
            return translate("Scripts", "Script {name} finished (exit status 0).").format(name=name)
        case "failed":
            return translate("Scripts", "Script {name} failed (exit status {status}).").format(
                name=name, status=event.exit_status
            )
        case "timed_out":
            return translate(
                "Scripts",
                "Script {name} ran past its time limit: it was stopped, with the processes it "
                "started.",
            ).format(name=name)
        case "refused":
            return translate(
                "Scripts",
                "Script {name} was refused: its bytes differ from the support center's library. "
                "It did not run.",
            ).format(name=name)
    return translate("Scripts", "Script {name} could not start.").format(name=name)


def truncated_text(name: str) -> str:
    return fill(
        translate("Scripts", "The output of {name} was too long: only its beginning is shown."),
        name=name,
    )


def event_text(event: ScriptsEvent) -> list[str]:
    """The chat notices an event of a run makes on the agent's side (none for some)."""
    match event.kind:
        case "refused":
            return [refused_text(event.code)]
        case "running":
            return [translate("Scripts", "Running script {name}…").format(name=event.name)]
        case "accepted":
            return [translate("Scripts", "The customer allowed the scripts; they are running.")]
        case "output":
            text = event.text.rstrip("\n")
            return [f"[{event.name}] {text}"] if text else []
        case "finished":
            lines = [finished_text(event)]
            if event.truncated:
                lines.append(truncated_text(event.name))
            return lines
        case "done" if event.code == STOPPED_BY_CUSTOMER:
            return [
                translate(
                    "Scripts",
                    "Stopped by the customer: the running script was ended and the rest did "
                    "not run.",
                )
            ]
        case "done" if event.truncated:
            return [translate("Scripts", "The script run stopped before its end.")]
        case "done":
            return [translate("Scripts", "All the scripts have run.")]
    return []


def question(agent: str, offer: ScriptsOffer | None, account: str = "") -> tuple[str, str]:
    """The customer's consent question, with each script and its SHA-256, and the account they
    run as when it is not the customer's own (an agent logged on as another user)."""
    if account:
        text = fill(
            translate("Scripts", "{agent} wants to run scripts on your computer as {account}."),
            agent=agent,
            account=account,
        )
    else:
        text = translate("Scripts", "{agent} wants to run scripts on your computer.").format(
            agent=agent
        )
    lines = []
    for number, meta in enumerate(offer.scripts if offer is not None else [], 1):
        lines.append(f"{number}. {meta.name}")
        lines.append(
            "    " + translate("Scripts", "SHA-256: {sha256}").format(sha256=meta.executable_sha256)
        )
    lines.append("")
    if account:
        lines.append(
            translate(
                "Scripts",
                "They run under the account {account}, with its rights, not yours.",
            ).format(account=account)
        )
    lines.append(
        translate(
            "Scripts",
            "They run one after another in a temporary folder, removed afterwards; what they "
            "print goes to {agent}. The support center checked that each is the one in its "
            "library.",
        ).format(agent=agent)
    )
    return text, "\n".join(lines)


def unknown_text(names: list[str]) -> str:
    return translate("Scripts", "The library has no script named {names}.").format(
        names=", ".join(names)
    )


def running_title() -> str:
    return translate("Scripts", "Scripts running — Tandem")


def stop_tip() -> str:
    return translate("Scripts", "Stop the scripts now: the one running ends, the rest do not run")


def running_text(agent: str, account: str, script: str) -> str:
    """The customer's window while a run goes on."""
    if account:
        text = fill(
            translate("Scripts", "{agent} is running scripts on your computer as {account}."),
            agent=agent,
            account=account,
        )
    else:
        text = translate("Scripts", "{agent} is running scripts on your computer.").format(
            agent=agent
        )
    if script:
        text += "\n" + translate("Scripts", "Now: {name}").format(name=script)
    return text
