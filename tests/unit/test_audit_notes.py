"""An audit entry as the center's record gets it: every line of an entry that lists items (a
bundle's files) goes, in as many notes as the signaling message's size and line count take."""

from __future__ import annotations

from shared.protocol import TO_CENTER
from shared.protocol.limits import MAX_AUDIT_LINE_CHARS, MAX_AUDIT_LINES
from shared.protocol.messages import AuditNote
from shared.session.audit import AuditEvent, AuditLog, note_for_center

DETAIL = {"bundle": "0123456789abcdef", "asked_by": "pagent1", "allowed_by": "pcust1"}


def _sent(notes: list[AuditNote]) -> list[AuditNote]:
    """The notes as the center decodes them: each one fits a signaling message."""
    decoded: list[AuditNote] = []
    for note in notes:
        again = TO_CENTER.decode(TO_CENTER.encode(note))
        assert isinstance(again, AuditNote) and again == note
        decoded.append(again)
    return decoded


def test_a_bundle_of_short_lines_is_one_note_with_every_line() -> None:
    lines = [f"{'a' * 64} {n} Dossier/f{n:04d}.bin done" for n in range(MAX_AUDIT_LINES)]
    event = AuditLog().record("files.bundle_sent", "pagent1", lines=lines, **DETAIL)
    assert event.lines == tuple(lines)
    (note,) = _sent(note_for_center(event))
    assert note.kind == "files.bundle_sent" and note.detail == DETAIL
    assert note.lines == lines


def test_lines_too_many_bytes_for_one_message_go_in_parts_in_order() -> None:
    # The widest lines there are: four UTF-8 bytes a character, and quotes JSON doubles.
    wide = ["😀" * (MAX_AUDIT_LINE_CHARS - 2) + f'"{n % 10}' for n in range(MAX_AUDIT_LINES)]
    detail = {f"key_{chr(97 + n)}": "v" * 200 for n in range(12)}  # as many values as a note has
    notes = _sent(
        note_for_center(AuditEvent("files.bundle_received", "p", detail, lines=tuple(wide)))
    )
    assert len(notes) > 1
    assert [n.detail["part"] for n in notes] == [
        f"{i}/{len(notes)}" for i in range(1, 1 + len(notes))
    ]
    assert all(n.kind == "files.bundle_received" for n in notes)
    assert [line for n in notes for line in n.lines] == wide
    # The part takes the last value's place; the others are in every part.
    for note in notes:
        assert {k: v for k, v in note.detail.items() if k != "part"} == dict(
            list(detail.items())[:11]
        )


def test_more_lines_than_a_note_holds_go_in_parts() -> None:
    lines = [str(n) for n in range(3 * MAX_AUDIT_LINES + 1)]
    notes = _sent(note_for_center(AuditEvent("files.bundle_sent", "p", DETAIL, lines=tuple(lines))))
    assert [len(n.lines) for n in notes] == [MAX_AUDIT_LINES] * 3 + [1]
    assert [n.detail["part"] for n in notes] == ["1/4", "2/4", "3/4", "4/4"]
    assert [line for n in notes for line in n.lines] == lines


def test_a_line_with_characters_a_line_may_not_hold_goes_with_them_written_out() -> None:
    event = AuditEvent("files.bundle_sent", "p", lines=("a\u2028b\u202ec\nd", "x" * 5000))
    (note,) = _sent(note_for_center(event))
    assert note.lines == ["a\\u2028b\\u202ec\\u000ad", "x" * MAX_AUDIT_LINE_CHARS]


def test_an_entry_without_lines_is_one_note_as_before() -> None:
    event = AuditEvent("chat.sent", "p", {"text": "x" * 500})
    (note,) = _sent(note_for_center(event))
    assert note.detail == {"text": "x" * 200} and note.lines == []
    assert '"part"' not in TO_CENTER.encode(note)
