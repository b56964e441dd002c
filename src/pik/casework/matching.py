"""Transliteration-tolerant name keys for the duplicate warning.

The same name reaches the office in many Latin spellings (Mohammed, Muhammad, Mohamad; Jusuf,
Yusuf; Wolodymyr, Volodymyr) and sometimes in Cyrillic. A key keeps the first letter and the
consonant skeleton after folding common transliteration variants, so these spellings meet.
It errs towards warning too often (Mahmoud also meets Mohammed): the user decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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


def _fold(text: str) -> str:
    """Case- and accent-insensitive form: ``"Łukasz Müßig"`` and ``"lukasz mussig"`` meet."""
    out = []
    for ch in text.casefold():
        out.append(SPECIAL.get(ch, ch))
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def mentions_names(text: str, names: Iterable[str]) -> bool:
    """Whether ``text`` names any of ``names``: as whole words, ignoring case and accents, in
    the original script, and in other Latin or Cyrillic spellings of the same name (name keys,
    for names of three consonants or more). Parts shorter than three letters ("Al" of
    "Al-Hassan") only count together with the rest of the name."""
    words = re.findall(r"\w+", _fold(text))
    if not words:
        return False
    joined, present = f" {' '.join(words)} ", set(words)
    keys = {k for k in (name_key(w) for w in words) if len(k) >= 3}
    for name in names:
        parts = re.findall(r"\w+", _fold(name))
        if not parts:
            continue
        if f" {' '.join(parts)} " in joined:
            return True
        for part in parts:
            if len(part) >= 3 and (part in present or name_key(part) in keys):
                return True
    return False
