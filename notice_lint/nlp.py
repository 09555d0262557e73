"""One blank spaCy pipeline per language, built on first use and kept for the process.

No trained model is needed or downloaded: a tokenizer and a rule-based sentencizer are all the
rules use. Korean uses spaCy's rule-based tokenizer instead of the MeCab-backed default, so
words are split at spaces and punctuation and Korean patterns match word starts by regex.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SENTENCE_ENDS = [".", "!", "?", "。", "！", "？", ";", "；"]


@lru_cache(maxsize=None)
def pipeline(language: str) -> Language:
    """The shared pipeline for ``language`` ('en' or 'ko')."""
    import spacy

    if language == "ko":
        nlp = spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
        _keep_numbers_whole(nlp)
    else:
        nlp = spacy.blank("en")
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


def _keep_numbers_whole(nlp: Language) -> None:
    """Korean's infix list splits at every comma (a bare ',' among its quote marks), so 3,370만 became
    three tokens. Keep the rules that split a comma between letters, drop the bare one."""
    from spacy.lang.ko.punctuation import TOKENIZER_INFIXES
    from spacy.util import compile_infix_regex

    infixes = [pattern for pattern in TOKENIZER_INFIXES if pattern not in (",", "")]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
