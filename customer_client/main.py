"""``tandem-client``: the customer's client.

tandem-client                                   ask for the number and a name
tandem-client 'tandem://join?session=…'         join from a link (one click)
tandem-client 'tandem://queue?ticket=…'         wait in a queue (the Get help page's link)
tandem-client --join 123456789 --server URL --name "Ada"
tandem-client --resume FILE                     back to the session after a restart (the
                                                autostart entry runs this; FILE holds the ticket)
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from customer_client.launch import launch_arguments, launch_block_of_this_program
from customer_client.link_handler import register as register_link_handler
from customer_client.queue_start import is_queue_link, open_queue_link
from customer_client.ui.controller import ClientController
from customer_client.ui.window import ClientWindow
from shared.media.memory import one_heap
from shared.qt.bridge import AsyncBridge
from shared.qt.collector import GuiThreadCollector
from shared.qt.i18n import install_translations
from shared.qt.pins import (
    CLIENT_APPLICATION,
    ORGANIZATION,
    LinkPin,
    check_link_pin,
    default_server,
    remember_pin,
)
from shared.resume.ports import take_ticket
from shared.resume.system import system_ports
from shared.security.certificates import normalise_fingerprint
from shared.session.join_link import (
    BadJoinLink,
    QueueLink,
    center_origin,
    link_language,
    parse_join_link,
    parse_session_number,
)
from shared.transport.ice import apply_environment
from shared.windows.launch import remember_launching_window


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="tandem-client", description="Get help from a support agent"
    )
    parser.add_argument("link", nargs="?", help="a tandem://join or tandem://queue link")
    parser.add_argument("--join", metavar="NUMBER", help="session number")
    parser.add_argument("--server", help="support center address (https://…)")
    parser.add_argument("--fingerprint", help="the support center's certificate fingerprint")
    parser.add_argument("--name", help="your name, as the agent will see it")
    parser.add_argument("--password", help="session password, if the agent set one")
    parser.add_argument("--language", help="en or fr (default: the system's)")
    parser.add_argument(
        "--resume", metavar="FILE", help="rejoin the session after a restart (used by autostart)"
    )
    parser.add_argument(
        "--register-link-handler",
        action="store_true",
        help="make this program open tandem:// links on this desktop, then exit",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.register_link_handler:
        print(f"tandem:// links now open with {register_link_handler()}")
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not (sys.argv[1:] if argv is None else argv):
        args = launched_args(args)
    apply_environment()
    remember_launching_window()  # before a window of ours shows: the one co-browsing shares
    one_heap()  # before any thread: the memory of ended views can then go back
    app = QApplication(sys.argv[:1])
    collector = GuiThreadCollector(app)  # noqa: F841  (it lives as long as the app)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(CLIENT_APPLICATION)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # A link clicked on a page in French opens the client in French, unless told otherwise.
    install_translations(app, args.language or link_language(args.link))

    window = resume_client(Path(args.resume)) if args.resume else open_client(args)
    if window is None:
        return 2
    return int(app.exec())


def launched_args(args: argparse.Namespace) -> argparse.Namespace:
    """Started with nothing typed: what the downloaded client's launch block asks, if any
    (customer_client/launch.py)."""
    block = launch_block_of_this_program()
    if block is not None and block.ticket is not None:  # wait in its queue, as its link does
        link = QueueLink(server=block.server, ticket=block.ticket, fingerprint=block.fingerprint)
        return parse_args([link.url(), "--language", block.language])
    arguments = launch_arguments(block) if block is not None else None
    return parse_args(arguments) if arguments is not None else args


def open_client(args: argparse.Namespace) -> ClientWindow | None:
    """Open the window the command line asks for, joining at once when it names the session and
    the customer. A damaged link opens it too, saying so: a click on a link has no terminal to
    read an error on. None: the options themselves are wrong (said on standard error)."""
    if args.link and is_queue_link(args.link):
        return open_queue_link(args.link, create_client)
    try:
        link = parse_join_link(args.link) if args.link else None
    except BadJoinLink as exc:
        print(f"tandem-client: {exc}", file=sys.stderr)  # nothing of it is trusted or kept
        try:
            server = center_origin(args.server) if args.server else default_server()
        except BadJoinLink:
            server = default_server()
        window = create_client(server)
        window.show_bad_link()
        window.show()
        return window

    number = link.session if link else None
    server = link.server if link else args.server
    # A link never replaces a pin by itself: IT's is never replaced, the customer's only on
    # their yes (asked below, with the window open).
    standing = check_link_pin(link.server, link.fingerprint) if link else None
    try:
        if server:  # its one spelling, as pins are kept under and the window connects to
            server = center_origin(server)
        if link and standing in (LinkPin.NEW, LinkPin.SAME):
            remember_pin(link.server, link.fingerprint)
        if args.fingerprint:
            if not server:
                raise BadJoinLink("--fingerprint goes with --server.")
            remember_pin(server, normalise_fingerprint(args.fingerprint))
        if args.join:
            number = parse_session_number(args.join)
    except (BadJoinLink, ValueError) as exc:
        print(f"tandem-client: {exc}", file=sys.stderr)
        return None

    window = create_client(server or default_server())
    window.show()
    if standing is LinkPin.MACHINE_DIFFERS:
        window.refuse_link_not_matching_it()
        return window

    def fill_in() -> None:
        window.prefill(number, args.name, args.password)
        if number is not None and args.name:
            window.submit_join()

    if link and standing is LinkPin.CHANGED:
        window.ask_certificate_change(link.fingerprint, fill_in)
    else:
        fill_in()
    return window


def resume_client(path: Path) -> ClientWindow:
    """Started by the autostart entry after a restart: take the ticket (the file goes at once,
    and the entry with it: both are single-use) and rejoin the same session, nothing typed."""
    ticket = take_ticket(path)
    system_ports().autostart.remove()
    if ticket is None:
        window = create_client(default_server())
        window.show()
        window.show_resume_failed()
        return window
    window = create_client(ticket.server)
    window.show()
    window.rejoin_after_restart(
        ticket.server, ticket.fingerprint, ticket.session, ticket.participant, ticket.ticket
    )
    return window


def create_client(server: str | None) -> ClientWindow:
    """The client's parts, wired together: what ``main`` runs and what the UI tests drive."""
    return ClientWindow(ClientController(AsyncBridge()), server)


if __name__ == "__main__":
    raise SystemExit(main())
