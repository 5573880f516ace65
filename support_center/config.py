"""The support center's settings, with the defaults a single machine needs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from shared.protocol.limits import (
    DEFAULT_MAX_FILE_BYTES,
    HIGHEST_MAX_FILE_BYTES,
    LOWEST_MAX_FILE_BYTES,
)
from shared.protocol.messages import IceServer, SessionSettings
from shared.protocol.queues import PRESENCE_GRACE_S, TICKET_START_WINDOW_S
from support_center.invitations.mail import MailServer

# Where the center keeps its database and certificate unless told otherwise.
DEFAULT_DATA_DIR = Path(
    os.environ.get("TANDEM_CENTER_DATA", Path.home() / ".local/share/tandem-center")
)
DEFAULT_PORT = 8443
# The one-file client ``installers/build-client.sh`` builds in the install's own folder: what
# ``serve`` hands out unless ``--client-binary`` names another.
DEFAULT_CLIENT_BINARY = Path(__file__).resolve().parents[1] / "dist" / "tandem-client"
# The console's layouts a site may set as its default (the console's FaceName values).
CONSOLE_FACES = ("dashboard", "icon_bar", "multisession")
# A signaling socket must join (agent.hello or customer.join) this soon after it opens, or it
# is closed: the apps send theirs at once, and an idle socket only holds the center's memory.
JOIN_TIMEOUT_S = 10.0
# Open signaling sockets from one address: an office behind one NAT address runs a few dozen
# consoles and clients at most; beyond that it is a flood holding the center's memory.
MAX_SOCKETS_PER_ADDRESS = 64
# An agent's hellos refused (no open session of theirs) before they must wait: a console
# resuming its sessions is refused once or twice at most; probing for others' sessions, often.
MAX_HELLO_FAILURES = 10
HELLO_FAILURE_WINDOW_S = 60.0
# Failed joins of the whole center (any address, any number) per failure window before every
# new join must wait: one address guesses 5 numbers a minute, this bounds many addresses
# together. A busy center sees a few mistyped numbers a minute; this is a flood from 120 or
# more addresses at once, and bounds number guessing to about 860,000 a day.
MAX_FAILED_JOINS = 600


@dataclass
class CenterConfig:
    data_dir: Path = DEFAULT_DATA_DIR
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    # The address peers use to reach the center (what goes into join links). Defaults to
    # https://host:port.
    public_url: str | None = None
    # STUN/TURN servers handed to peers; empty is right on one machine or one LAN.
    ice_servers: list[IceServer] = field(default_factory=list)
    # How many sessions one agent may have open at once (the manual's multisession cap).
    max_sessions_per_agent: int = 4
    # The console layout agents get unless they chose their own: one of CONSOLE_FACES, or
    # None to leave it to the console (the dashboard).
    default_face: str | None = None
    # Sign-in tokens last a working day; the console signs in again after that.
    token_lifetime_s: float = 12 * 3600
    # A session nobody ended is closed this long after it started.
    session_max_age_s: float = 24 * 3600
    # When the primary agent's connection drops, customers wait this long for them to return.
    agent_grace_s: float = 120.0
    # Failed joins or sign-ins before one address, one account or one session number must
    # wait, and the window counted.
    max_failures: int = 5
    failure_window_s: float = 60.0
    # Refused agent hellos per agent before they must wait, and the window counted.
    # Failed joins of the whole center in the failure window before all joins must wait.
    max_failed_joins: int = MAX_FAILED_JOINS
    max_hello_failures: int = MAX_HELLO_FAILURES
    hello_failure_window_s: float = HELLO_FAILURE_WINDOW_S
    # Seconds a signaling socket has to join a session; open sockets allowed per address.
    join_timeout_s: float = JOIN_TIMEOUT_S
    max_sockets_per_address: int = MAX_SOCKETS_PER_ADDRESS
    # The most a file may be, per file, in every session (both peers get it when they join and
    # refuse a file over it, naming the limit); the manual's 150 MB, counted in MiB.
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # Whether each session's chat lines (who, when, what) go into its record. Off by default:
    # chat may hold what customers would not have kept; the center drops chat text from any
    # peer unless this is on.
    keep_chat: bool = False
    # The site's mail server, for the center to send invitations itself (None: agents send
    # them from their own mail program).
    mail: MailServer | None = None
    # Inbound support (shared/protocol/queues.py): how long a ticket may wait for its client,
    # and how long a waiting customer whose socket closed keeps their place. The protocol's
    # values; tests set shorter ones rather than wait them out.
    ticket_start_window_s: float = TICKET_START_WINDOW_S
    queue_presence_grace_s: float = PRESENCE_GRACE_S
    # The one-file client the Get help and join pages hand out (``serve --client-binary``);
    # None: those pages say the download is not available on this center.
    client_binary: Path | None = None

    def __post_init__(self) -> None:
        if not LOWEST_MAX_FILE_BYTES <= self.max_file_bytes <= HIGHEST_MAX_FILE_BYTES:
            raise ValueError(
                f"the limit per file must be {LOWEST_MAX_FILE_BYTES} bytes to "
                f"{HIGHEST_MAX_FILE_BYTES // 1024**3} GiB, not {self.max_file_bytes} bytes"
            )

    def session_settings(self) -> SessionSettings:
        """What every peer joining a session is told of this center's settings."""
        return SessionSettings(max_file_bytes=self.max_file_bytes, keep_chat=self.keep_chat)

    @property
    def url(self) -> str:
        return self.public_url or f"https://{self.host}:{self.port}"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "center.sqlite3"
