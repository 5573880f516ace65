"""Inbound support: the bodies of the support center's HTTP API for help requests (tickets),
queues, Accept next, transfer to a queue or to agents, and the survey; and the launch block a
downloaded client carries.

The flow, end to end:

1. The customer fills the Get help page (``/help/<queue>``); the center files a help request and
   hands back a ticket (a secret, kept hashed at the center). The page offers the one-click
   client, which carries the ticket in its launch block (``LaunchBlock``), or a ``tandem://queue``
   link for a client already installed.
2. The client opens the signaling socket and sends ``queue.wait`` with the ticket; from then on
   the customer is *present* in the queue and gets ``queue.status`` (position, estimated wait)
   whenever it changes. ``queue.leave`` (or the socket closing for longer than
   ``PRESENCE_GRACE_S``) takes them out.
3. An agent of the queue presses **Accept next** (``POST /api/queues/accept-next``): the center
   takes the longest-waiting present customer of the agent's queues (or of the customers
   transferred to this agent), atomically, opens a session for the agent and sends the client
   ``queue.accepted`` with its number; the client joins it as any customer does.
4. A session may be transferred (``POST /api/sessions/<number>/transfer``) to a queue or to
   chosen agents: the customer stays seated in the session and waits again (``queue.status``
   on their session socket); the agent who accepts becomes the session's primary agent.
5. At the end the client posts the survey with its ticket (``POST /api/tickets/survey``).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.protocol.messages import Name, SessionNumber, Token

# --- limits (each with its reason) --------------------------------------------------------------

# The manual's limit for the personal message sent with a transfer.
MAX_TRANSFER_MESSAGE_CHARS = 345
# A queue's name is a path segment of its Get help page (``/help/billing``): short, lower-case.
QUEUE_NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"
QUEUE_NAME = re.compile(QUEUE_NAME_PATTERN)
MAX_QUEUE_TITLE_CHARS = 80
# A problem description is a few sentences; a page of text is pasted by mistake.
MAX_PROBLEM_CHARS = 2000
# RFC 5321's longest address.
MAX_EMAIL_CHARS = 254
# Browsers send referrers of a few hundred characters; 2 KiB keeps the longest real ones.
MAX_REFERRER_CHARS = 2048
MAX_SURVEY_COMMENT_CHARS = 1000
# Agents one transfer may name (the manual: "one or more agents").
MAX_TRANSFER_AGENTS = 20
# A ticket must be brought by a client within this time of the form being sent (download and
# start the client), else it has expired.
TICKET_START_WINDOW_S = 30 * 60
# A present customer whose socket closed without ``queue.leave`` (the client crashed, the
# network dropped, the center restarted) keeps their place this long, then leaves the queue.
PRESENCE_GRACE_S = 10.0
# The default for the site's limit of customers waiting in one queue (``serve
# --queue-max-waiting``): past it the Get help page says the queue is full.
DEFAULT_QUEUE_MAX_WAITING = 200
# An agent's console asks for its queues with ``GET /api/queues?after=<version>``: the center
# answers at once when the version differs, else when something changes or after this time.
QUEUES_LONG_POLL_S = 25.0
# The launch block at the end of a downloaded client: at most this many bytes of JSON.
MAX_LAUNCH_BLOCK_BYTES = 4096
# It ends the file: JSON, its length (4 bytes, big-endian), then this marker.
LAUNCH_BLOCK_MARKER = b"TANDEM-LAUNCH-1\n"

QueueName = Annotated[str, StringConstraints(pattern=QUEUE_NAME_PATTERN)]
QueueTitle = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUEUE_TITLE_CHARS),
]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_EMAIL_CHARS)]
Problem = Annotated[str, StringConstraints(max_length=MAX_PROBLEM_CHARS)]
Referrer = Annotated[str, StringConstraints(max_length=MAX_REFERRER_CHARS)]
TransferMessage = Annotated[str, StringConstraints(max_length=MAX_TRANSFER_MESSAGE_CHARS)]
Username = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Language = Literal["en", "fr"]
Seconds = Annotated[float, Field(ge=0, le=7 * 24 * 3600)]
RequestId = Annotated[int, Field(ge=1, strict=True)]


class Body(BaseModel):
    """Every body of this API: strict, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --- the customer's side (no account: the ticket is the proof) ----------------------------------


