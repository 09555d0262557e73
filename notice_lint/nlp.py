"""One blank spaCy pipeline per language, built on first use and kept for the process.

No trained model is needed or downloaded: a tokenizer and a rule-based sentencizer are all the
rules use. Korean uses spaCy's rule-based tokenizer instead of the MeCab-backed default, so
words are split at spaces and punctuation and Korean patterns match word starts by regex.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SENTENCE_ENDS = [".", "!", "?", "。", "！", "？", ";", "；"]
SUFFIX_WINDOW = 64
"""Characters at the end of a word in which the tokenizer looks for a suffix (no suffix is this long)."""
LONG_WORD, MARK_RUN = 1000, 16
UNWORDLY = re.compile(rf"(?<!\S)\S{{{LONG_WORD},}}|[^\w\s]{{{MARK_RUN},}}")
"""Runs that are no prose and that spaCy's tokenizer takes quadratic time over: a 'word' of a thousand
characters or more, or sixteen or more marks in a row ('>>>>...', '))))...'). They are cut into tokens of
MARK_RUN characters instead."""


@lru_cache(maxsize=None)
def pipeline(language: str) -> Language:
    """The shared pipeline for ``language`` ('en' or 'ko')."""
    import spacy

    if language == "ko":
        nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
        _keep_numbers_whole(nlp)
    else:
        nlp = spacy.blank("en")
    nlp.max_length = sys.maxsize  # the limit guards parsers' memory; a tokenizer and sentencizer need none
    _bound_suffix_search(nlp)
    nlp.tokenizer = _RunCuttingTokenizer(nlp.tokenizer)
    nlp.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    if language == "ko":
        nlp.add_pipe(_register_dotted_dates())
    return nlp


@lru_cache(maxsize=None)
def _register_dotted_dates() -> str:
    """Register the dotted-date component with spaCy once; returns its name."""
    from spacy.language import Language

    Language.component(DOTTED_DATES, func=_dotted_dates)
    return DOTTED_DATES


DOTTED_DATES = "notice_lint_dotted_dates"


def _dotted_dates(doc: Doc) -> Doc:
    """Keep dotted dates in one sentence: "2025. 11. 18." and "v2. 3" are not three sentences."""
    for token in doc[2:]:
        before, dot = doc[token.i - 2], doc[token.i - 1]
        if token.is_sent_start and dot.text == "." and before.text.isdigit() and token.text[:1].isdigit():
            token.is_sent_start = False
    return doc


class _RunCuttingTokenizer:
    """spaCy's tokenizer, except that UNWORDLY runs become tokens of MARK_RUN characters (the doc's text
    stays the input text). Everything else, reading and setting attributes included, goes to the tokenizer."""

    def __init__(self, tokenizer: Any) -> None:
        object.__setattr__(self, "_tokenizer", tokenizer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._tokenizer, name, value)

    def __call__(self, text: str) -> Doc:
        tokenizer = self._tokenizer
        if UNWORDLY.search(text) is None:
            return tokenizer(text)
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for run in UNWORDLY.finditer(text):
            self._tokenize(text[position : run.start()], words, spaces)
            piece = run.group()
            for start in range(0, len(piece), MARK_RUN):
                words.append(piece[start : start + MARK_RUN])
                spaces.append(False)
            position = run.end()
        self._tokenize(text[position:], words, spaces)
        return Doc(tokenizer.vocab, words=words, spaces=spaces)

    def _tokenize(self, stretch: str, words: list[str], spaces: list[bool]) -> None:
        if stretch.startswith(" ") and words and not spaces[-1]:
            spaces[-1] = True  # one space after a token is its trailing whitespace, as spaCy has it
            stretch = stretch[1:]
        if stretch:
            for token in self._tokenizer(stretch):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))


def _bound_suffix_search(nlp: Language) -> None:
    """Look for suffixes in the last SUFFIX_WINDOW characters only. spaCy strips suffixes one at a time and
    searches the whole remaining word each time, so a word of thousands of closing brackets or marks took
    time quadratic in its length (seconds for a line of '>>>>'); the suffixes found are the same."""
    search = nlp.tokenizer.suffix_search
    if search is None:
        return

    def windowed(text: str) -> re.Match[str] | None:
        return search(text[-SUFFIX_WINDOW:] if len(text) > SUFFIX_WINDOW else text)

    nlp.tokenizer.suffix_search = windowed


def _keep_numbers_whole(nlp: Language) -> None:
    """Korean's infix list splits at every comma (a bare ',' among its quote marks), so 3,370만 became
    three tokens. Keep the rules that split a comma between letters, drop the bare one."""
    from spacy.lang.ko.punctuation import TOKENIZER_INFIXES
    from spacy.util import compile_infix_regex

    infixes = [pattern for pattern in TOKENIZER_INFIXES if pattern not in (",", "")]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
