"""``tandem-center categories add|list|remove``: the script library's categories, which the
site's administrator makes (agents file their scripts under one)."""

from __future__ import annotations

import argparse

from support_center.scripts.records import LibraryError, add_category, categories, remove_category
from support_center.store import Store
from support_center.store_command import with_store


def add(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        add_category(store, args.name)
        print(f"Category {args.name.strip()} added.")
        return 0

    return with_store(args, act, (LibraryError,))


def show(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        names = categories(store)
        if not names:
            print("No categories: add one with `tandem-center categories add NAME`.")
        for name in names:
            print(name)
        return 0

    return with_store(args, act, (LibraryError,))


def remove(args: argparse.Namespace) -> int:
    def act(store: Store) -> int:
        remove_category(store, args.name)
        print(f"Category {args.name} removed.")
        return 0

    return with_store(args, act, (LibraryError,))


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``categories`` command group, under ``tandem-center``."""
    parser = commands.add_parser("categories", help="the script library's categories")
    group = parser.add_subparsers(dest="categories_command", required=True)
    adding = group.add_parser("add", help="add a category agents file scripts under")
    adding.add_argument("name")
    adding.set_defaults(handler=add)
    listing = group.add_parser("list", help="list the categories")
    listing.set_defaults(handler=show)
    removing = group.add_parser("remove", help="remove a category no script is in")
    removing.add_argument("name")
    removing.set_defaults(handler=remove)
