"""What a patient can be found by: the words of the name, the phone number and the clinic's
reference, folded so that the search ignores case and accents ("Zoë" is found by "zoe", "ß" by
"ss"). Plain functions; the patient search and the demo generator both build rows with them.

Each word becomes one row of ``patient_search_token`` and a search matches a prefix of any
row, served by a B-tree range scan, so it answers from an index on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+")
TOKEN_MAX_LENGTH = 100
SORT_KEY_MAX_LENGTH = 250
SORT_SEPARATOR = "\x01"
"""Between family and given names in a sort key: before every letter, so "Smith, Zoe" comes
before "Smithers, Al" and "Smith Jones, Ann" after both Smiths."""
SHORTEST_NUMBER = 3
"""A phone or reference token needs at least this many characters to be worth storing."""
MAX_QUERY_WORDS = 6


def fold(text: str) -> str:
    """Lower case without accents: the form both the stored tokens and the query words take."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order; punctuation and spaces separate them."""
    return WORD.findall(fold(text))


def name_tokens(name: str) -> set[str]:
    """Every word of a name, and each hyphenated or apostrophised part joined up as well, so
    "O'Brien" is found by "o", "brien" and "obrien", "Smith-Jones" by "smithjones"."""
    tokens = set(words(name))
    for part in fold(name).split():
        joined = "".join(WORD.findall(part))
        if joined:
            tokens.add(joined)
    return tokens


def phone_tokens(phone: str) -> set[str]:
    """A phone number by its digits from each group on, so "+44 7700 900123" is found by
    "447700900123", "7700 900123" and "900123" (a query of digits alone is joined up too)."""
    groups = words(phone)
    tokens = {"".join(groups[start:]) for start in range(len(groups))}
    return {token for token in tokens if len(token) >= SHORTEST_NUMBER}


def query_words(query: str) -> list[str]:
    """The words a search looks for, each a prefix of some token of the patient: a query of
    digits alone is one number ("07700 900123"); repeated words count once."""
    found = words(query)
    if found and all(word.isdigit() for word in found):
        return ["".join(found)[:TOKEN_MAX_LENGTH]]
    return list(dict.fromkeys(word[:TOKEN_MAX_LENGTH] for word in found))


def sort_key(given_names: str, family_name: str) -> str:
    """The key the patient list sorts by: family name, then given names, folded."""
    key = " ".join(words(family_name)) + SORT_SEPARATOR + " ".join(words(given_names))
    return key[:SORT_KEY_MAX_LENGTH]


@dataclass(frozen=True)
class SearchKeys:
    sort_key: str
    tokens: frozenset[str]


def search_keys(*, given_names: str, family_name: str, phone: str, reference: str) -> SearchKeys:
    """The sort key and the search tokens of one patient."""
    tokens = name_tokens(given_names) | name_tokens(family_name) | phone_tokens(phone)
    tokens |= {token for token in name_tokens(reference) if len(token) >= SHORTEST_NUMBER}
    return SearchKeys(
        sort_key=sort_key(given_names, family_name),
        tokens=frozenset(token[:TOKEN_MAX_LENGTH] for token in tokens),
    )


def prefix_bound(prefix: str) -> str:
    """The smallest string after every string that starts with ``prefix``: with it,
    ``prefix <= token < prefix_bound(prefix)`` is a prefix match an index range can serve (in a
    binary, code-point order: SQLite's default and the "C" collation on PostgreSQL)."""
    while prefix and ord(prefix[-1]) == 0x10FFFF:  # the last code point has no successor
        prefix = prefix[:-1]
    if not prefix:
        raise ValueError("Every string starts with the empty prefix.")
    following = ord(prefix[-1]) + 1
    if following == 0xD800:
        following = 0xE000  # the surrogates are not characters
    return prefix[:-1] + chr(following)
