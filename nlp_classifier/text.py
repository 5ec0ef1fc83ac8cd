"""Tokenisation: rjieba with the domain user dictionary, protected place codes and stop words."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import rjieba

MAX_BODY_CHARS = 500
"""Only this much of a petition's detail is read (the speed target assumes it)."""

# Anonymised or coded administrative names (A市, K1区, D10县) are kept whole before cutting.
PROTECTED = re.compile(r"[A-Z]\d{0,2}[市区县]")
_CONTENT = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


Token = tuple[str, str]
"""A word and its part-of-speech tag; a text's tokens concatenate back to the text."""


def _resource_lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _jieba() -> rjieba.Jieba:
    """A private rjieba instance with the user dictionary (`word [freq] [tag]` a line) added."""
    jieba = rjieba.Jieba()
    for line in _resource_lines("userdict.txt"):
        word, *rest = line.split()
        freq = int(rest[0]) if rest else None
        tag = rest[1] if len(rest) > 1 else None
        jieba.add_word(word, freq, tag)
    return jieba


@cache
def stop_words() -> frozenset[str]:
    """The packaged stop-word list."""
    return frozenset(_resource_lines("stopwords.txt"))


def tag(text: str) -> list[Token]:
    """Cut `text` into tagged tokens; protected place codes become one `ns` token each."""
    jieba = _jieba()
    tokens: list[Token] = []
    pos = 0
    for match in PROTECTED.finditer(text):
        if match.start() > pos:
            tokens.extend(jieba.tag(text[pos : match.start()]))
        tokens.append((match.group(), "ns"))
        pos = match.end()
    if pos < len(text):
        tokens.extend(jieba.tag(text[pos:]))
    return tokens


def content_words(tokens: list[Token]) -> list[str]:
    """The words that carry meaning: no punctuation, spaces or stop words."""
    stops = stop_words()
    return [word for word, _ in tokens if word not in stops and _CONTENT.search(word)]


def petition_body(detail: str, seg_text: str = "") -> str:
    """A petition's detail, or its pre-segmented text with the spaces removed when the detail is empty."""
    detail = detail.strip()
    return detail if detail else seg_text.replace(" ", "")
