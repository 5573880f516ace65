"""Hypothesis strategies for what reaches a decoder: messages built from each model's own JSON
schema (so a family registered later is fuzzed too), the same with one field gone wrong, and
raw bytes. Values lean on the edges: limits ± 1, huge numbers, unicode that breaks things."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import strategies as st

from shared.protocol.codec import Codec

# Characters that have broken text handling somewhere: controls, NUL, BOM, the bidi overrides,
# line and paragraph separators, NEL, a combining mark, a zero-width joiner sequence, a
# non-BMP character, full-width and Arabic-Indic digits.
EDGE_CHARS = (
    "\x00\x07\x1b\n\t\x7f\u0085\u00a0\u00ad\u0301\u061c\u200b\u200d\u200e\u200f\u2028\u2029"
    "\u202a\u202e\u2066\u2069\ufeff\ufffd\uffff\U0001f469\u200d\U0001f4bb\U0010ffff"
    "\uff11\u0661*-_.:/%&=?#[]@\\\"'"
)
TEXT = st.text(st.characters() | st.sampled_from(EDGE_CHARS), max_size=40)
# Numbers at the edges of every range the protocol uses, and past what a double holds.
EDGE_INTS = st.sampled_from(
    [0, -1, 1, 16, 17, 64, 32767, 32768, -32769, 2**31 - 1, 2**31, 2**53, 2**53 + 1, 2**63,
     2**64, -(2**63) - 1, 10**300, 99_999_999, 100_000_000, 999_999_999, 1_000_000_000]
)  # fmt: skip
EDGE_FLOATS = st.sampled_from(
    [0.0, -0.0, 0.5, -1.0, 1e-320, 5e-324, 1.7976931348623157e308, 86400.0, 86400.1, 3600.5]
)
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | EDGE_INTS
    | st.integers()
    | EDGE_FLOATS
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
# Longest string a schema strategy draws: long enough to cross the name and id limits; the
# size edges of the big fields (SDP, clipboard, chat) are drawn by ``near_limit`` instead.
MAX_DRAWN_CHARS = 200


def _string(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    low = schema.get("minLength", 0)
    high = min(schema.get("maxLength", MAX_DRAWN_CHARS), MAX_DRAWN_CHARS)
    pattern = schema.get("pattern")
    if pattern is None:
        return st.text(st.characters() | st.sampled_from(EDGE_CHARS), min_size=low, max_size=high)
    # ``^[\w-]+$`` with lengths: say the lengths in the pattern, not by filtering.
    sized = re.sub(r"\+\$$", f"{{{max(low, 1)},{max(high, 1)}}}$", pattern)
    return st.from_regex(sized, fullmatch=True).filter(lambda s: low <= len(s) <= high)


def from_schema(schema: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values that the JSON schema ``schema`` describes (pydantic's subset of it)."""
    if "$ref" in schema:
        return st.deferred(lambda: from_schema(defs[schema["$ref"].rsplit("/", 1)[1]], defs))
    if "anyOf" in schema:
        return st.one_of([from_schema(option, defs) for option in schema["anyOf"]])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum")) | EDGE_INTS
    if kind == "number":
        low, high = schema.get("minimum"), schema.get("maximum")
        return st.floats(low, high, allow_nan=False, allow_infinity=False) | st.integers(
            0 if low is None else int(low), 10**6 if high is None else int(high)
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(
            from_schema(schema.get("items", {}), defs),
            min_size=schema.get("minItems", 0),
            max_size=min(schema.get("maxItems", 8), 8),
        )
    if kind == "object" and "properties" in schema:
        required = set(schema.get("required", ()))
        fields = {k: from_schema(v, defs) for k, v in schema["properties"].items()}
        return st.fixed_dictionaries(
            {k: s for k, s in fields.items() if k in required},
            optional={k: s for k, s in fields.items() if k not in required},
        )
    if kind == "object":  # a map (audit details): its keys' and values' schemas
        keys = schema.get("propertyNames", {"type": "string"})
        return st.dictionaries(
            _string({**keys, "type": "string"}),
            from_schema(schema.get("additionalProperties", {}), defs),
            max_size=schema.get("maxProperties", 4) + 1,
        )
    return JSON_VALUES


def schema_messages(codec: Codec[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects shaped as each of ``codec``'s types says: mostly valid, and when not (a
    validator beyond the schema, a drawn edge number), still close to valid."""
    key = (codec.name, codec.types)
    if key not in _SCHEMA_MESSAGES:  # building them compiles regexes: once per catalogue
        _SCHEMA_MESSAGES[key] = _schema_messages(codec)
    return _SCHEMA_MESSAGES[key]


_SCHEMA_MESSAGES: dict[tuple[str, frozenset[str]], st.SearchStrategy[dict[str, Any]]] = {}


def _schema_messages(codec: Codec[Any]) -> st.SearchStrategy[dict[str, Any]]:
    strategies = []
    for type_name in sorted(codec.types):
        model = codec._catalogue.get(type_name)
        assert model is not None
        schema = model.model_json_schema()
        # ``v`` and ``type`` have defaults in the model, but the wire always carries them.
        schema["required"] = sorted({*schema.get("required", ()), "v", "type"})
        strategies.append(from_schema(schema, schema.get("$defs", {})))
    return st.one_of(strategies)


# What one field of a message can be turned into.
WRONG_VALUES = (
    JSON_VALUES
    | st.sampled_from(["", " ", "*", "1", "1e400", "NaN", "\ud800", "\udfff", "a" * 4001])
    | st.integers(0, 17).map(lambda n: "x" * (2**n))  # up to twice the largest frame
)


@st.composite
def mutated(draw: st.DrawFn, messages: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A message with one thing wrong: a field dropped, replaced, nested or added."""
    message = dict(draw(messages))
    keys = sorted(message)
    how = draw(st.sampled_from(["drop", "replace", "nest", "add", "retype"]))
    key = draw(st.sampled_from(keys)) if keys else "type"
    if how == "drop":
        message.pop(key, None)
    elif how == "replace":
        message[key] = draw(WRONG_VALUES)
    elif how == "nest":
        depth = draw(st.integers(1, 50))
        value: Any = message.get(key)
        for _ in range(depth):
            value = draw(st.sampled_from([[value], {"x": value}]))
        message[key] = value
    elif how == "add":
        message[draw(TEXT)] = draw(JSON_VALUES)
    else:  # another message's type name with this one's fields
        message["type"] = draw(st.text(max_size=30) | st.sampled_from(["chat", "signal"]))
    return message


def as_wire(draw: st.DrawFn, message: Any) -> str | bytes:
    """``message`` as JSON the way some sender might write it."""
    text = json.dumps(
        message,
        ensure_ascii=draw(st.booleans()),
        separators=draw(st.sampled_from([(",", ":"), (", ", ": ")])),
    )
    return text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text


@st.composite
def near_limit(draw: st.DrawFn, messages: st.SearchStrategy[dict[str, Any]], limit: int) -> bytes:
    """A message padded to within a few bytes of ``limit``, on either side: whitespace, a long
    string field, or a long escape-heavy string."""
    text = json.dumps(draw(messages), separators=(",", ":"))
    target = limit + draw(st.integers(-8, 2))
    room = target - len(text.encode())
    if room <= 4:
        return text.encode()
    how = draw(st.sampled_from(["space", "field", "escapes"]))
    if how == "space":
        return (text[:-1] + " " * room + "}").encode()
    key = draw(st.sampled_from(sorted(json.loads(text)) or ["text"]))
    filler = "a" * (room - 4) if how == "field" else "\\u00e9" * ((room - 4) // 6)
    message = json.loads(text)
    message.pop(key, None)
    body = json.dumps(message, separators=(",", ":"))[:-1]
    extra = f'"{key}":"{filler}"'
    glue = "," if body != "{" else ""
    return (body + glue + extra + "}").encode()


@st.composite
def wire_data(draw: st.DrawFn, codec: Codec[Any]) -> str | bytes:
    """Anything a decoder might be handed, from noise to valid messages at the size limit."""
    messages = schema_messages(codec)
    kind = draw(st.sampled_from(["valid", "mutated", "noise", "json", "deep", "limit"]))
    if kind == "valid":
        return as_wire(draw, draw(messages))
    if kind == "mutated":
        return as_wire(draw, draw(mutated(messages)))
    if kind == "json":
        return as_wire(draw, draw(JSON_VALUES))
    if kind == "deep":
        depth = draw(st.integers(1, codec.max_bytes // 2))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return opener * depth + "1" + closer * depth
    if kind == "limit":
        return draw(near_limit(messages, codec.max_bytes))
    return draw(st.binary(max_size=300) | st.text(max_size=300))
