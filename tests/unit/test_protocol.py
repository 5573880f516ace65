"""The wire protocol: every message round-trips, and anything wrong is one ProtocolError."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.features.annotation.protocol import Clear as AnnotationClear
from shared.features.annotation.protocol import Erase as AnnotationErase
from shared.features.annotation.protocol import Stroke as AnnotationStroke
from shared.features.annotation.protocol import Tool as AnnotationTool
from shared.features.appshare.protocol import (
    ShareAnswer,
    ShareApps,
    ShareEnd,
    ShareInput,
    ShareKind,
    ShareMediaAnswer,
    ShareOffer,
    SharePaused,
    ShareRequest,
    ShareStop,
)
from shared.features.chat.protocol import ChatLine
from shared.features.cobrowse.protocol import (
    CobrowseAnswer,
    CobrowseEnd,
    CobrowseInput,
    CobrowseKind,
    CobrowseMediaAnswer,
    CobrowseOffer,
    CobrowsePaused,
    CobrowseRequest,
    CobrowseStop,
)
from shared.features.desktop.forward_protocol import ForwardAnswer, ForwardOffer, ForwardStop
from shared.features.desktop.protocol import (
    ActivityAnswer,
    ActivityKind,
    ActivityRequest,
    ActivityStop,
    ClipboardText,
    ColourMode,
    ControlState,
    CursorPosition,
    KeyAction,
    KeyInput,
    MediaAnswer,
    MediaOffer,
    MonitorInfo,
    PointerAction,
    PointerButton,
    PointerInput,
    Quality,
    ScreenInfo,
    ScreenSelect,
    StopReason,
    StreamSettings,
    TextInput,
)
from shared.features.files.protocol import (
    BundleEntry,
    EntryOutcome,
    EntryResult,
    FileAbort,
    FileAccept,
    FileBundle,
    FileBundleDone,
    FileDone,
    FileDownload,
    FileFetch,
    FileFetchTree,
    FileOffer,
    FileProgress,
    FileRefuse,
    FileResume,
    FilesPublished,
    FileTree,
    FileTreeAnswer,
    FileTreeEnd,
    FileTreeFolder,
    FolderAnswer,
    FolderChange,
    FolderEntry,
    FolderList,
    FolderListing,
    FolderOp,
    FolderReadingEnded,
    FolderRootList,
    FolderRoots,
    PublishedFile,
    RootEntry,
    RootKind,
)
from shared.features.printing.protocol import (
    PrintJob,
    PrintJobEnded,
    PrintOff,
    PrintOffer,
    PrintReady,
    PrintUnavailable,
    Why,
)
from shared.features.recording.protocol import RecordingAnswer, RecordingAsk, RecordingStop
from shared.features.recording.protocol import StopReason as RecordingStopReason
from shared.features.restart.protocol import RestartAnswer, RestartAsk
from shared.features.runas.protocol import (
    RunAsClosed,
    RunAsInput,
    RunAsLogoff,
    RunAsLogon,
    RunAsOpened,
    RunAsOutput,
    RunAsRefused,
)
from shared.features.scripts.protocol import (
    ScriptFinished,
    ScriptMeta,
    ScriptOutput,
    ScriptPiece,
    ScriptsAccepted,
    ScriptsDone,
    ScriptsOffer,
    ScriptsRefused,
)
from shared.features.sysinfo.protocol import (
    Category,
    Column,
    Refusal,
    SysinfoDone,
    SysinfoPage,
    SysinfoRefused,
    SysinfoRequest,
)
from shared.features.verify.protocol import (
    VerifyCommit,
    VerifyConfirmed,
    VerifyMismatch,
    VerifyNonce,
    VerifyReveal,
)
from shared.features.video.protocol import StopReason as VideoStopReason
from shared.features.video.protocol import (
    Stream,
    VideoAnswer,
    VideoForward,
    VideoForwardAnswer,
    VideoOffer,
    VideoStop,
)
from shared.features.voice.protocol import Reply as VoiceReplyOutcome
from shared.features.voice.protocol import (
    VoiceAnswer,
    VoiceEnd,
    VoiceInvite,
    VoiceLeave,
    VoiceOffer,
    VoiceReply,
    VoiceState,
)
from shared.protocol import FROM_CENTER, PEER, TO_CENTER, Codec, ProtocolError
from shared.protocol.catalogue import PEER_CATALOGUE
from shared.protocol.limits import (
    MAX_AUDIT_LINES,
    MAX_CHAT_CHARS,
    MAX_PARTICIPANT_ID_CHARS,
    MAX_PEER_MESSAGE_BYTES,
    MAX_REASON_CHARS,
    MAX_SIGNALING_MESSAGE_BYTES,
    SESSION_NUMBER_MAX,
    SESSION_NUMBER_MIN,
)
from shared.protocol.messages import (
    EVERYONE,
    AgentHello,
    AssistJoin,
    AuditNote,
    ControlReason,
    ControlTransferred,
    CustomerJoin,
    CustomerRejoin,
    EndReason,
    EndSession,
    ErrorCode,
    ErrorMessage,
    IceServer,
    Leave,
    LeaveReason,
    Message,
    ParticipantInfo,
    ParticipantJoined,
    ParticipantLeft,
    PeerError,
    PeerHello,
    Ping,
    Pong,
    QueueAccepted,
    QueueLeave,
    QueueStatus,
    QueueWait,
    RestartAgreed,
    RestartTicket,
    Role,
    SessionEnded,
    SignalIn,
    SignalKind,
    SignalOut,
    StepAway,
    TakeOver,
    TransferControl,
    Welcome,
)

TOKEN = "t0ken-abcdefghijklmnop"
AGENT = ParticipantInfo(id="pagent1", role=Role.PRIMARY_AGENT, name="Ada Agent")
CUSTOMER = ParticipantInfo(
    id="pcust1", role=Role.CUSTOMER, name="Grace Hopper", os="Debian 12 (x86_64)", machine="lab-7"
)
SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"

TO_CENTER_MESSAGES: list[Message] = [
    AgentHello(token=TOKEN, session=123_456_789),
    AgentHello(token=TOKEN, session=SESSION_NUMBER_MAX, resume_id="pagent1"),
    CustomerJoin(session=SESSION_NUMBER_MIN, name="Grace"),
    CustomerJoin(
        session=555_123_456,
        name="Grâce Ωmega",
        password="sesame",
        os="Windows 11 Pro",
        machine="DESK-1",
        resume_id="pcust1",
        resume_token=TOKEN,
    ),
    SignalOut(to="pcust1", kind=SignalKind.OFFER, sdp=SDP),
    SignalOut(to="pagent1", kind=SignalKind.ANSWER, sdp=SDP),
    EndSession(),
    Leave(),
    StepAway(),
    AssistJoin(token=TOKEN, session=123_456_789),
    AssistJoin(token=TOKEN, session=123_456_789, resume_id="passist1"),
    TransferControl(to="passist1"),
    TakeOver(),
    RestartAgreed(),
    CustomerRejoin(session=123_456_789, participant="pcust1", ticket=TOKEN, os="Linux"),
    QueueWait(ticket=TOKEN, os="Linux", machine="pc"),
    QueueLeave(),
    AuditNote(kind="sharing.answered", detail={"what": "control", "granted": "True"}),
    AuditNote(
        kind="files.bundle_received",
        detail={"bundle": "0123456789abcdef", "part": "2/3"},
        lines=[f"{'a' * 64} 5 Projet/été 日本語.txt done", "😀" * 1200, ""],
    ),
]

FROM_CENTER_MESSAGES: list[Message] = [
    Welcome(
        session=123_456_789,
        you=CUSTOMER,
        participants=[AGENT],
        ice_servers=[IceServer(urls=["stun:stun.example.org:3478"])],
        resume_token=TOKEN,
    ),
    Welcome(session=123_456_789, you=AGENT, participants=[], resume_token=TOKEN),
    ParticipantJoined(participant=CUSTOMER),
    ParticipantLeft(participant_id="pcust1", reason=LeaveReason.DISCONNECTED),
    ParticipantLeft(participant_id="pagent1", reason=LeaveReason.AWAY, return_within_s=120.0),
    ParticipantLeft(participant_id="pcust1", reason=LeaveReason.RESTARTING, return_within_s=900.0),
    RestartTicket(ticket=TOKEN, valid_for_s=900.0),
    QueueStatus(queue_title="Billing", position=2, estimated_wait_s=240.0),
    QueueStatus(queue_title="Billing", position=1, estimated_wait_s=0.0, transferred_by="Ada"),
    QueueAccepted(session=123_456_789, agent="Ada"),
    SignalIn(sender="pagent1", kind=SignalKind.OFFER, sdp=SDP),
    SessionEnded(reason=EndReason.ENDED_BY_AGENT, by="Ada Agent"),
    SessionEnded(reason=EndReason.EXPIRED),
    ErrorMessage(code=ErrorCode.RATE_LIMITED, reason="Wait.", retry_after_s=12.5),
    ErrorMessage(code="some_future_code", reason="Something new."),
    ControlTransferred(previous="pagent1", primary="passist1", reason=ControlReason.TRANSFERRED),
    ControlTransferred(previous="pagent1", primary="passist1", reason=ControlReason.TAKEN_OVER),
]

PEER_MESSAGES: list[Message] = [
    PeerHello(participant=AGENT),
    ChatLine(id="pagent1-1", sender="pagent1", to="pcust1", text="Hello", sent_at=1.5),
    ChatLine(id="m-2", sender="pcust1", to=EVERYONE, text='Ça marche € 😀\n"ok"', sent_at=0),
    Ping(seq=0, sent_at=12.0),
    Pong(seq=2**53, sent_at=12.0),
    PeerError(code="malformed", reason="not valid JSON"),
    ActivityRequest(id="pagent1-s1", kind=ActivityKind.CONTROL, monitor=1),
    ActivityAnswer(id="pagent1-s1", granted=True, allow_all=True),
    ActivityStop(id="pagent1-s1", reason=StopReason.STOPPED_BY_CUSTOMER),
    MediaOffer(activity="pagent1-s1", sdp=SDP),
    MediaAnswer(activity="pagent1-s1", sdp=SDP),
    ForwardOffer(activity="pagent1-s1", customer="pcust1", sdp=SDP),
    ForwardAnswer(activity="pagent1-s1", sdp=SDP),
    ForwardStop(activity="pagent1-s1"),
    ScreenInfo(
        activity="a1",
        monitors=[MonitorInfo(index=1, left=-1920, top=0, width=1920, height=1080)],
        selected=1,
    ),
    ScreenSelect(activity="a1", monitor=0),
    StreamSettings(activity="a1", quality=Quality.SAMPLING, colour=ColourMode.PALETTE256),
    PointerInput(activity="a1", action=PointerAction.WHEEL, x=0, y=32767, dy=-240),
    PointerInput(activity="a1", action=PointerAction.DOWN, x=5, y=6, button=PointerButton.RIGHT),
    KeyInput(activity="a1", action=KeyAction.DOWN, key="€"),
    KeyInput(activity="a1", action=KeyAction.UP, key="f12"),
    TextInput(activity="a1", text="Straße"),
    ClipboardText(activity="a1", text="copied ✓"),
    ControlState(activity="a1", paused=True, reason="local input"),
    CursorPosition(activity="a1", x=1919, y=0, visible=False),
    VerifyCommit(commitment="ab" * 32),
    VerifyNonce(nonce="01" * 32),
    VerifyReveal(nonce="ff" * 32),
    VerifyConfirmed(code="048291"),
    VerifyMismatch(code="999999"),
    RestartAsk(id="r1"),
    RestartAnswer(id="r1", outcome="failed", reason="systemctl: access denied"),
    AnnotationStroke(
        id="s1",
        surface="pcust1",
        author="pagent1",
        tool=AnnotationTool.TEXT,
        colour="#e53935",
        width=14,
        points=[(0, 10_000)],
        text="Cliquez ici 😀",
    ),
    AnnotationErase(surface="pcust1", by="pagent1", ids=["s1"]),
    AnnotationClear(surface="pcust1", by="pcust1"),
    RunAsLogon(id="r2", account="CORP\\admin", password="pässwörd 😀"),
    RunAsOpened(id="r2", account="admin@corp.example"),
    RunAsRefused(id="r2", why="credentials", reason="su: Authentication failure"),
    RunAsInput(id="r2", text="id -un\n"),
    RunAsOutput(id="r2", text="admin\r\n$ "),
    RunAsLogoff(id="r2"),
    RunAsClosed(id="r2", reason="logged_off"),
    FileOffer(id="0123456789abcdef", name="rapports/été.pdf", size=0, sha256="ab" * 32),
    FileFetch(id="0123456789abcdef", path="C:\\Users\\Grace\\log.txt"),
    FileAccept(id="0123456789abcdef", offset=65_512),
    FileRefuse(id="0123456789abcdef", reason="The customer refused."),
    FileProgress(id="0123456789abcdef", received=1_048_576),
    FileResume(id="0123456789abcdef", offset=0),
    FileDone(id="0123456789abcdef", sha256="cd" * 32),
    FileAbort(id="0123456789abcdef", reason="stopped"),
    FileOffer(id="0123456789abcdef", name="a/b.txt", size=3, sha256="ab" * 32, group="f" * 16),
    FolderRoots(id="0123456789abcdef"),
    FolderRootList(
        id="0123456789abcdef",
        roots=[
            RootEntry(id="C:\\", label="C:", kind=RootKind.SYSTEM),
            RootEntry(id="Z:\\", label="Z: (\\\\srv\\share)", kind=RootKind.NETWORK),
        ],
    ),
    FolderList(id="0123456789abcdef", root="/home/grace", path="Documents/été", offset=40),
    FolderListing(
        id="0123456789abcdef",
        root="/home/grace",
        path="",
        offset=0,
        total=1,
        entries=[FolderEntry(name="日本語.txt", size=12, modified=1.7e9, folder=False)],
    ),
    FolderChange(id="0123456789abcdef", op=FolderOp.RENAME, root="/", path="tmp/a", new_name="b"),
    FolderAnswer(id="0123456789abcdef", error="The customer refused."),
    FolderReadingEnded(),
    FileTree(id="0123456789abcdef", name="Projet", files=3, size=10, root="/", folder="tmp"),
    FileTreeAnswer(id="0123456789abcdef", granted=False, reason="The customer refused."),
    FileTreeFolder(group="0123456789abcdef", path="Projet/vide"),
    FileTreeEnd(group="0123456789abcdef", files=3),
    FileFetchTree(id="0123456789abcdef", root="/home/grace", folder="", names=["a", "b"]),
    FilesPublished(files=[PublishedFile(id="1", name="guide.pdf", size=5)]),
    FileDownload(id="0123456789abcdef", file="1"),
    FileBundle(
        id="0123456789abcdef",
        group="fedcba9876543210",
        size=5,
        entries=[BundleEntry(id="0123456789abcde0", name="Projet/é.txt", size=5, sha256="a" * 64)],
    ),
    FileBundleDone(
        id="0123456789abcdef",
        results=[EntryResult(outcome=EntryOutcome.SKIPPED), EntryResult(outcome=EntryOutcome.DONE)],
    ),
    ScriptsOffer(
        run_id="0123456789abcdef",
        scripts=[
            ScriptMeta(
                id=1,
                name="Inventaire réseau",
                executable_name="inventaire.sh",
                executable_size=12,
                executable_sha256="a" * 64,
                input_name="machines.txt",
                input_size=3,
                input_sha256="b" * 64,
            )
        ],
    ),
    ScriptsAccepted(run_id="0123456789abcdef"),
    ScriptsRefused(run_id="0123456789abcdef", code="hash_mismatch"),
    ScriptPiece(run_id="0123456789abcdef", index=0, part="input", offset=0, data="YWJj"),
    ScriptOutput(run_id="0123456789abcdef", index=0, stream="stderr", text="déjà vu 😀\n"),
    ScriptFinished(run_id="0123456789abcdef", index=0, outcome="failed", exit_status=3),
    ScriptsDone(run_id="0123456789abcdef", stopped=True),
    SysinfoRequest(id="m-7", categories=[Category.OVERVIEW, Category.PROCESSES]),
    SysinfoPage(
        id="m-7",
        category=Category.PROCESSES,
        columns=[Column.NAME, Column.PID],
        first=0,
        rows=[["systemd", "1"], ["éditeur — notes", "4242"]],
        last=True,
    ),
    SysinfoDone(id="m-7"),
    SysinfoRefused(id="m-7", reason=Refusal.BUSY.value),
    CobrowseRequest(id="pagent1-c1", kind=CobrowseKind.CONTROL),
    CobrowseAnswer(id="pagent1-c1", granted=True, title="Facture — Banque 😀"),
    CobrowseAnswer(id="pagent1-c1", granted=False, no_window=True),
    CobrowseOffer(id="pagent1-c1", sdp="v=0"),
    CobrowseMediaAnswer(id="pagent1-c1", sdp="v=0"),
    CobrowseInput(
        id="pagent1-c1",
        event=PointerInput(
            activity="pagent1-c1", action=PointerAction.DOWN, x=3, y=4, button="left"
        ),
    ),
    CobrowseInput(id="pagent1-c1", event=TextInput(activity="pagent1-c1", text="déjà")),
    CobrowseStop(id="pagent1-c1", reason=CobrowseEnd.WINDOW_CLOSED),
    CobrowsePaused(id="pagent1-c1", paused=True, reason="drawing"),
    ShareRequest(id="pagent1-a1", kind=ShareKind.SHOW, apps=["Éditeur de texte"]),
    ShareAnswer(id="pagent1-a1", granted=True, apps=["Ledger", "Notes 😀"]),
    ShareAnswer(id="pagent1-a1", granted=False),
    ShareApps(id="pagent1-a1", apps=["Ledger"]),
    ShareOffer(id="pagent1-a1", sdp="v=0"),
    ShareMediaAnswer(id="pagent1-a1", sdp="v=0"),
    ShareInput(
        id="pagent1-a1",
        event=KeyInput(activity="pagent1-a1", action=KeyAction.DOWN, key="a"),
    ),
    ShareStop(id="pagent1-a1", reason=ShareEnd.APP_CLOSED),
    SharePaused(id="pagent1-a1", paused=False),
    PrintOffer(id="pagent1-p1"),
    PrintReady(id="pagent1-p1"),
    PrintUnavailable(id="pagent1-p1", reason=Why.CANNOT_ADD, detail="lpadmin: Forbidden"),
    PrintOff(id="pagent1-p1", reason=Why.WITHDRAWN),
    PrintJob(offer="pagent1-p1", job="0123456789abcdef", size=4096, sha256="ab" * 32),
    PrintJob(
        offer="pagent1-p1", job="0123456789abcdef", size=1, sha256="cd" * 32, title="Facture n° 3"
    ),
    PrintJobEnded(job="0123456789abcdef"),
    PrintJobEnded(job="0123456789abcdef", reason=Why.NOT_PDF),
    VideoOffer(stream=Stream.AGENT, sdp="v=0"),
    VideoAnswer(stream=Stream.CUSTOMER, sdp="v=0"),
    VideoStop(stream=Stream.CUSTOMER, reason=VideoStopReason.CAMERA_GONE),
    VideoForward(customer="pcust1", sdp="v=0"),
    VideoForwardAnswer(sdp="v=0"),
    VideoForward(customer="pcust1", sdp="v=0", stream=Stream.AGENT),
    VideoForwardAnswer(sdp="v=0", stream=Stream.AGENT),
    RecordingAsk(id="pagent1-r1"),
    RecordingAnswer(id="pagent1-r1", granted=False),
    RecordingStop(id="pagent1-r1", reason=RecordingStopReason.CONTROL_CHANGED),
    VoiceInvite(call="pagent1-v1"),
    VoiceReply(call="pagent1-v1", outcome=VoiceReplyOutcome.NO_AUDIO),
    VoiceOffer(call="pagent1-v1", sdp="v=0"),
    VoiceAnswer(call="pagent1-v1", sdp="v=0"),
    VoiceLeave(call="pagent1-v1"),
    VoiceEnd(call="pagent1-v1"),
    VoiceState(
        call="pagent1-v1",
        members=["pagent1", "pcust1"],
        speakers=["pagent1", "pcust1"],
        talking=["pcust1"],
    ),
]

FAMILIES: list[tuple[Codec[Any], list[Message]]] = [
    (TO_CENTER, TO_CENTER_MESSAGES),
    (FROM_CENTER, FROM_CENTER_MESSAGES),
    (PEER, PEER_MESSAGES),
]


def _case_id(message: Message) -> str:
    return str(type(message).model_fields["type"].default)


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "message"),
    [(codec, m) for codec, messages in FAMILIES for m in messages],
    ids=[_case_id(m) for _, messages in FAMILIES for m in messages],
)
def test_round_trip(codec: Codec[Any], message: Message) -> None:
    text = codec.encode(message)
    assert json.loads(text)["v"] == 1
    assert codec.decode(text) == message
    assert codec.decode(text.encode()) == message  # bytes off a binary frame decode alike


def test_every_message_type_has_a_round_trip_case() -> None:
    for codec, messages in FAMILIES[:2]:
        assert {_case_id(m) for m in messages} == set(codec.types)
    # Peer messages: every type of every family a feature registered in the catalogue.
    cased = {_case_id(m) for m in PEER_MESSAGES}
    assert {"session", "chat", "desktop"} <= set(PEER_CATALOGUE.families)
    for family, type_names in PEER_CATALOGUE.families.items():
        missing = sorted(set(type_names) - cased)
        assert not missing, f"no round-trip case for {missing} of family {family!r}"
    assert cased == PEER_CATALOGUE.types == PEER.types


def test_a_message_of_another_family_is_not_encoded() -> None:
    with pytest.raises(ProtocolError) as refused:
        PEER.encode(Leave())  # type: ignore[arg-type]
    assert refused.value.code == "unknown_type"


def test_longest_chat_line_of_wide_characters_still_fits_a_peer_message() -> None:
    line = ChatLine(id="m1", sender="pagent1", to=EVERYONE, text="😀" * MAX_CHAT_CHARS, sent_at=1.0)
    assert PEER.decode(PEER.encode(line)) == line


def test_encode_refuses_a_message_over_the_size_limit() -> None:
    huge = SignalOut(to="pcust1", kind=SignalKind.OFFER, sdp="a" * MAX_SIGNALING_MESSAGE_BYTES)
    with pytest.raises(ProtocolError) as refused:
        TO_CENTER.encode(huge)
    assert refused.value.code == "too_large"


# --- refusals ---------------------------------------------------------------------------------


def raw(type_name: str, **fields: Any) -> str:
    return json.dumps({"v": 1, "type": type_name, **fields})


CHAT = {"id": "m1", "sender": "pagent1", "to": "pcust1", "text": "hi", "sent_at": 1.0}
JOIN = {"session": 123_456_789, "name": "Grace"}

REFUSALS: list[tuple[str, Codec[Any], str | bytes, str]] = [
    # not JSON at all
    ("empty", TO_CENTER, "", "malformed"),
    ("truncated", TO_CENTER, '{"v": 1, "type": "leave"', "malformed"),
    ("bad utf-8", PEER, b'{"v": 1, "type": "\xff\xfe"}', "malformed"),
    ("nested too deep", TO_CENTER, "[" * 20_000, "malformed"),
    # JSON, but not an object
    ("array", TO_CENTER, "[1, 2]", "malformed"),
    ("string", FROM_CENTER, '"welcome"', "malformed"),
    ("null", PEER, "null", "malformed"),
    ("number", PEER, "42", "malformed"),
    # versions
    ("no version", TO_CENTER, '{"type": "leave"}', "unsupported_version"),
    ("version 2", TO_CENTER, '{"v": 2, "type": "leave"}', "unsupported_version"),
    ("version 0", PEER, '{"v": 0, "type": "ping", "seq": 1, "sent_at": 1}', "unsupported_version"),
    ("version as text", TO_CENTER, '{"v": "1", "type": "leave"}', "unsupported_version"),
    ("version true", TO_CENTER, '{"v": true, "type": "leave"}', "unsupported_version"),
    ("version 1.0", TO_CENTER, '{"v": 1.0, "type": "leave"}', "unsupported_version"),
    # types
    ("no type", TO_CENTER, '{"v": 1}', "unknown_type"),
    ("unknown type", TO_CENTER, raw("session.delete_everything"), "unknown_type"),
    ("type not text", TO_CENTER, '{"v": 1, "type": 7}', "unknown_type"),
    ("center type to center", TO_CENTER, raw("welcome"), "unknown_type"),
    ("peer type to center", TO_CENTER, raw("chat", **CHAT), "unknown_type"),
    ("center type to a peer", PEER, raw("leave"), "unknown_type"),
    # missing, extra and mistyped fields
    ("missing session", TO_CENTER, raw("customer.join", name="Grace"), "invalid"),
    ("missing text", PEER, raw("chat", **{**CHAT, "text": None}), "invalid"),
    ("extra field", TO_CENTER, raw("leave", admin=True), "invalid"),
    ("extra role", TO_CENTER, raw("customer.join", **JOIN, role="primary_agent"), "invalid"),
    (
        "extra field in nested info",
        FROM_CENTER,
        raw("participant.joined", participant={**CUSTOMER.model_dump(), "admin": True}),
        "invalid",
    ),
    ("session as text", TO_CENTER, raw("customer.join", session="123456789", name="G"), "invalid"),
    ("session as float", TO_CENTER, raw("customer.join", session=123456789.0, name="G"), "invalid"),
    ("session as bool", TO_CENTER, raw("agent.hello", token=TOKEN, session=True), "invalid"),
    ("name as number", TO_CENTER, raw("customer.join", session=123_456_789, name=5), "invalid"),
    ("blank name", TO_CENTER, raw("customer.join", session=123_456_789, name="   "), "invalid"),
    (
        "unknown role",
        FROM_CENTER,
        raw("participant.joined", participant={"id": "p1", "role": "superuser", "name": "Eve"}),
        "invalid",
    ),
    ("unknown signal kind", TO_CENTER, raw("signal", to="p1", kind="pranswer", sdp=SDP), "invalid"),
    ("empty sdp", TO_CENTER, raw("signal", to="p1", kind="offer", sdp=""), "invalid"),
    ("seq negative", PEER, raw("ping", seq=-1, sent_at=1.0), "invalid"),
    ("sent_at infinite", PEER, '{"v":1, "type":"ping", "seq":1, "sent_at":Infinity}', "invalid"),
    ("sent_at NaN", PEER, '{"v": 1, "type": "pong", "seq": 1, "sent_at": NaN}', "invalid"),
    # ranges
    ("session 8 digits", TO_CENTER, raw("customer.join", session=99_999_999, name="G"), "invalid"),
    ("session 10 digits", TO_CENTER, raw("customer.join", session=10**9, name="G"), "invalid"),
    ("session zero", TO_CENTER, raw("agent.hello", token=TOKEN, session=0), "invalid"),
    ("session negative", TO_CENTER, raw("agent.hello", token=TOKEN, session=-123456789), "invalid"),
    ("session huge", TO_CENTER, raw("customer.join", session=10**40, name="G"), "invalid"),
    ("short token", TO_CENTER, raw("agent.hello", token="abc", session=123_456_789), "invalid"),
    ("long retry", FROM_CENTER, raw("error", code="x", reason="", retry_after_s=1e5), "invalid"),
    ("password too long", TO_CENTER, raw("customer.join", **JOIN, password="p" * 65), "invalid"),
    ("name too long", TO_CENTER, raw("customer.join", session=123456789, name="n" * 81), "invalid"),
    # names and system fields: one line of printable text
    (
        "name with newline",
        TO_CENTER,
        raw("customer.join", **{**JOIN, "name": "IT\nAdmin"}),
        "invalid",
    ),
    (
        "name with escape",
        TO_CENTER,
        raw("customer.join", **{**JOIN, "name": "G\x1b[2J"}),
        "invalid",
    ),
    (
        "name reversed",
        TO_CENTER,
        raw("customer.join", **{**JOIN, "name": "G\u202eNIMDA"}),
        "invalid",
    ),
    (
        "name line separator",
        TO_CENTER,
        raw("customer.join", **{**JOIN, "name": "G\u2028A"}),
        "invalid",
    ),
    ("os with tab", TO_CENTER, raw("customer.join", **JOIN, os="Linux\tx"), "invalid"),
    ("machine with nul", TO_CENTER, raw("customer.join", **JOIN, machine="pc\x00"), "invalid"),
    (
        "participant name with control",
        FROM_CENTER,
        raw("participant.joined", participant={"id": "p1", "role": "customer", "name": "E\x07"}),
        "invalid",
    ),
    # chat text
    ("chat too long", PEER, raw("chat", **{**CHAT, "text": "x" * (MAX_CHAT_CHARS + 1)}), "invalid"),
    ("chat empty", PEER, raw("chat", **{**CHAT, "text": ""}), "invalid"),
    ("chat lone surrogate", PEER, raw("chat", **{**CHAT, "text": "\ud800"}), "invalid"),
    # participant ids
    ("id with space", PEER, raw("chat", **{**CHAT, "sender": "p 1"}), "invalid"),
    ("id with newline", PEER, raw("chat", **{**CHAT, "sender": "p1\n"}), "invalid"),
    ("id with slash", TO_CENTER, raw("signal", to="../p1", kind="offer", sdp=SDP), "invalid"),
    ("id empty", TO_CENTER, raw("signal", to="", kind="offer", sdp=SDP), "invalid"),
    ("id as everyone", PEER, raw("chat", **{**CHAT, "sender": "*"}), "invalid"),
    (
        "id too long",
        FROM_CENTER,
        raw("participant.left", participant_id="p" * (MAX_PARTICIPANT_ID_CHARS + 1), reason="left"),
        "invalid",
    ),
    ("recipient with space", PEER, raw("chat", **{**CHAT, "to": "* "}), "invalid"),
    # audit lines: bounded, each one line of printable text
    (
        "audit lines past the limit",
        TO_CENTER,
        raw("audit", kind="x", lines=["a"] * (MAX_AUDIT_LINES + 1)),
        "invalid",
    ),
    ("audit line long", TO_CENTER, raw("audit", kind="x", lines=["a" * 1201]), "invalid"),
    ("audit line newline", TO_CENTER, raw("audit", kind="x", lines=["a\nb"]), "invalid"),
    ("audit line reversed", TO_CENTER, raw("audit", kind="x", lines=["a\u202eb"]), "invalid"),
    ("audit lines text", TO_CENTER, raw("audit", kind="x", lines="a b"), "invalid"),
    ("audit line number", TO_CENTER, raw("audit", kind="x", lines=[5]), "invalid"),
    # size
    (
        "oversize signaling",
        TO_CENTER,
        raw("signal", to="p1", kind="offer", sdp="a" * MAX_SIGNALING_MESSAGE_BYTES),
        "too_large",
    ),
    ("oversize peer", PEER, raw("chat", **CHAT, pad="x" * MAX_PEER_MESSAGE_BYTES), "too_large"),
    ("oversize garbage", PEER, b"\x00" * (MAX_PEER_MESSAGE_BYTES + 1), "too_large"),
    ("oversize in utf-8 only", PEER, "é" * (MAX_PEER_MESSAGE_BYTES // 2 + 1), "too_large"),
]


@pytest.mark.parametrize(
    ("codec", "data", "code"),
    [case[1:] for case in REFUSALS],
    ids=[case[0] for case in REFUSALS],
)
def test_refused_with_one_clear_error(codec: Codec[Any], data: str | bytes, code: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        codec.decode(data)
    assert refused.value.code == code
    # The reason is a readable sentence, fit for a log line and for an error message's reason.
    assert 0 < len(refused.value.reason) <= 300
    ErrorMessage(code=code, reason=refused.value.reason)
    # Every code the codec uses is one the center can send back in an error message.
    assert code in {c.value for c in ErrorCode}


def test_invalid_names_the_field_at_fault() -> None:
    with pytest.raises(ProtocolError) as refused:
        TO_CENTER.decode(raw("customer.join", session="123456789", name="Grace"))
    assert "customer.join" in refused.value.reason and "session" in refused.value.reason


def test_a_name_with_a_control_character_is_refused_saying_which() -> None:
    with pytest.raises(ProtocolError) as refused:
        TO_CENTER.decode(raw("customer.join", **{**JOIN, "name": "Grace\u202eNIMDA TI"}))
    reason = refused.value.reason
    assert "name" in reason and "printable" in reason and "U+202E" in reason


@pytest.mark.parametrize(
    "spoof",
    [
        "Grace\nIT Admin: please approve",  # a second line in a title or a list
        "Grace\x85IT Admin",  # NEL, a C1 line break
        "Grace\u2028IT Admin",  # line separator
        "Grace\x1b[2JIT Admin",  # a terminal escape in the center's log
        "Grace\u2067nimdA TI\u2069",  # right-to-left isolate
        "\u200fGrace (2)",  # RLM: lays the whole label out right to left
        "Grace\u200e",  # LRM
        "Grace\u061c",  # Arabic letter mark
        "G" * 121,  # longer than a name or a machine's name may be
    ],
    ids=["newline", "nel", "line separator", "escape", "rli", "rlm", "lrm", "alm", "too long"],
)
def test_a_name_that_could_pass_for_another_is_refused(spoof: str) -> None:
    for message in (
        raw("customer.join", **{**JOIN, "name": spoof}),
        raw("customer.join", **{**JOIN, "machine": spoof}),
    ):
        with pytest.raises(ProtocolError):
            TO_CENTER.decode(message)


@pytest.mark.parametrize(
    "name",
    ["<h1><font color=red>IT ADMIN</font></h1>", "Zoë 👩\u200d💻", "می\u200cخواهم", "李\u3000雷"],
    ids=["markup", "emoji with joiner", "persian non-joiner", "ideographic space"],
)
def test_printable_names_of_every_script_are_accepted(name: str) -> None:
    # Markup is only text: every window shows it as typed (the views' job, not the protocol's).
    message = TO_CENTER.decode(raw("customer.join", **{**JOIN, "name": name}))
    assert isinstance(message, CustomerJoin) and message.name == name


@pytest.mark.parametrize(
    "data",
    [
        json.dumps({"v": "9" * 5000, "type": "leave"}),
        raw("x" * 5000),
        raw("leave", **{"k" * 5000: 1}),
    ],
    ids=["long version", "long type", "long extra field name"],
)
def test_reason_quoting_the_input_stays_short(data: str) -> None:
    # The center sends the reason back in an error message, which holds 300 characters.
    with pytest.raises(ProtocolError) as refused:
        TO_CENTER.decode(data)
    assert len(refused.value.reason) <= MAX_REASON_CHARS
    ErrorMessage(code=refused.value.code, reason=refused.value.reason)


def test_size_limit_is_checked_before_parsing() -> None:
    # Exactly at the limit is accepted; one byte more is refused as too large, not as malformed.
    base = raw("peer.error", code="x", reason="")
    at_limit = base[:-1] + " " * (MAX_PEER_MESSAGE_BYTES - len(base)) + "}"
    assert len(at_limit.encode()) == MAX_PEER_MESSAGE_BYTES
    assert isinstance(PEER.decode(at_limit), PeerError)
    with pytest.raises(ProtocolError) as refused:
        PEER.decode(at_limit + " ")
    assert refused.value.code == "too_large"


# --- fuzz -------------------------------------------------------------------------------------

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=20,
)
ALL_TYPES = sorted(TO_CENTER.types | FROM_CENTER.types | PEER.types)
FIELD_NAMES = st.sampled_from(
    [
        "v",
        "type",
        "session",
        "name",
        "token",
        "to",
        "sender",
        "text",
        "sdp",
        "kind",
        "id",
        "seq",
        "sent_at",
        "participant",
        "you",
        "participants",
        "reason",
        "code",
        "password",
        "resume_id",
    ]
)
# Objects shaped like real messages (right version, a real type, real field names), with
# random values: these get past the first checks and exercise the schema validation.
MESSAGE_LIKE = st.builds(
    lambda type_name, fields, version: {**fields, "v": version, "type": type_name},
    st.sampled_from(ALL_TYPES),
    st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=8),
    st.sampled_from([1, 1, 1, 2, "1", None, True]),
)
WIRE_DATA = (
    st.binary(max_size=300)
    | st.text(max_size=300)
    | JSON_VALUES.map(json.dumps)
    | MESSAGE_LIKE.map(json.dumps)
    | st.integers(min_value=1, max_value=5000).map(lambda depth: "[" * depth + "]" * depth)
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=WIRE_DATA)
def test_fuzz_decode_raises_nothing_but_protocol_error(data: str | bytes) -> None:
    codecs: tuple[Codec[Any], ...] = (PEER, TO_CENTER, FROM_CENTER)
    for codec in codecs:
        try:
            message = codec.decode(data)
        except ProtocolError as exc:
            assert exc.code in {c.value for c in ErrorCode}
            assert len(exc.reason) <= MAX_REASON_CHARS
            continue
        # Whatever is accepted is a message of that family and survives a round trip.
        assert _case_id(message) in codec.types
        assert codec.decode(codec.encode(message)) == message


@pytest.mark.parametrize(
    "raw",
    [
        '{"v":1,"type":"input.key","activity":"a1","action":"down","key":"hyper_x"}',
        '{"v":1,"type":"input.key","activity":"a1","action":"down","key":"\\u0007"}',
        '{"v":1,"type":"input.pointer","activity":"a1","action":"move","x":-1,"y":0}',
        '{"v":1,"type":"input.pointer","activity":"a1","action":"move","x":40000,"y":0}',
        '{"v":1,"type":"input.pointer","activity":"a1","action":"teleport","x":1,"y":1}',
        '{"v":1,"type":"activity.request","id":"a1","kind":"root_shell"}',
        '{"v":1,"type":"screen.select","activity":"a1","monitor":99}',
        # A pause count out of range or not a plain integer (the sharer compares it as sent).
        '{"v":1,"type":"input.key","activity":"a1","action":"down","key":"a","pauses":-1}',
        '{"v":1,"type":"input.text","activity":"a1","text":"a","pauses":2147483648}',
        '{"v":1,"type":"input.text","activity":"a1","text":"a","pauses":1e400}',
        '{"v":1,"type":"input.text","activity":"a1","text":"a","pauses":1.0}',
        '{"v":1,"type":"input.text","activity":"a1","text":"a","pauses":"1"}',
        '{"v":1,"type":"input.text","activity":"a1","text":"a","pauses":true}',
        '{"v":1,"type":"control.state","activity":"a1","paused":true,"pauses":-1}',
    ],
)
def test_bad_sharing_input_is_refused(raw: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        PEER.decode(raw)
    assert refused.value.code == "invalid"
