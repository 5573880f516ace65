"""The security code in one session: per agent–customer link, the nonce exchange, the code,
and whether the two people said it matches.

A new link (a reconnection, or an offer that replaced a working link) is a new code: whatever
was said of the old one goes with it, audited, and both sides say the code is new. A mismatch
stays until the link changes; nothing turns it into "verified".

"Verified" is the agent's mark, on the agent's side only. The customer's side never shows it: the
agent's "the codes match" arrives over the very link in question, so whoever holds its other end
(a man in the middle included) can send it; it is audited as a claim and changes nothing shown.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from dataclasses import dataclass, replace
from enum import StrEnum

from shared.features.verify.code import commitment, new_nonce, short_code
from shared.features.verify.protocol import (
    NAME,
    VERIFY_MESSAGES,
    VerifyCommit,
    VerifyConfirmed,
    VerifyMismatch,
    VerifyNonce,
    VerifyReveal,
)
from shared.protocol.messages import PeerMessage, Role
from shared.session.events import ParticipantsChanged
from shared.session.live import LiveSession
from shared.transport.link import Link, LinkState

log = logging.getLogger(__name__)


class Status(StrEnum):
    NONE = "none"  # no link (it went down, or the session is over)
    EXCHANGING = "exchanging"  # the link is up; the nonces are on their way
    READY = "ready"  # the code is there to read aloud
    VERIFIED = "verified"  # agent side only: the agent heard the customer read the same code
    MISMATCH = "mismatch"  # the customer said the codes differ
    FAILED = "failed"  # the exchange broke its rules: no code can be trusted on this link


@dataclass(frozen=True)
class Verification:
    """Where the code with one other participant stands (published to the views)."""

    remote_id: str
    remote_name: str
    status: Status
    code: str = ""  # six digits once READY
    # A code was shown with them on an earlier link of this session: this one is new, and
    # what the two people compared before says nothing of it ("compare again").
    renewed: bool = False


@dataclass
class _Pair:
    link: Link
    my_nonce: str
    view: Verification
    their_commitment: str = ""
    their_nonce: str = ""
    committed: bool = False  # agent side: our commitment went out on this link


class VerifyFeature:
    name = NAME
    handles: tuple[type[PeerMessage], ...] = VERIFY_MESSAGES

    def __init__(self, session: LiveSession) -> None:
        self.session = session
        self._pairs: dict[str, _Pair] = {}
        # Those we showed a code with on some link of this session: a later link is "renewed".
        self._had_code: set[str] = set()
        session.engine.subscribe(self._engine_event)
        session.add_feature(self)
        for remote_id in list(session.links):  # links already up when the part is put on
            self._current(remote_id)

    # --- what the views read and do ---------------------------------------------------------

    def verification(self, remote_id: str) -> Verification | None:
        pair = self._pairs.get(remote_id)
        return pair.view if pair is not None else None

    @property
    def verifications(self) -> tuple[Verification, ...]:
        return tuple(pair.view for pair in self._pairs.values())

    def confirm(self, customer_id: str) -> None:
        """Agent side: the customer read the same code. Refused unless the code is there and
        nobody said it differs."""
        pair = self._pairs.get(customer_id)
        if not self._agent_side(customer_id) or pair is None:
            raise ValueError("no security code with that customer")
        if pair.view.status != Status.READY:
            raise ValueError(f"the code cannot be marked verified now ({pair.view.status})")
        self.session.send_to(customer_id, VerifyConfirmed(code=pair.view.code))
        self._set(pair, Status.VERIFIED)
        self._audit("verify.confirmed", customer=customer_id, agent=self._my_id())

    def mismatch(self, agent_id: str) -> None:
        """Customer side: the code the agent read is not ours."""
        pair = self._pairs.get(agent_id)
        if self._agent_side(agent_id) or pair is None:
            raise ValueError("no security code with that agent")
        if pair.view.status in (Status.NONE, Status.EXCHANGING, Status.MISMATCH):
            raise ValueError(f"there is no code to say differs now ({pair.view.status})")
        self._set(pair, Status.MISMATCH)
        self._audit("verify.mismatch", customer=self._my_id(), agent=agent_id)
        if pair.view.code:
            with contextlib.suppress(ConnectionError):
                self.session.send_to(agent_id, VerifyMismatch(code=pair.view.code))

    # --- following the links ----------------------------------------------------------------

    def _engine_event(self, event: object) -> None:
        if isinstance(event, ParticipantsChanged):
            for remote_id in list(self.session.links):
                self._current(remote_id)

    def _agent_side(self, remote_id: str) -> bool:
        """True when we are an agent and ``remote_id`` a customer (the side that commits)."""
        me = self.session.engine.me
        return me is not None and me.role != Role.CUSTOMER and self._role(remote_id) == "customer"

    def _role(self, remote_id: str) -> str:
        other = self.session.engine.participant(remote_id)
        if other is None:
            return ""
        return "customer" if other.info.role == Role.CUSTOMER else "agent"

    def _ours(self, remote_id: str) -> bool:
        """A code is made between an agent and a customer, never between two of a kind."""
        me = self.session.engine.me
        if me is None:
            return False
        mine = "customer" if me.role == Role.CUSTOMER else "agent"
        theirs = self._role(remote_id)
        return bool(theirs) and theirs != mine

    def _current(self, remote_id: str) -> _Pair | None:
        """The exchange over our present link to ``remote_id``; a new link starts a new one.

        Called on every change of participants, which a new link makes whether or not anyone
        was marked gone: it is "not linked" while it connects and "linked" once open, so an
        offer that replaced a working link (a man in the middle's, say) shows here too."""
        link = self.session.links.get(remote_id)
        if link is None or link.state in (LinkState.LOST, LinkState.CLOSED):
            return None
        if not self._ours(remote_id):
            return None
        pair = self._pairs.get(remote_id)
        if pair is None or pair.link is not link:
            if pair is not None:
                self._forget(remote_id, "new_link")
            other = self.session.engine.participant(remote_id)
            renewed = remote_id in self._had_code
            view = Verification(
                remote_id, other.name if other else "", Status.EXCHANGING, "", renewed
            )
            if renewed:
                self._audit("verify.renewed", peer=remote_id)
            pair = _Pair(link, new_nonce(), view)
            self._pairs[remote_id] = pair
            self.session.engine.publish(view)
        if not pair.committed and link.state == LinkState.OPEN and self._agent_side(remote_id):
            pair.committed = True
            self._send(remote_id, VerifyCommit(commitment=commitment(pair.my_nonce)))
        return pair

    def _forget(self, remote_id: str, reason: str) -> None:
        pair = self._pairs.pop(remote_id, None)
        if pair is None:
            return
        if pair.view.status in (Status.VERIFIED, Status.MISMATCH):
            # What the two people said was about that link; a new one needs saying again.
            self._audit("verify.cleared", peer=remote_id, was=pair.view.status.value, reason=reason)
        self.session.engine.publish(replace(pair.view, status=Status.NONE, code=""))

    # --- the messages ----------------------------------------------------------------------

    def on_message(self, remote_id: str, message: PeerMessage) -> None:
        pair = self._current(remote_id)
        if pair is None:
            log.warning("dropped %s from %s: no code with them", message.type, remote_id)
            return
        agent_side = self._agent_side(remote_id)
        match message:
            case VerifyCommit() if not agent_side:
                if pair.their_commitment or pair.view.status != Status.EXCHANGING:
                    # A second commitment on one link would let a man in the middle try again.
                    self._fail(pair, "a second commitment")
                    return
                pair.their_commitment = message.commitment
                self._send(remote_id, VerifyNonce(nonce=pair.my_nonce))
            case VerifyNonce() if agent_side:
                if pair.their_nonce or pair.view.status != Status.EXCHANGING:
                    self._fail(pair, "a second nonce")
                    return
                pair.their_nonce = message.nonce
                self._send(remote_id, VerifyReveal(nonce=pair.my_nonce))
                self._finish(pair, agent_nonce=pair.my_nonce, customer_nonce=message.nonce)
            case VerifyReveal() if not agent_side:
                if not pair.their_commitment or pair.view.status != Status.EXCHANGING:
                    self._fail(pair, "a nonce revealed out of turn")
                    return
                if not hmac.compare_digest(commitment(message.nonce), pair.their_commitment):
                    self._fail(pair, "the nonce revealed is not the one committed to")
                    return
                pair.their_nonce = message.nonce
                self._finish(pair, agent_nonce=message.nonce, customer_nonce=pair.my_nonce)
            case VerifyConfirmed() if not agent_side:
                self._confirmed(pair, message)
            case VerifyMismatch() if agent_side:
                if pair.view.status in (Status.READY, Status.VERIFIED, Status.FAILED):
                    self._set(pair, Status.MISMATCH)
                    self._audit("verify.mismatch", customer=remote_id, agent=self._my_id())
            case _:
                log.warning("dropped %s from %s: not theirs to send", message.type, remote_id)

    def _confirmed(self, pair: _Pair, message: VerifyConfirmed) -> None:
        """Customer side: the agent says the codes match. A claim, audited, never shown as
        "verified": whoever holds the link's other end knows our code and can say it."""
        remote_id = pair.view.remote_id
        if pair.view.status != Status.READY or not hmac.compare_digest(
            message.code, pair.view.code
        ):
            why = "not the code shown here" if pair.view.code else "no code here yet"
            if pair.view.status == Status.MISMATCH:
                why = "the customer said the codes differ"
            self._audit("verify.refused", agent=remote_id, customer=self._my_id(), reason=why)
            return
        self._audit("verify.claimed", agent=remote_id, customer=self._my_id())

    def _finish(self, pair: _Pair, agent_nonce: str, customer_nonce: str) -> None:
        fingerprints = pair.link.fingerprints()
        if fingerprints is None:
            self._fail(pair, "the link has no fingerprints")
            return
        code = short_code(fingerprints, agent_nonce, customer_nonce)
        pair.view = replace(pair.view, status=Status.READY, code=code)
        self._had_code.add(pair.view.remote_id)
        self.session.engine.publish(pair.view)

    def _fail(self, pair: _Pair, why: str) -> None:
        log.warning("security code with %s failed: %s", pair.view.remote_id, why)
        self._audit("verify.failed", peer=pair.view.remote_id, reason=why)
        self._set(pair, Status.FAILED)

    def _set(self, pair: _Pair, status: Status) -> None:
        keep = status in (Status.READY, Status.VERIFIED, Status.MISMATCH)
        pair.view = replace(pair.view, status=status, code=pair.view.code if keep else "")
        self.session.engine.publish(pair.view)

    def _send(self, remote_id: str, message: PeerMessage) -> None:
        with contextlib.suppress(ConnectionError):
            self.session.send_to(remote_id, message)

    def _my_id(self) -> str:
        me = self.session.engine.me
        return me.id if me is not None else ""

    def _audit(self, kind: str, **detail: str) -> None:
        self.session.engine.audit.record(kind, self._my_id(), **detail)

    # --- the session's hooks ---------------------------------------------------------------

    def on_link_up(self, remote_id: str) -> None:
        """A link opened (where the session tells its features so): the same as a change of
        participants, said directly."""
        self._current(remote_id)

    def on_link_down(self, remote_id: str) -> None:
        self._forget(remote_id, "link_down")

    async def on_close(self) -> None:
        for remote_id in list(self._pairs):
            self._forget(remote_id, "session_over")
        self.session.engine.unsubscribe(self._engine_event)

    def on_failure(self, remote_id: str, message: PeerMessage, error: Exception) -> None:
        pair = self._pairs.get(remote_id)
        if pair is not None:
            self._set(pair, Status.FAILED)
