"""Application sharing's sentences, for both apps (translated under "AppShare")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from shared.features.appshare.protocol import ShareEnd, ShareKind
from shared.qt.i18n import fill

# lupdate collects the strings of translate("Context", "text") calls: write both out.
translate = QCoreApplication.translate


def consent_title(kind: str, agent: str, apps: str) -> str:
    if kind == ShareKind.CONTROL.value:
        text = translate("AppShare", "{agent} asks to control one of your applications")
    elif kind == ShareKind.SHOW.value:
        text = translate("AppShare", "{agent} asks to show you their application “{apps}”")
    elif kind == ShareKind.GIVE_CONTROL.value:
        text = translate("AppShare", "{agent} offers you control of their application “{apps}”")
    else:
        text = translate("AppShare", "{agent} asks to see one of your applications")
    return text.format(agent=agent, apps=apps)


def consent_detail(kind: str) -> str:
    if kind == ShareKind.CONTROL.value:
        return translate(
            "AppShare",
            "You choose the application next. They will see its windows only, not the rest of "
            "your screen, and use your mouse and keyboard in them only. Parts other windows "
            "cover are hidden from them. You can stop at any time.",
        )
    if kind == ShareKind.SHOW.value:
        return translate(
            "AppShare",
            "A window opens on your screen with their application in it; nothing of your "
            "computer is sent. You can stop at any time.",
        )
    if kind == ShareKind.GIVE_CONTROL.value:
        return translate(
            "AppShare",
            "A window opens on your screen with their application in it, and your mouse and "
            "keyboard work in it; nothing of your computer is sent. You can stop at any time.",
        )
    return translate(
        "AppShare",
        "You choose the application next. They will see its windows only, not the rest of "
        "your screen, and cannot use your mouse or keyboard. Parts other windows cover are "
        "hidden from them. You can stop at any time.",
    )


def listed(apps: tuple[str, ...] | list[str]) -> str:
    return ", ".join(apps)


def running_text(kind: str, agent: str, apps: str) -> str:
    if kind == ShareKind.CONTROL.value:
        text = translate("AppShare", "{agent} is controlling: {apps}")
    elif kind == ShareKind.VIEW.value:
        text = translate("AppShare", "{agent} is viewing: {apps}")
    else:
        text = translate("AppShare", "{agent} is sharing their application with you: {apps}")
    return text.format(agent=agent, apps=apps)


def granted_text(apps: str) -> str:
    return translate("AppShare", "Sharing the application: {apps}.").format(apps=apps)


def asked_text(kind: ShareKind, customer: str) -> str:
    """The agent's transcript line while the customer is asked (and, for their application,
    chooses which): until they answer, nothing else on the agent's screen says so."""
    if kind == ShareKind.CONTROL:
        text = translate("AppShare", "Waiting for {name} to choose an application you may control…")
    elif kind == ShareKind.VIEW:
        text = translate("AppShare", "Waiting for {name} to choose an application you may see…")
    elif kind == ShareKind.GIVE_CONTROL:
        text = translate("AppShare", "Waiting for {name} to accept control of your application…")
    else:
        text = translate("AppShare", "Waiting for {name} to accept seeing your application…")
    return fill(text, name=customer)


def refused_text() -> str:
    return translate("AppShare", "The customer refused to share an application.")


def ended_text(reason: ShareEnd | None, agent_side: bool) -> str:
    if reason == ShareEnd.APP_CLOSED:
        return translate("AppShare", "Application sharing ended: the application was closed.")
    if reason == ShareEnd.STOPPED_BY_CUSTOMER and agent_side:
        return translate("AppShare", "Application sharing ended: the customer stopped it.")
    if reason == ShareEnd.STOPPED_BY_AGENT and not agent_side:
        return translate("AppShare", "Application sharing ended: the agent stopped it.")
    if reason == ShareEnd.CONNECTION_LOST:
        return translate("AppShare", "Application sharing ended: the connection was lost.")
    return translate("AppShare", "Application sharing ended.")


def viewer_title(apps: str) -> str:
    return translate("AppShare", "Application: {apps}").format(apps=apps)


def viewer_label(controlled: bool, sharer: str, apps: tuple[str, ...]) -> str:
    """What the viewer's bar says is shown, and whether this user views or controls it."""
    names = listed(apps)
    if not sharer:  # the sharer's name unknown here: the share alone
        if controlled:
            text = translate("AppShare", "Controlling the shared application: {apps}")
        else:
            text = translate("AppShare", "Viewing the shared application: {apps}")
    elif len(apps) > 1:
        if controlled:
            text = translate("AppShare", "Controlling {name}'s applications: {apps}")
        else:
            text = translate("AppShare", "Viewing {name}'s applications: {apps}")
    elif controlled:
        text = translate("AppShare", "Controlling {name}'s application: {apps}")
    else:
        text = translate("AppShare", "Viewing {name}'s application: {apps}")
    return text.format(name=sharer, apps=names)


def waiting_text() -> str:
    return translate("AppShare", "Waiting for the application's picture…")


def stop_window_title() -> str:
    return translate("AppShare", "Application sharing")


def stop_tip() -> str:
    return translate("AppShare", "Stop sharing now")


def add_text() -> str:
    return translate("AppShare", "&Add an application…")


def remove_text() -> str:
    return translate("AppShare", "&Remove")


def picker_title() -> str:
    return translate("AppShare", "Share an application")


def picker_question(kind: ShareKind, agent: str, adding: bool) -> str:
    if adding:
        return translate("AppShare", "Which application do you add to the share?")
    if kind.agent_shares:
        return translate("AppShare", "Which of your applications do you show the customer?")
    if kind.controlled:
        return translate("AppShare", "Which application may {agent} see and control?").format(
            agent=agent
        )
    return translate("AppShare", "Which application may {agent} see?").format(agent=agent)


def open_heading() -> str:
    return translate("AppShare", "Open applications")


def new_application() -> str:
    return translate("AppShare", "New application…")


def installed_heading() -> str:
    return translate("AppShare", "Start an installed application")


def windows_count(count: int) -> str:
    if count == 1:
        return translate("AppShare", "1 window")
    return translate("AppShare", "{count} windows").format(count=count)


def share_button() -> str:
    return translate("AppShare", "&Share")


def nothing_open() -> str:
    return translate("AppShare", "No application has a window open.")
