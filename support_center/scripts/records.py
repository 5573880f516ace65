"""The script library's records: the site's categories (made by the administrator), the
scripts agents add (their files kept in the database, at most 1 MB each), and a trail of every
change to them (who added, edited, deleted what, with the files' SHA-256)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass

from shared.protocol.scripts import (
    MAX_CATEGORY_CHARS,
    MAX_SCRIPT_FILE_BYTES,
    ScriptHash,
    ScriptSummary,
)
from support_center.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS script_categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE IF NOT EXISTS scripts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    category TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    published INTEGER NOT NULL DEFAULT 0,
    owner_id INTEGER NOT NULL,
    executable_name TEXT NOT NULL,
    executable BLOB NOT NULL,
    executable_sha256 TEXT NOT NULL,
    input_name TEXT,
    input BLOB,
    input_sha256 TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS script_audit (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
"""


class LibraryError(ValueError):
    """A change the library refuses; ``code`` for the API, the sentence said as it is."""

    def __init__(self, code: str, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class NewFile:
    name: str
    data: bytes


def ensure_schema(store: Store) -> None:
    store.db.executescript(SCHEMA)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(what: str, data: bytes) -> None:
    if len(data) > MAX_SCRIPT_FILE_BYTES:
        raise LibraryError(
            "too_large",
            f"The {what} is {mib(len(data))}: each file of a script holds at most 1 MB.",
            413,
        )


# --- categories (the administrator's) -----------------------------------------------------------


def add_category(store: Store, name: str) -> None:
    ensure_schema(store)
    name = name.strip()
    if not name or len(name) > MAX_CATEGORY_CHARS or not name.isprintable():
        raise LibraryError(
            "invalid", f"A category is one line of 1 to {MAX_CATEGORY_CHARS} characters."
        )
    try:
        store.db.execute("INSERT INTO script_categories (name) VALUES (?)", (name,))
    except sqlite3.IntegrityError:
        raise LibraryError("duplicate", f"There is already a category named {name}.") from None
    audit(store, "administrator", "category.added", category=name)


def categories(store: Store) -> list[str]:
    ensure_schema(store)
    rows = store.db.execute("SELECT name FROM script_categories ORDER BY name").fetchall()
    return [r["name"] for r in rows]


def remove_category(store: Store, name: str) -> None:
    """Remove a category no script is in (a script is never left without one)."""
    ensure_schema(store)
    used = store.db.execute(
        "SELECT COUNT(*) FROM scripts WHERE category = ? COLLATE NOCASE", (name,)
    ).fetchone()[0]
    if used:
        raise LibraryError(
            "in_use", f"{used} script(s) are in the category {name}: move or delete them first."
        )
    if store.db.execute("DELETE FROM script_categories WHERE name = ?", (name,)).rowcount == 0:
        raise LibraryError("unknown", f"There is no category named {name}.", 404)
    audit(store, "administrator", "category.removed", category=name)


def _known_category(store: Store, name: str) -> str:
    row = store.db.execute(
        "SELECT name FROM script_categories WHERE name = ? COLLATE NOCASE", (name,)
    ).fetchone()
    if row is None:
        raise LibraryError(
            "unknown_category",
            f"There is no category named {name}: the site's administrator makes them.",
        )
    return str(row["name"])


# --- scripts ------------------------------------------------------------------------------------


def add_script(
    store: Store,
    owner_id: int,
    owner: str,
    *,
    name: str,
    category: str,
    description: str,
    published: bool,
    executable: NewFile,
    input_file: NewFile | None,
) -> ScriptSummary:
    ensure_schema(store)
    category = _known_category(store, category)
    check_size("executable file", executable.data)
    if input_file is not None:
        check_size("input file", input_file.data)
    _unique(store, name, None)
    with _named(name):
        cursor = store.db.execute(
            "INSERT INTO scripts (name, category, description, published, owner_id,"
            " executable_name, executable, executable_sha256, input_name, input, input_sha256,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name,
                category,
                description,
                int(published),
                owner_id,
                executable.name,
                executable.data,
                sha256(executable.data),
                input_file.name if input_file else None,
                input_file.data if input_file else None,
                sha256(input_file.data) if input_file else None,
                time.time(),
            ),
        )
    assert cursor.lastrowid is not None
    script = _summary(store, cursor.lastrowid, owner_id)
    _audit_script(store, owner, "script.added", script)
    return script


def edit_script(
    store: Store,
    script_id: int,
    owner_id: int,
    owner: str,
    *,
    name: str,
    category: str,
    description: str,
    published: bool,
    executable: NewFile | None,
    input_file: NewFile | None,
    remove_input: bool,
) -> ScriptSummary:
    ensure_schema(store)
    _own(store, script_id, owner_id, "edit")
    category = _known_category(store, category)
    if executable is not None:
        check_size("executable file", executable.data)
    if input_file is not None:
        check_size("input file", input_file.data)
    _unique(store, name, script_id)
    db = store.db
    with _named(name):
        db.execute(
            "UPDATE scripts SET name = ?, category = ?, description = ?, published = ?,"
            " updated_at = ? WHERE id = ?",
            (name, category, description, int(published), time.time(), script_id),
        )
    if executable is not None:
        db.execute(
            "UPDATE scripts SET executable_name = ?, executable = ?, executable_sha256 = ?"
            " WHERE id = ?",
            (executable.name, executable.data, sha256(executable.data), script_id),
        )
    if input_file is not None:
        db.execute(
            "UPDATE scripts SET input_name = ?, input = ?, input_sha256 = ? WHERE id = ?",
            (input_file.name, input_file.data, sha256(input_file.data), script_id),
        )
    elif remove_input:
        db.execute(
            "UPDATE scripts SET input_name = NULL, input = NULL, input_sha256 = NULL WHERE id = ?",
            (script_id,),
        )
    script = _summary(store, script_id, owner_id)
    _audit_script(store, owner, "script.edited", script)
    return script


