"""The PDF's shipped fonts for the HTML briefing: subset to the characters used, embedded.

A briefing uses a few hundred of the font's glyphs; subsetting each weight to them (with
fontTools, pure Python) keeps a self-contained HTML file near 60 KB of fonts instead of
900 KB, and the page looks the same on a machine without Source Sans Pro.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "Source Sans Pro"
WEIGHTS = {400: "SourceSansPro-Regular.ttf", 600: "SourceSansPro-Semibold.ttf",
           700: "SourceSansPro-Bold.ttf"}
#: Always kept, so that text a browser generates (page numbers, list markers) renders too.
BASE = "".join(chr(c) for c in range(0x20, 0x7F)) + "•–—…“”\u2018’·×−→◆┊"


@lru_cache(maxsize=32)
def _subset(file: str, characters: str) -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(FONT_DIR / file)
    options = subset.Options()
    options.flavor = "woff"  # zlib-compressed, no extra codec needed
    options.layout_features = ["kern", "liga", "tnum", "lnum"]
    options.name_IDs = [1, 2]  # family and style only
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return base64.b64encode(out.getvalue()).decode("ascii")


def font_faces(text: str) -> str:
    """``@font-face`` rules embedding each shipped weight, subset to *text*'s characters."""
    characters = "".join(sorted(set(text) | set(BASE)))
    return "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: normal; '
        f"src: url(data:font/woff;base64,{_subset(file, characters)}) format(\"woff\"); }}"
        for weight, file in WEIGHTS.items())
