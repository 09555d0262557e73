"""One blank spaCy pipeline per language, built on first use and kept for the process.

No trained model is needed or downloaded: a tokenizer and a rule-based sentencizer are all the
rules use. Korean uses spaCy's rule-based tokenizer instead of the MeCab-backed default, so
words are split at spaces and punctuation and Korean patterns match word starts by regex.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from types import ModuleType
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


def import_spacy() -> ModuleType:
    """``import spacy``, without its command-line package when spaCy is not loaded yet.

    spaCy's ``__init__`` imports ``spacy.cli`` (and with it weasel, typer and their schemas: about a quarter
    of the import time) only to offer ``spacy.info``, which nothing here uses. A stand-in takes its place
    while spaCy is imported and is removed afterwards, so a later ``import spacy.cli`` loads the real one;
    if spaCy's own import then fails, it is imported again the usual way."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins = {"spacy.cli": ModuleType("spacy.cli"), "spacy.cli.info": ModuleType("spacy.cli.info")}
    stand_ins["spacy.cli"].__path__ = []  # type: ignore[attr-defined]
    stand_ins["spacy.cli.info"].info = _spacy_info  # type: ignore[attr-defined]
    sys.modules.update(stand_ins)
    try:
        import spacy
    except Exception:  # noqa: BLE001 - a spaCy whose import needs more of its CLI: take it whole
        spacy = None
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:
        import spacy
    elif getattr(spacy, "cli", None) is stand_ins["spacy.cli"]:
        del spacy.cli  # so that ``spacy.cli`` is looked up, and imported, afresh
    return spacy


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` for a spaCy imported by :func:`import_spacy`: the real one, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@lru_cache(maxsize=None)
def pipeline(language: str) -> Language:
    """The shared pipeline for ``language`` ('en' or 'ko')."""
    spacy = import_spacy()
    nlp = spacy.blank(language, config={"nlp": {"tokenizer": {"@tokenizers": _register_tokenizer()}}})
    nlp.max_length = sys.maxsize  # the limit guards parsers' memory; a tokenizer and sentencizer need none
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


DOT_BETWEEN_WORDS = re.compile(r"\w\s*\.\s*\w")
"""What a dotted date needs in the text (any digit isdigit() takes is a word character)."""


def _dotted_dates(doc: Doc) -> Doc:
    """Keep dotted dates in one sentence: "2025. 11. 18." and "v2. 3" are not three sentences."""
    if DOT_BETWEEN_WORDS.search(doc.text) is None:
        return doc
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


TOKENIZER = "notice_lint.Tokenizer.v1"


@lru_cache(maxsize=None)
def _register_tokenizer() -> str:
    """Register the tokenizer factory with spaCy once; returns its name."""
    spacy = import_spacy()
    spacy.registry.tokenizers.register(TOKENIZER, func=lambda: _create_tokenizer)
    return TOKENIZER


def _create_tokenizer(nlp: Language) -> Any:
    """spaCy's rule-based tokenizer with the language's defaults (for Korean too: no MeCab), built once with
    two changes (setting them afterwards reloads every special case, a tenth of a second each):

    - suffixes are looked for in the last SUFFIX_WINDOW characters only. spaCy strips suffixes one at a
      time and searches the whole remaining word each time, so a word of thousands of closing brackets or
      marks took time quadratic in its length (seconds for a line of '>>>>'); the suffixes found are the same.
    - Korean's infix list splits at every comma (a bare ',' among its quote marks), so 3,370만 became three
      tokens. The rules that split a comma between letters stay; the bare one goes.
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = nlp.Defaults
    infixes = list(defaults.infixes or [])
    if nlp.lang == "ko":
        infixes = [pattern for pattern in infixes if pattern not in (",", "")]
    return Tokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
        suffix_search=_windowed(compile_suffix_regex(defaults.suffixes).search) if defaults.suffixes else None,
        infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


def _windowed(search: Any) -> Any:
    def windowed(text: str) -> re.Match[str] | None:
        return search(text[-SUFFIX_WINDOW:] if len(text) > SUFFIX_WINDOW else text)

    return windowed
