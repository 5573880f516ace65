"""Size and range limits of the wire protocol, each with the reason it has that value."""

PROTOCOL_VERSION = 1

# An SDP offer with a few host, reflexive and relay candidates is 3-8 KB; 64 KiB leaves room
# for media sections added later (screen, voice, webcam) without letting a peer flood the center.
MAX_SIGNALING_MESSAGE_BYTES = 64 * 1024

# Control and chat messages between peers are small; file data travels on its own channel. The
# largest are a bundle's offer and results (files' MAX_BUNDLE_ENTRIES names with their SHA-256,
# about 160 bytes each): 48 KiB lets a bundle carry 1 MiB of 4 KiB files, which writes and flushes
# a folder of small files in a quarter of the bundles 16 KiB allowed (bench/files.py: 58% of the
# bare channel against 51%). Still far under what aiortc takes in one message (64 KiB).
MAX_PEER_MESSAGE_BYTES = 48 * 1024

# A chat line longer than a few screens is a paste accident; files are for that.
MAX_CHAT_CHARS = 4000

# Names show in lists and title bars.
MAX_NAME_CHARS = 80

# OS and machine descriptions, e.g. "Windows 11 Pro 23H2 (x86_64)".
MAX_SYSTEM_FIELD_CHARS = 120

# Session passwords are typed by a customer reading them over the phone.
MAX_SESSION_PASSWORD_CHARS = 64

# Session numbers are nine digits, never starting with 0, so they read well over the phone.
SESSION_NUMBER_MIN = 100_000_000
SESSION_NUMBER_MAX = 999_999_999

# Participant ids are short random tokens minted by the center.
MAX_PARTICIPANT_ID_CHARS = 32

# Error reasons are one sentence.
MAX_REASON_CHARS = 300

# A media SDP (one video section, a handful of candidates) is 2-5 KB; it rides the control
# channel, whose messages stop at MAX_PEER_MESSAGE_BYTES.
MAX_SHARING_SDP_CHARS = 12 * 1024

# Clipboard text follows control both ways; beyond this a file transfer is the right tool, and
# the control channel's message limit must still hold (UTF-8 may take 3 bytes a character).
MAX_CLIPBOARD_CHARS = 4000

# The most a file may be unless the support center sets another limit: the manual's "150 MB",
# counted in MiB as every refusal says it ("150 MiB", 150 x 1024 x 1024 bytes).
DEFAULT_MAX_FILE_BYTES = 150 * 1024 * 1024
# The range a center's limit per file may take (checked by the center when it starts and by each
# peer in the welcome). Under 1 KiB hardly any file goes: 0 or a few bytes is a mistake (MiB
# written as bytes) or a hostile center. Over 1 TiB a file runs for half a day at the ~25 MiB/s
# a data channel carries: a mistake, or a center wanting the customer's disk filled.
LOWEST_MAX_FILE_BYTES = 1024
HIGHEST_MAX_FILE_BYTES = 1024**4

# One line of an audit note (a bundled file in the session's record): a SHA-256 (64), a size (16
# digits), a relative name (files' MAX_PATH_BYTES, 1024) and an outcome fit with room to spare.
MAX_AUDIT_LINE_CHARS = 1200
# Lines of one audit note: a bundle's files (files' MAX_BUNDLE_ENTRIES, 256). A note must still
# fit MAX_SIGNALING_MESSAGE_BYTES: the sender splits an entry whose lines do not into parts.
MAX_AUDIT_LINES = 256
