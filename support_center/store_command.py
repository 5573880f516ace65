"""What the ``tandem-center`` commands that change the site's records share: the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from support_center.config import CenterConfig
from support_center.data_folder import make_private
from support_center.store import Store


def with_store(
    args: argparse.Namespace,
    act: Callable[[Store], int],
    refusals: tuple[type[Exception], ...] = (),
) -> int:
    """``act`` on the store of the data folder ``args.data_dir`` (made private first), closed
    after; an error of ``refusals`` is the user's mistake: said on stderr, exit status 2."""
    config = CenterConfig(data_dir=Path(args.data_dir))
    make_private(config.data_dir)
    store = Store(config.database_path)
    try:
        return act(store)
    except refusals as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        store.close()