def delete_script(store: Store, script_id: int, owner_id: int, owner: str) -> None:
    ensure_schema(store)
    script = _own(store, script_id, owner_id, "delete")
    store.db.execute("DELETE FROM scripts WHERE id = ?", (script_id,))
    _audit_script(store, owner, "script.deleted", script)


def library(store: Store, agent_id: int) -> list[ScriptSummary]:
    """The scripts ``agent_id`` may see: the published ones and their own."""
    ensure_schema(store)
    rows = store.db.execute(
        f"{_SELECT} WHERE s.published = 1 OR s.owner_id = ? ORDER BY s.name", (agent_id,)
    ).fetchall()
    return [_from_row(r, agent_id) for r in rows]


def visible(store: Store, script_id: int, agent_id: int) -> ScriptSummary | None:
    try:
        script = _summary(store, script_id, agent_id)
    except LibraryError:
        return None
    return script if script.published or script.mine else None


def file_bytes(store: Store, script_id: int, which: str) -> bytes | None:
    column = {"executable": "executable", "input": "input"}[which]
    row = store.db.execute(f"SELECT {column} FROM scripts WHERE id = ?", (script_id,)).fetchone()
    return bytes(row[0]) if row is not None and row[0] is not None else None


def hashes(store: Store, ids: list[int]) -> list[ScriptHash]:
    ensure_schema(store)
    found = []
    for script_id in dict.fromkeys(ids):
        row = store.db.execute(
            "SELECT executable_sha256, input_sha256 FROM scripts WHERE id = ?", (script_id,)
        ).fetchone()
        if row is not None:
            found.append(
                ScriptHash(
                    id=script_id,
                    executable_sha256=row["executable_sha256"],
                    input_sha256=row["input_sha256"],
                )
            )
    return found


def audit(store: Store, actor: str, kind: str, **detail: str | int) -> None:
    ensure_schema(store)
    store.db.execute(
        "INSERT INTO script_audit (at, actor, kind, detail) VALUES (?, ?, ?, ?)",
        (time.time(), actor, kind, json.dumps(detail, ensure_ascii=False)),
    )


def audit_trail(store: Store) -> list[dict[str, object]]:
    ensure_schema(store)
    rows = store.db.execute("SELECT at, actor, kind, detail FROM script_audit ORDER BY id")
    return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows.fetchall()]


# --- within ---------------------------------------------------------------------------------------

_SELECT = (
    "SELECT s.id, s.name, s.category, s.description, s.published, s.owner_id,"
    " s.executable_name, length(s.executable) AS executable_size, s.executable_sha256,"
    " s.input_name, length(s.input) AS input_size, s.input_sha256, s.updated_at,"
    " COALESCE(a.display_name, '?') AS owner FROM scripts s"
    " LEFT JOIN agents a ON a.id = s.owner_id"
)


def _from_row(row: sqlite3.Row, agent_id: int) -> ScriptSummary:
    return ScriptSummary(
        id=row["id"],
        name=row["name"],
        category=row["category"],
        description=row["description"],
        published=bool(row["published"]),
        owner=row["owner"],
        mine=row["owner_id"] == agent_id,
        executable_name=row["executable_name"],
        executable_size=row["executable_size"],
        executable_sha256=row["executable_sha256"],
        input_name=row["input_name"],
        input_size=row["input_size"] or 0,
        input_sha256=row["input_sha256"],
        updated_at=row["updated_at"],
    )


def _summary(store: Store, script_id: int, agent_id: int) -> ScriptSummary:
    row = store.db.execute(f"{_SELECT} WHERE s.id = ?", (script_id,)).fetchone()
    if row is None:
        raise LibraryError("no_such_script", "There is no such script in the library.", 404)
    return _from_row(row, agent_id)


def _own(store: Store, script_id: int, agent_id: int, what: str) -> ScriptSummary:
    script = _summary(store, script_id, agent_id)
    if not script.mine:
        if not script.published:  # another agent's private script is as unknown
            raise LibraryError("no_such_script", "There is no such script in the library.", 404)
        raise LibraryError(
            "not_yours",
            f"You can {what} only the scripts you added; {script.owner} added this one.",
            403,
        )
    return script


def _unique(store: Store, name: str, except_id: int | None) -> None:
    row = store.db.execute(
        "SELECT id FROM scripts WHERE name = ? COLLATE NOCASE", (name.strip(),)
    ).fetchone()
    if row is not None and row["id"] != except_id:
        raise LibraryError(
            "duplicate",
            f"There is already a script named {name.strip()}: choose another name.",
            409,
        )


@contextlib.contextmanager
def _named(name: str) -> Iterator[None]:
    """Two agents adding one name at once: the second is told as a duplicate, too."""
    try:
        yield
    except sqlite3.IntegrityError:
        raise LibraryError(
            "duplicate",
            f"There is already a script named {name.strip()}: choose another name.",
            409,
        ) from None


def _audit_script(store: Store, actor: str, kind: str, script: ScriptSummary) -> None:
    audit(
        store,
        actor,
        kind,
        script=script.id,
        name=script.name,
        published="yes" if script.published else "no",
        executable_sha256=script.executable_sha256,
        input_sha256=script.input_sha256 or "",
    )
