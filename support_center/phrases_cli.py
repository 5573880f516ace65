"""``tandem-center phrases add|list|remove``: the site's chat quick phrases."""

from __future__ import annotations

import argparse
import sys

from support_center.quick_phrases import LANGUAGES, PhraseError, add_phrase, list_phrases
from support_center.quick_phrases import remove_phrase as drop_phrase
from support_center.store import Store
from support_center.store_command import with_store


def add(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        try:
            phrase = add_phrase(store, args.text, args.language)
        except PhraseError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"Quick phrase {phrase.id} added ({phrase.language}).")
        return 0

    return with_store(args, act)


def show(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        phrases = list_phrases(store)
        if not phrases:
            print("No quick phrases: add one with `tandem-center phrases add TEXT`.")
        for phrase in phrases:
            print(f"{phrase.id}\t{phrase.language}\t{phrase.text}")
        return 0

    return with_store(args, act)


def remove(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        if not drop_phrase(store, args.id):
            print(f"There is no quick phrase {args.id}.", file=sys.stderr)
            return 1
        print(f"Quick phrase {args.id} removed.")
        return 0

    return with_store(args, act)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``phrases`` command group, under ``tandem-center``."""
    phrases = commands.add_parser("phrases", help="the chat quick phrases agents pick from")
    group = phrases.add_subparsers(dest="phrases_command", required=True)
    adding = group.add_parser("add", help="add a quick phrase")
    adding.add_argument("text", help="the phrase, one line")
    adding.add_argument(
        "--language",
        choices=LANGUAGES,
        default="both",
        help="the consoles it is offered first in: en, fr or both (default: both)",
    )
    adding.set_defaults(handler=add)
    listing = group.add_parser("list", help="list the quick phrases with their numbers")
    listing.set_defaults(handler=show)
    removing = group.add_parser("remove", help="remove a quick phrase by its number")
    removing.add_argument("id", type=int)
    removing.set_defaults(handler=remove)
