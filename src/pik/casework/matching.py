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

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

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
#: German and Polish spellings of sounds, folded first by both the search key and the match forms.
GERMAN_POLISH_FOLDS: list[tuple[str, str]] = [
    ("oe", "o"),  # German umlauts spelled out: Oeztuerk
    ("ue", "u"),
    ("szcz", "shch"),  # Polish spellings of Ukrainian names: Poliszczuk
    ("sz", "sh"),
    ("cz", "ch"),
    ("tsch", "ch"),
    ("dsch", "j"),
]
# Applied in order, on lower-case ASCII: multi-letter variants first.
FOLDS: list[tuple[str, str]] = [
    *GERMAN_POLISH_FOLDS,
    ("sch", "sh"),
    ("ch", "h"),
    ("dj", "j"),
    ("ph", "f"),
    ("kh", "h"),
    ("gh", "g"),
    ("th", "s"),  # Arabic th, Turkish s: Othman, Osman
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


# --- Person matching for the duplicate warning (ADR 0023) -------------------------------------
# A name field becomes a "match form": transliterated to Latin by anyascii (Cyrillic, Arabic,
# accents), split at spaces and hyphens (apostrophes dropped), each word folded by
# transliteration families. Two forms meet when their edit distance (RapidFuzz) is small for
# their length, only vowels differ in names shorter than nine letters, and they do not differ
# by an ending that makes another name (Ali/Alia, Hussein/Husseini, Ivanov/Ivanova).

#: Words that join a name but do not tell persons apart: the Arabic article and kinship words,
#: Dutch, German and Romance particles. Compared with and without them, also grown together.
PARTICLES = frozenset(
    {"al", "el", "ul", "ar", "as", "ash", "ad", "an", "at", "az", "abu", "bin", "ibn", "ben"}
    | {"bint", "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das"}
    | {"la", "le", "ter"}
)
#: Letters folded before transliteration: the Slavic and Turkish ones anyascii maps to a
#: single Latin letter though German and English spellings write them with two (ç stays c:
#: Turkish names reach the office as Celik far more often than as Tschelik).
PRE_MAP = {"č": "ch", "š": "sh", "ž": "zh", "ş": "sh", "ı": "i", "ß": "ss"}
#: Transliteration families, applied in order on lower-case ASCII words.
MATCH_FOLDS: list[tuple[str, str]] = [
    *GERMAN_POLISH_FOLDS,
    ("dzh", "j"),
    ("sch", "sh"),
    ("shch", "sh"),
    ("zh", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("gh", "k"),  # Persian gh/q: Sadeghi, Sadeqi
    ("q", "k"),
    ("g", "h"),  # Ukrainian h for Russian g: Halyna, Galina
    ("ph", "f"),
    ("th", "s"),  # Arabic th, Turkish s: Othman, Osman
    ("dh", "d"),
    ("dt", "t"),
    ("ck", "k"),
    ("x", "ks"),
    ("sh", "s"),
    ("tz", "s"),
    ("ts", "s"),
    ("z", "s"),
    ("w", "v"),
    ("v", "f"),
    ("j", "i"),
    ("y", "i"),
    ("ou", "u"),
    ("oo", "u"),
    ("o", "u"),
    ("e", "i"),
    ("ai", "i"),  # Layla, Leila; Husain, Hussein
]
_SPLIT = re.compile(r"[^a-z']+")
_VOWELS = "aiu"


def _fold_word(word: str) -> str:
    if word.startswith("dj"):  # Djamal, Jamal
        word = word[1:]
    word = re.sub(r"c(?=[eiy])", "s", word)  # Kacem, Kassim
    if (len(word) >= 6 and word.endswith("eh")) or (len(word) >= 4 and word.endswith("ah")):
        word = word[:-1]  # Fatemeh, Hamzah (not Saleh: Salih)
    if len(word) >= 4 and word[-1] == "e" and word[-2] not in "aeiouy":
        word = word[:-1] + "a"  # Turkish/Persian -e for Arabic -a: Emine, Amina; Zohre
    for old, new in MATCH_FOLDS:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Hassan, Hasan
    if len(word) < 3:
        return word
    if word[-1] == "d":  # final devoicing: Ahmed, Ahmet; Murad, Murat
        word = word[:-1] + "t"
    elif word[-1] == "p":  # Zeynep, Zainab
        word = word[:-1] + "b"
    return word


_FOLDED_PARTICLES = frozenset(_fold_word(p) for p in PARTICLES)
#: Particles found grown onto a name in real spellings (Alhasan, Elsayed, Benali, Vanderberg).
_GROWN_ON = tuple(
    _fold_word(p)
    for p in ["al", "el", "ul", "abu", "bin", "ben", "ibn", "van", "von", "der", "den", "de"]
)


def match_form(name: str) -> str:
    """The stored form of one name field: ``"Al-Hassan"`` gives ``"al hasan"``."""
    pre = "".join(PRE_MAP.get(ch, ch) for ch in name.lower())
    words = (w.replace("'", "") for w in _SPLIT.split(anyascii(pre).lower()))
    return " ".join(f for f in (_fold_word(w) for w in words if w) if f)[:100]


def _skeleton(word: str) -> str:
    return "".join(c for c in word if c not in _VOWELS)


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3 or (a[-1] == "a") != (b[-1] == "a"):  # Ali/Alia, Karim/Karima
        return False
    if long_ == short + "i":  # nisba: Hussein/Husseini, Rahim/Rahimi
        return False
    allowed = 1 if len(short) < 9 else 2
    if Levenshtein.distance(a, b, score_cutoff=allowed) > allowed:
        return False
    if len(short) < 9:  # short names: only vowels may differ (Khaled/Khalil differ)
        return _skeleton(a) == _skeleton(b)
    return Levenshtein.distance(_skeleton(a), _skeleton(b), score_cutoff=1) <= 1


def _variants(form: str) -> set[str]:
    """The words joined, with and without particles (a particle is never the last word: El-Din),
    and without an article or kinship word grown onto the name (Alhasan, Benali, Abubakr)."""
    words = form.split()
    kept = [w for w in words[:-1] if w not in _FOLDED_PARTICLES] + words[-1:]
    todo, out = ["".join(words), "".join(kept)], set()
    while todo:
        joined = todo.pop()
        if joined in out:
            continue
        out.add(joined)
        todo.extend(
            joined[len(p) :]
            for p in _GROWN_ON
            if joined.startswith(p) and len(joined) - len(p) >= 3
        )
    return out


def fields_meet(a: str, b: str) -> bool:
    """Whether two match forms of one field may be the same name, also when one holds a further
    given name (Mohammed Ali / Mohammed) or the words are split differently (Abdul Rahman)."""
    if not a or not b:
        return False
    if any(_close(x, y) for x in _variants(a) for y in _variants(b)):
        return True
    short, long_ = sorted((a.split(), b.split()), key=len)
    if len(short) == len(long_):
        return False
    return all(any(_close(s, t) for t in long_) for s in short)


def forms_meet(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Whether two persons' match forms may be the same person, also with given and family
    name swapped, or the name split differently between the two fields."""
    if fields_meet(first_a, first_b) and fields_meet(last_a, last_b):
        return True
    if fields_meet(first_a, last_b) and fields_meet(last_a, first_b):
        return True
    whole_a = (first_a + last_a).replace(" ", "")
    return bool(whole_a) and whole_a == (first_b + last_b).replace(" ", "")


def same_person(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """``same_person("Muhamad", "Al Hasan", "Mohammed", "Al-Hassan") is True``."""
    forms = (match_form(n) for n in (first_a, last_a, first_b, last_b))
    return forms_meet(*forms)
