"""The center's command line: STUN/TURN settings reach the configuration peers receive."""

from __future__ import annotations

from support_center.cli import _config, build_parser


def test_ice_servers_from_the_command_line() -> None:
    args = build_parser().parse_args(
        [
            "serve",
            "--ice-server",
            "stun:stun.example.org:3478",
            "--ice-server",
            "turn:turn.example.org:3478",
            "--turn-username",
            "tandem",
            "--turn-password",
            "s3cret",
        ]
    )
    servers = _config(args).ice_servers
    assert [s.urls for s in servers] == [
        ["stun:stun.example.org:3478"],
        ["turn:turn.example.org:3478"],
    ]
    assert servers[0].username is None
    assert (servers[1].username, servers[1].credential) == ("tandem", "s3cret")


def test_no_ice_servers_by_default() -> None:
    assert _config(build_parser().parse_args(["serve"])).ice_servers == []
