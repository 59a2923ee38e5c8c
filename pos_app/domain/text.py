"""Vietnamese text folding for search.

"banh dau" finds "Bánh đậu", "duong lam" finds "Đường Lâm".
"""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks, đ→d, collapse white space."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.casefold().split())


def matches(query: str, haystack_folded: str) -> bool:
    """Every word of the query appears (as a prefix of a word or anywhere) in the folded text."""
    return all(word in haystack_folded for word in fold(query).split())


def normalize(text: str) -> str:
    """Canonical storage form: NFC, trimmed, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())
