"""Mood charts: a terminal chart (text) and a PNG written with numpy + zlib (no plotting library).

The PNG is a small raster (default 640x320): grid lines at 1, 5 and 10, the check-ins as dots joined by a
line, evenly spaced in time order, y-axis labels drawn with a built-in 3x5 pixel digit font. It is written
as an RGB, 8-bit, non-interlaced PNG (IHDR, one IDAT, IEND) so it opens anywhere, keeping the core install
free of matplotlib.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from amity.errors import InputError
from amity.store.care_store import MoodEntry

Image = npt.NDArray[np.uint8]
_DIGITS = {
    "0": "111101101101111",
    "1": "010110010010111",
    "2": "111001111100111",
    "3": "111001111001111",
    "4": "101101111001001",
    "5": "111100111001111",
    "6": "111100111101111",
    "7": "111001001001001",
    "8": "111101111101111",
    "9": "111101111001111",
}
LINE = (70, 110, 200)
DOT = (40, 70, 160)
GRID = (225, 225, 225)
AXIS = (120, 120, 120)


def terminal_chart(entries: Sequence[MoodEntry], width: int = 60) -> str:
    """Rows 10..1, one column per check-in (the latest ``width``), ``●`` marks the score."""
    if not entries:
        return 'No mood check-ins yet. Try: amity mood 7 "rested, a bit nervous"'
    shown = list(entries)[-width:]
    lines = []
    for level in range(10, 0, -1):
        row = "".join("●" if e.score == level else ("·" if e.score > level else " ") for e in shown)
        lines.append(f"{level:>2} │{row}")
    lines.append("   └" + "─" * len(shown))
    first, last = shown[0].created_at, shown[-1].created_at
    lines.append(f"    {first:%Y-%m-%d} … {last:%Y-%m-%d}  ({len(shown)} check-ins)")
    return "\n".join(lines)


def _line(img: Image, x0: int, y0: int, x1: int, y1: int, color: tuple[int, int, int], thick: int = 1) -> None:
    steps = max(abs(x1 - x0), abs(y1 - y0), 1)
    for i in range(steps + 1):
        x = round(x0 + (x1 - x0) * i / steps)
        y = round(y0 + (y1 - y0) * i / steps)
        img[max(0, y - thick // 2) : y + thick - thick // 2, max(0, x - thick // 2) : x + thick - thick // 2] = color


def _text(img: Image, x: int, y: int, text: str, scale: int = 2) -> None:
    for n, ch in enumerate(text):
        bits = _DIGITS.get(ch)
        if bits is None:
            continue
        for k, bit in enumerate(bits):
            if bit == "1":
                r, c = divmod(k, 3)
                top, left = y + r * scale, x + n * 4 * scale + c * scale
                img[top : top + scale, left : left + scale] = AXIS


def render(entries: Sequence[MoodEntry], width: int = 640, height: int = 320) -> Image:
    """The chart as an RGB array (height, width, 3)."""
    img = np.full((height, width, 3), 255, dtype=np.uint8)
    left, right, top, bottom = 40, width - 16, 16, height - 24

    def y_of(score: float) -> int:
        return round(bottom - (score - 1) / 9 * (bottom - top))

    for level in (1, 5, 10):
        _line(img, left, y_of(level), right, y_of(level), GRID)
        _text(img, 6, y_of(level) - 5, str(level))
    _line(img, left, top, left, bottom, AXIS)
    _line(img, left, bottom, right, bottom, AXIS)
    if not entries:
        return img
    n = len(entries)
    xs = [left + 8 + round(i * (right - left - 16) / max(1, n - 1)) if n > 1 else (left + right) // 2 for i in range(n)]
    ys = [y_of(e.score) for e in entries]
    for i in range(1, n):
        _line(img, xs[i - 1], ys[i - 1], xs[i], ys[i], LINE, thick=2)
    for x, y in zip(xs, ys, strict=True):
        img[max(0, y - 3) : y + 4, max(0, x - 3) : x + 4] = DOT
    return img


def encode_png(img: Image) -> bytes:
    """An RGB uint8 array as PNG bytes."""
    if img.ndim != 3 or img.shape[2] != 3 or img.dtype != np.uint8:
        raise ValueError("expected an (h, w, 3) uint8 array")
    h, w, _ = img.shape
    raw = b"".join(b"\x00" + img[row].tobytes() for row in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def write_png(entries: Sequence[MoodEntry], path: Path) -> Path:
    """Render the chart and write it to ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode_png(render(entries)))
    except OSError as exc:
        raise InputError(f"Cannot write {path}: {exc}.", "Choose a writable path for --png.") from exc
    return path
