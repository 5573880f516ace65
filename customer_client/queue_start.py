"""Waiting in a queue with nothing to type, from a ``tandem://queue`` link: the Get help page's
for a client already installed, or the one ``main`` makes of a downloaded client's launch block
that carries a ticket. The center's certificate it names is handled as a join link's: kept
when new, asked about when the customer's own pin differs, refused when IT's does."""

from __future__ import annotations

import sys
from collections.abc import Callable
from urllib.parse import urlsplit

from customer_client.ui.window import ClientWindow
from shared.qt.pins import LinkPin, check_link_pin, default_server, pinned_fingerprint, remember_pin
from shared.session.join_link import SCHEME, BadJoinLink, parse_queue_link

WindowFactory = Callable[[str | None], ClientWindow]


def is_queue_link(text: str) -> bool:
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme == SCHEME and parts.netloc == "queue"


def open_queue_link(url: str, create: WindowFactory) -> ClientWindow:
    """Wait in the queue with the link's ticket; a damaged link opens the window saying so."""
    try:
        link = parse_queue_link(url)
    except BadJoinLink as exc:
        print(f"tandem-client: {exc}", file=sys.stderr)  # nothing of it is trusted or kept
        window = create(default_server())
        window.show_bad_link()
        window.show()
        return window
    ticket = link.ticket
    return _open_pinned(
        link.server,
        link.fingerprint,
        create,
        lambda window: _wait(window, link.server, ticket),
    )


def _wait(window: ClientWindow, server: str, ticket: str) -> None:
    fingerprint = pinned_fingerprint(server)
    assert fingerprint is not None  # kept or confirmed before (``_open_pinned``)
    window.wait_in_queue(server, fingerprint, ticket)


def _open_pinned(
    server: str,
    fingerprint: str,
    create: WindowFactory,
    then: Callable[[ClientWindow], None],
) -> ClientWindow:
    """The window for ``server``, running ``then`` once the certificate is settled as a join
    link's is: never without the customer's yes when theirs differs, never against IT's."""
    try:
        standing = check_link_pin(server, fingerprint)
    except ValueError:  # a fingerprint that is none
        standing = None
    if standing in (LinkPin.NEW, LinkPin.SAME):
        remember_pin(server, fingerprint)
    window = create(server)
    window.show()
    if standing is None:
        window.show_bad_link()
    elif standing is LinkPin.MACHINE_DIFFERS:
        window.refuse_link_not_matching_it()
    elif standing is LinkPin.CHANGED:
        window.ask_certificate_change(fingerprint, lambda: then(window))
    else:
        then(window)
    return window
