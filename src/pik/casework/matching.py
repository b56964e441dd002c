"""Transliteration-tolerant name keys for the duplicate warning.

The same name reaches the office in many Latin spellings (Mohammed, Muhammad, Mohamad; Jusuf,
Yusuf; Wolodymyr, Volodymyr) and sometimes in Cyrillic. A key keeps the first letter and the
consonant skeleton after folding common transliteration variants, so these spellings meet.
It errs towards warning too often (Mahmoud also meets Mohammed): the user decides.
"""

from __future__ import annotations

import re
import unicodedata

CYRILLIC = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёъыэ",
        [
            "a",
            "b",
            "v",
            "h",
            "g",
            "d",
            "e",
            "ye",
            "zh",
            "z",
            "y",
            "i",
            "yi",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "yu",
            "ya",
            "yo",
            "",
            "y",
            "e",
        ],
        strict=True,
    )
)
SPECIAL = {"ß": "ss", "ä": "a", "ö": "o", "ü": "u", "æ": "ae", "ø": "o", "ı": "i", "ł": "l"}
# Applied in order, on lower-case ASCII: multi-letter variants first.
FOLDS: list[tuple[str, str]] = [
    ("tsch", "ch"),
    ("dsch", "j"),
    ("sch", "sh"),
    ("ch", "h"),
    ("dj", "j"),
    ("ph", "f"),
    ("kh", "h"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ou", "u"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("j", "y"),
    ("x", "ks"),
    ("z", "s"),
]
VOWELS = set("aeiouy")


def _ascii(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif ch in SPECIAL:
            out.append(SPECIAL[ch])
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    kept = "".join(c for c in decomposed if (c.isascii() and c.isalpha()) or c == " ")
    return kept.lower()  # again: some characters decompose to capitals (🄐 → A)


def name_key(name: str) -> str:
    """``name_key("Mohammed") == name_key("Muhammad") == name_key("Mohamad") == "mhmd"``."""
    words = _ascii(name).split()
    keys = []
    for raw in words:
        word = raw
        for old, new in FOLDS:
            word = word.replace(old, new)
        word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Mohammed → Mohamed
        if not word:
            continue
        skeleton = word[0] + "".join(c for c in word[1:] if c not in VOWELS)
        keys.append(re.sub(r"(.)\1+", r"\1", skeleton))
    return " ".join(keys)[:100]