class TicketRequest(Body):
    """``POST /api/tickets`` (and the Get help page's form): ask for help in ``queue``."""

    queue: QueueName
    name: Name
    email: Email = ""
    problem: Problem = ""
    referrer: Referrer = ""
    language: Language = "en"


class TicketIssued(Body):
    """The answer: the ticket (shown once, kept hashed), and where to get or open the client."""

    ticket: Token
    queue: QueueName
    queue_title: QueueTitle
    # The one-click client carrying this ticket (``GET``), and the link for an installed one.
    download_url: str
    open_url: str


class SurveyAnswers(Body):
    """``POST /api/tickets/survey``: the customer's answers after the session (once)."""

    ticket: Token
    solved: Literal["yes", "partly", "no"]
    rating: Annotated[int, Field(ge=1, le=5, strict=True)]
    comment: Annotated[str, StringConstraints(max_length=MAX_SURVEY_COMMENT_CHARS)] = ""


# --- the agent's side (signed in: ``Authorization: Bearer <token>``) ----------------------------


class QueueSummary(Body):
    name: QueueName
    title: QueueTitle
    waiting: Annotated[int, Field(ge=0)]  # present customers waiting
    longest_wait_s: Seconds  # 0 when nobody waits


class OfferedCustomer(Body):
    """A customer transferred to this agent by name (not to a queue)."""

    request_id: RequestId
    name: Name
    waited_s: Seconds
    transferred_by: Name
    message: TransferMessage = ""


class QueuesView(Body):
    """``GET /api/queues[?after=<version>]``: the agent's queues and the customers transferred to
    them. ``version`` changes whenever any of it does (long poll: see ``QUEUES_LONG_POLL_S``)."""

    version: Annotated[int, Field(ge=0)]
    queues: list[QueueSummary]
    offered: list[OfferedCustomer] = Field(default_factory=list)


class AcceptNext(Body):
    """``POST /api/queues/accept-next``: the longest-waiting present customer of ``queue`` (or of
    all the agent's queues and the customers transferred to them, when None)."""

    queue: QueueName | None = None


class AcceptedCustomer(Body):
    """Who the agent now helps, in session ``number`` (a new session, or the transferred one,
    which the agent now owns). 404 ``nobody_waiting`` when the queues are empty."""

    number: SessionNumber
    join_link: str
    request_id: RequestId
    queue: QueueName | None  # None: transferred to this agent by name
    name: Name
    email: Email = ""
    problem: Problem = ""
    referrer: Referrer = ""
    waited_s: Seconds
    transferred_by: Name | None = None
    message: TransferMessage = ""


class TransferRequest(Body):
    """``POST /api/sessions/<number>/transfer``: to one queue, or to one or more agents (exactly
    one of the two), with a personal message. The agent then leaves the session."""

    queue: QueueName | None = None
    agents: list[Username] = Field(default_factory=list, max_length=MAX_TRANSFER_AGENTS)
    message: Annotated[str, StringConstraints(max_length=MAX_TRANSFER_MESSAGE_CHARS)] = ""


class QueueAgent(Body):
    """``GET /api/queues/agents``: the agents a session can be transferred to."""

    username: Username
    display_name: Name
    queues: list[QueueName]
    online: bool


class QueueAgents(Body):
    agents: list[QueueAgent]
    # Every queue's title by name, so a queue the asking agent is not in is shown as its title.
    titles: dict[QueueName, QueueTitle] = Field(default_factory=dict)


class SurveyAnswersRecord(Body):
    solved: Literal["yes", "partly", "no"]
    rating: Annotated[int, Field(ge=1, le=5, strict=True)]
    comment: str = ""


class InboundRecord(Body):
    """What the session's record holds of an inbound session (``inbound`` in
    ``GET /api/sessions/<number>``)."""

    queue: QueueName | None
    name: Name
    email: Email = ""
    problem: Problem = ""
    referrer: Referrer = ""
    waited_s: Seconds
    survey: SurveyAnswersRecord | None = None


# --- the launch block a downloaded client carries --------------------------------------------


class LaunchBlock(Body):
    """What a downloaded client does when it starts with nothing typed: wait in a queue with
    ``ticket``, or join session ``session`` (from a join page). ``server`` and ``fingerprint``
    pin the center the download came from."""

    server: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    fingerprint: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    ticket: Token | None = None
    session: SessionNumber | None = None
    language: Language = "en"
