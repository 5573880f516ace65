"""``tandem-center``: run the support center and manage its agents."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from pathlib import Path

from shared.protocol.limits import (
    DEFAULT_MAX_FILE_BYTES,
    HIGHEST_MAX_FILE_BYTES,
    LOWEST_MAX_FILE_BYTES,
)
from shared.protocol.messages import IceServer
from shared.security.certificates import ensure_certificate, fingerprint_of
from shared.security.passwords import hash_password
from support_center.app import certificate_hosts, serve_forever
from support_center.config import (
    CONSOLE_FACES,
    DEFAULT_CLIENT_BINARY,
    DEFAULT_DATA_DIR,
    DEFAULT_PORT,
    CenterConfig,
)
from support_center.data_folder import make_private
from support_center.invitations.options import add_mail_options, mail_server
from support_center.phrases_cli import add_commands as add_phrase_commands
from support_center.queues.cli import add_commands as add_queue_commands
from support_center.scripts.cli import add_commands as add_category_commands
from support_center.store import Store

MIB = 1024 * 1024
# The smallest and largest limit per file `--max-file-mib` takes (whole MiB, inside the range
# any center's limit must be in).
_MIB_RANGE = (max(1, LOWEST_MAX_FILE_BYTES // MIB), HIGHEST_MAX_FILE_BYTES // MIB)

# Agents' passwords guard access to customers' machines: no short ones.
MIN_AGENT_PASSWORD_CHARS = 8


def _config(args: argparse.Namespace) -> CenterConfig:
    return CenterConfig(
        data_dir=Path(args.data_dir),
        host=getattr(args, "host", "127.0.0.1"),
        port=getattr(args, "port", DEFAULT_PORT),
        public_url=getattr(args, "public_url", None),
        max_sessions_per_agent=getattr(args, "max_sessions", 4),
        default_face=getattr(args, "default_face", None),
        ice_servers=ice_servers(args),
        max_file_bytes=getattr(args, "max_file_mib", DEFAULT_MAX_FILE_BYTES // MIB) * MIB,
        keep_chat=getattr(args, "keep_chat", False),
        mail=mail_server(args),
        client_binary=client_binary(args),
    )


def client_binary(args: argparse.Namespace) -> Path | None:
    """``--client-binary``, else the install's ``dist/tandem-client`` when it was built."""
    named = getattr(args, "client_binary", None)
    if named is not None:
        return Path(named)
    return DEFAULT_CLIENT_BINARY if DEFAULT_CLIENT_BINARY.is_file() else None


def file_limit_mib(text: str) -> int:
    """``--max-file-mib``: a whole number of MiB within the range a limit may take."""
    try:
        mib = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of MiB: {text!r}") from None
    low, high = _MIB_RANGE
    if not low <= mib <= high:
        raise argparse.ArgumentTypeError(f"the limit per file must be {low} to {high} MiB")
    return mib


def ice_servers(args: argparse.Namespace) -> list[IceServer]:
    """STUN/TURN servers for the peers; TURN ones get the TURN credentials."""
    servers = []
    for url in getattr(args, "ice_server", None) or []:
        if url.startswith(("turn:", "turns:")):
            servers.append(
                IceServer(urls=[url], username=args.turn_username, credential=args.turn_password)
            )
        else:
            servers.append(IceServer(urls=[url]))
    return servers


def _read_password(args: argparse.Namespace) -> str | None:
    """The new agent's password; None (after saying why) when there is no way to ask for it."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        # A script or a service: nobody to prompt (getpass would fail with a traceback).
        print(
            "No terminal to ask for the password on: pass it on standard input with "
            "--password-stdin, e.g.  printf '%s\\n' \"$PASSWORD\" | tandem-center add-agent "
            f"{args.username} --password-stdin",
            file=sys.stderr,
        )
        return None
    try:
        first = getpass.getpass("Password: ")
        again = getpass.getpass("Password again: ")
    except (EOFError, KeyboardInterrupt):
        print("\nNo password given: no agent added.", file=sys.stderr)
        return None
    if again != first:
        raise SystemExit("The two passwords differ.")
    return first


def add_agent(args: argparse.Namespace) -> int:
    password = _read_password(args)
    if password is None:
        return 2
    if len(password) < MIN_AGENT_PASSWORD_CHARS:
        print(f"A password needs at least {MIN_AGENT_PASSWORD_CHARS} characters.", file=sys.stderr)
        return 2
    config = _config(args)
    make_private(config.data_dir)
    store = Store(config.database_path)
    try:
        store.add_agent(args.username, args.name or args.username, hash_password(password))
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Agent {args.username!r} added.")
    return 0


def show_fingerprint(args: argparse.Namespace) -> int:
    config = _config(args)
    make_private(config.data_dir)
    cert, _ = ensure_certificate(config.data_dir, certificate_hosts(config))
    make_private(config.data_dir)
    print(fingerprint_of(cert))
    return 0


def serve(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        asyncio.run(serve_forever(_config(args)))
    except OSError as exc:
        print(f"Cannot start the support center: {exc}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tandem-center", description="Tandem support center")
    parser.add_argument(
        "--data-dir", default=str(DEFAULT_DATA_DIR), help="database and certificate folder"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("serve", help="run the support center")
    run.add_argument("--host", default="127.0.0.1", help="address to listen on")
    run.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (0 picks a free one)")
    run.add_argument("--public-url", help="https address peers use to reach this center")
    run.add_argument("--max-sessions", type=int, default=4, help="open sessions per agent")
    run.add_argument(
        "--default-face",
        choices=CONSOLE_FACES,
        help="console layout agents get unless they chose their own (default: dashboard)",
    )
    run.add_argument(
        "--max-file-mib",
        type=file_limit_mib,
        default=DEFAULT_MAX_FILE_BYTES // MIB,
        metavar="MIB",
        help="the most a file may be, per file, in MiB (default: 150)",
    )
    run.add_argument(
        "--ice-server",
        action="append",
        metavar="URL",
        help="STUN or TURN server for the peers (stun:host:port, turn:host:port); repeatable",
    )
    run.add_argument(
        "--keep-chat",
        action="store_true",
        help="keep each session's chat lines in its record (default: only that chat happened)",
    )
    run.add_argument("--turn-username", help="user name for the TURN servers")
    run.add_argument("--turn-password", help="password for the TURN servers")
    run.add_argument(
        "--client-binary",
        metavar="PATH",
        help="the one-file client the Get help and join pages hand out "
        "(default: dist/tandem-client of this install, if built)",
    )
    add_mail_options(run)
    run.set_defaults(handler=serve)

    agent = commands.add_parser("add-agent", help="create an agent account")
    agent.add_argument("username")
    agent.add_argument("--name", help="name customers see (default: the user name)")
    agent.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    agent.set_defaults(handler=add_agent)

    fingerprint = commands.add_parser("fingerprint", help="print the certificate fingerprint")
    fingerprint.set_defaults(handler=show_fingerprint)
    add_phrase_commands(commands)
    add_category_commands(commands)
    add_queue_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
