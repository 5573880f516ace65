"""The hatch painted over the parts of a shared picture that other windows cover, so that none
of another window's pixels leaves the computer. Co-browsing's window and application sharing's
applications both use it."""

from __future__ import annotations

import numpy as np

from shared.windows import Rect

# Diagonal stripes of two greys, HATCH_STRIPE pixels wide: plain to tell from any page, and it
# compresses to almost nothing.
HATCH_STRIPE = 8
HATCH_DARK = 64
HATCH_LIGHT = 176


def hatch(frame: np.ndarray, rect: Rect) -> None:
    """Paint the hatch over ``rect`` of ``frame`` (height × width × 4, BGRA), in place."""
    part = frame[rect.top : rect.bottom, rect.left : rect.right]
    if part.size == 0:
        return
    rows, cols = np.indices(part.shape[:2])
    stripes = ((rows + rect.top + cols + rect.left) // HATCH_STRIPE) % 2 == 0
    part[..., :3] = np.where(stripes[..., None], HATCH_DARK, HATCH_LIGHT).astype(np.uint8)
    part[..., 3] = 255


def hatch_where(frame: np.ndarray, mask: np.ndarray) -> None:
    """Paint the hatch where ``mask`` (height × width, bool) is set, in place."""
    rows, cols = np.indices(mask.shape)
    stripes = ((rows + cols) // HATCH_STRIPE) % 2 == 0
    grey = np.where(stripes, HATCH_DARK, HATCH_LIGHT).astype(np.uint8)
    for channel in range(3):
        frame[..., channel][mask] = grey[mask]
    frame[..., 3][mask] = 255
