"""Our seat at the center: taking it (hello or join, then the welcome), and taking it back with
the same id when the signaling socket drops, while the peer links go on."""

from __future__ import annotations

import asyncio
import logging

from shared.protocol.messages import ErrorMessage, Role, SessionSettings, ToCenter, Welcome
from shared.session.parts import CONNECTION_LOST, SessionParts
from shared.session.settings import checked_settings
from shared.session.state import SessionState
from shared.transport.center_link import CenterError
from shared.transport.link import LinkState

log = logging.getLogger(__name__)

# How long the center has to answer a hello or a join before we give up.
WELCOME_TIMEOUT_S = 15.0
# When the signaling socket drops, its seat is asked back with pauses from 0.5 s doubling to
# 5 s, for a minute (a center restarting takes a few seconds).
RECONNECT_FIRST_PAUSE_S = 0.5
RECONNECT_MAX_PAUSE_S = 5.0
RECONNECT_WINDOW_S = 60.0
# The center's answers that mean our seat is not coming back.
SEAT_GONE_CODES = frozenset({"session_ended", "no_such_session", "not_allowed", "wrong_password"})


class Seat(SessionParts):
    # Our way back into the seat after a drop (a customer's join needs it).
    resume_token: str | None
    # The center's answer to the hello, join or resume in flight.
    _welcome: asyncio.Future[Welcome] | None
    _reconnecting: bool
    # The loop the session runs on, known once it enters (it may be built on another thread).
    _loop: asyncio.AbstractEventLoop | None

    def _init_seat(self) -> None:
        self.resume_token = None
        self._welcome = None
        self._reconnecting = False
        self._loop = None
        self.settings = SessionSettings()

    async def _enter(self, hello: ToCenter) -> Welcome:
        """Open the socket, send the hello or join, and wait for the center's welcome."""
        self.engine.connecting()
        self._loop = asyncio.get_running_loop()
        self.tasks.run_on(self._loop)  # what features spawned before, from the views' thread
        self._welcome = self._loop.create_future()
        try:
            await self.center.open_socket(self._from_center, self._socket_closed)
            await self.center.send(hello)
            welcome = await self.clock.wait_for(self._welcome, WELCOME_TIMEOUT_S)
        except TimeoutError:
            await self._abort_entry()
            raise CenterError("timeout", "The support center did not answer in time.") from None
        except CenterError:
            await self._abort_entry()
            raise
        return welcome

    def _take_seat(self, welcome: Welcome) -> None:
        self.ice_servers = list(welcome.ice_servers)
        self.settings = checked_settings(welcome.settings)
        self.resume_token = welcome.resume_token
        # Those already present make the offers to us; we only answer.
        self.engine.welcomed(welcome.session, welcome.you, welcome.participants)

    async def _abort_entry(self) -> None:
        await self.center.close()
        if self.engine.state == SessionState.CONNECTING:
            self.engine.connect_failed()

    def _welcomed(self, message: Welcome) -> None:
        if self._welcome is not None and not self._welcome.done():
            # Seated here, not when _enter resumes: the messages read right after the welcome
            # (someone joining, the agent's offer) are handled before that and need the seat.
            if self.engine.me is None:
                self._take_seat(message)
            else:
                self._seat_again(message)
            self._welcome.set_result(message)

    def _center_error(self, message: ErrorMessage) -> None:
        error = CenterError(str(message.code), message.reason, message.retry_after_s)
        if self._welcome is not None and not self._welcome.done():
            self._welcome.set_exception(error)
        else:
            self.engine.problem(error.code, error.reason)

    def _socket_closed(self) -> None:
        if self._welcome is not None and not self._welcome.done():
            self._welcome.set_exception(
                CenterError("closed", "The support center closed the connection.")
            )
            return
        if (
            self._leaving
            or self._reconnecting
            or self.engine.state
            in (
                SessionState.IDLE,
                SessionState.CONNECTING,
                SessionState.ENDED,
            )
        ):
            return
        log.warning("signaling socket to the center closed; reconnecting")
        self.engine.problem(
            "center_lost", "Lost the connection to the support center; reconnecting…"
        )
        self._reconnecting = True
        self._spawn(self._reconnect())

    def _resume_message(self) -> ToCenter | None:
        """What takes our seat back at the center (the subclass knows); None: do not try."""
        return None

    async def _reconnect(self) -> None:
        """Take our seat back at the center (same id), with growing pauses, for a while; the
        peer links go on meanwhile. Given up, and with no link left, the session is over."""
        deadline = self.clock.now() + RECONNECT_WINDOW_S
        pause = RECONNECT_FIRST_PAUSE_S
        try:
            while not self._leaving and self.clock.now() < deadline:
                await self.clock.sleep(pause)
                if self._leaving:
                    return  # the session ended meanwhile (its last link lost): no seat to take
                pause = min(pause * 2, RECONNECT_MAX_PAUSE_S)
                message = self._resume_message()
                if message is None:
                    break
                self._welcome = asyncio.get_running_loop().create_future()
                try:
                    await self.center.close()
                    await self.center.open_socket(self._from_center, self._socket_closed)
                    await self.center.send(message)
                    await self.clock.wait_for(self._welcome, WELCOME_TIMEOUT_S)
                except (CenterError, TimeoutError) as exc:
                    refused = isinstance(exc, CenterError) and exc.code in SEAT_GONE_CODES
                    if refused:
                        await self._shut_down(CONNECTION_LOST, None)
                        return
                    continue
                if self._leaving:  # ended while the center answered: give the seat up again
                    await self.center.close()
                    return
                self.engine.problem("center_back", "Connected to the support center again.")
                return
        finally:
            self._reconnecting = False
        if not self._leaving and not any(
            link.state == LinkState.OPEN for link in self.links.values()
        ):
            await self._shut_down(CONNECTION_LOST, None)

    def _seat_again(self, welcome: Welcome) -> None:
        """Back in our seat after a reconnection: learn who came meanwhile and link to them."""
        self.resume_token = welcome.resume_token
        self.ice_servers = list(welcome.ice_servers)
        self.settings = checked_settings(welcome.settings)
        self._reseated(welcome.you, welcome.participants)
        for other in welcome.participants:
            link = self.links.get(other.id)
            if link is not None and link.state == LinkState.OPEN:
                self.engine.link_restored(other.id)
            elif self.engine.participant(other.id) is None or link is None:
                self.engine.joined(other)
                if self.engine.me is not None and self.engine.me.role != Role.CUSTOMER:
                    self._maybe_offer(other)
