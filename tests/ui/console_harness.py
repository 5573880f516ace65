"""A real dashboard over a real console controller, its session seated by hand (no support
center) and desktop sharing with a stand-in screen backend: what the tests of the console's
sharing actions and of its layout drive."""

from __future__ import annotations

from collections.abc import Callable

from csr_console.services.agent_session import AgentAccount, AgentSession
from csr_console.ui.controller import ConsoleController
from csr_console.ui.dashboard import Dashboard
from shared.features.desktop.console import ConsoleDesktopPart
from shared.features.desktop.console_status import DesktopSharing
from shared.features.desktop.console_tab import DesktopTab
from shared.features.desktop.engine import SharingFeature
from shared.features.desktop.windows import SharingWindows
from shared.protocol.messages import ParticipantInfo, Role
from shared.qt.bridge import AsyncBridge
from shared.session.live import LiveSession
from shared.transport.center_link import CenterLink
from tests.ui.fakes import FakeBackend

ACCOUNT = AgentAccount("ada", "Ada Agent", "token", 4)
AGENT = ParticipantInfo(id="p1", role=Role.PRIMARY_AGENT, name="Ada Agent")
GRACE = ParticipantInfo(id="p2", role=Role.CUSTOMER, name="Grace")


class Console:
    def __init__(self, sharing: bool) -> None:
        self.bridge = AsyncBridge()
        self.controller = ConsoleController(self.bridge)
        self.controller.account = ACCOUNT
        self.controller.center = CenterLink("https://127.0.0.1:1", "ab" * 32)
        self.features: list[SharingFeature] = []

        def make(session: LiveSession) -> SharingFeature | None:
            if not sharing:
                return None
            self.features.append(SharingFeature(session, FakeBackend()))
            return self.features[-1]

        # Every session slot of the console builds its desktop sharing with this.
        self.controller.engine_factories["desktop"] = make
        self.window = Dashboard(self.controller)

    @property
    def session(self) -> AgentSession:
        assert self.controller.agent_session is not None
        return self.controller.agent_session

    @property
    def desktop(self) -> ConsoleDesktopPart:
        """The current session's desktop sharing part."""
        part = self.controller.part("desktop")
        assert isinstance(part, ConsoleDesktopPart)
        return part

    @property
    def desktop_sharing(self) -> DesktopSharing:
        return self.desktop.status

    @property
    def sharing_windows(self) -> SharingWindows:
        return self.desktop.windows

    @property
    def desktop_tab(self) -> DesktopTab:
        tab = self.window.panels.built["desktop"].widget
        assert isinstance(tab, DesktopTab)
        return tab

    def close_windows(self) -> None:
        for slot in self.controller.slots:
            slot.close_parts()

    def on_loop(self, call: Callable[[], None]) -> None:
        """Drive the engine where it lives: on the asyncio thread."""

        async def run() -> None:
            call()

        self.bridge.submit(run()).result(5)

    def enter_session(self) -> None:
        # The session as the center would seat it, without a center: no start() call.
        self.controller.account = ACCOUNT
        assert self.controller.center is not None
        session = AgentSession(self.controller.center, ACCOUNT)
        self.controller.agent_session = session
        self.controller._adopt(session)
        # Adopting marks the features whose parts did not load as unavailable.
        self.controller._set_state(signed_in=True)
        self.on_loop(session.engine.connecting)
        self.on_loop(lambda: session.engine.welcomed(123456789, AGENT, []))

    def customer_links(self) -> None:
        engine = self.session.engine
        self.on_loop(lambda: engine.joined(GRACE))
        self.on_loop(lambda: engine.link_changed(GRACE.id, True))
