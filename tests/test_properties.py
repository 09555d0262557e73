"""Property-based tests (hypothesis) for the parsers, the engine, the reporters and --fix.

Over arbitrary text, notice-like documents spliced from real phrases (the rules' own examples, trigger words,
markup, entities, line endings, invisible and full-width characters) and well-formed documents (an HTML page
with its head, Markdown with front matter, a multipart email in every transfer encoding), in every format
and language, with and without a configured run:

1. parsing, linting and reporting never raise nor warn;
2. every character of every block and preview field maps into the source (a visible one to real source
   text); every finding lies inside the file, its ``text`` is exactly the source between its ``start`` and
   ``end`` offsets, and ``line``/``column`` and ``end_line``/``end_column`` name those offsets. A finding
   about words of the notice (a wording rule) begins and ends on characters of one block or field; one with
   a safe fix covers source that reads exactly as the matched words. Findings about something absent
   (missing-guidance, preview-missing) are only checked to lie in the file;
3. applying the safe fixes as ``--fix`` does (``fixable`` and ``apply_fixes``) changes nothing outside the
   fixed spans, and a second run finds nothing left to fix.

Failures found this way are pinned at the end as plain tests.
"""

from __future__ import annotations

import base64
import json
import os
import quopri
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from notice_lint.engine import lint_text, settle
from notice_lint.fix import Fixed, apply_fixes, fixable, fixed_text
from notice_lint.model import LINE_BREAK, Notice, Settings
from notice_lint.packs import load_rules
from notice_lint.parse import parse_source
from notice_lint.report import FORMATS as REPORT_FORMATS
from notice_lint.report import render
from notice_lint.source import decode
from notice_lint.suppress import UNUSED_SUPPRESSION
from notice_lint.text import INVISIBLE, TextBuilder

pytestmark = pytest.mark.filterwarnings("error")
"""A warning from a parser or a library on odd input would be printed to the user: a bug like a crash."""

RULES = [rule for rule in load_rules() if rule.kind != "live"]
"""Every built-in rule that reads a local notice (live rules need a fetched URL and stay silent anyway)."""
RULE_IDS = {rule.id for rule in RULES}
KNOWN_IDS = {rule.id for rule in load_rules()} | {UNUSED_SUPPRESSION}
WORDING = {rule.id for rule in RULES if rule.kind == "wording"}
"""Rules whose findings are words of the notice (as opposed to something missing from it)."""

SUFFIXES = {"html": ".html", "markdown": ".md", "text": ".txt", "email": ".eml", "sniffed": ""}
"""The file name's suffix picks the format; without one the format is sniffed from the text."""
FORMATS = list(SUFFIXES)
LANGUAGES = [None, "en", "ko"]

# Determinism: CI runs each test on a fixed, reproducible set of examples (derandomize) and keeps no
# example database, so a run never depends on what an earlier run found and a failure reproduces
# locally with the same command. Bugs hypothesis finds are pinned at the end of this file.
# NOTICE_LINT_HYPOTHESIS=deep explores with fresh random examples (many more, slower), to hunt for bugs.
settings.register_profile(
    "notice-lint",
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile("notice-lint-deep", settings.get_profile("notice-lint"), max_examples=1500, derandomize=False)
PROPERTY = settings(settings.get_profile(
    "notice-lint-deep" if os.environ.get("NOTICE_LINT_HYPOTHESIS") == "deep" else "notice-lint"
))

# ----------------------------------------------------------------------------------------- strategies

_SENTENCE = re.compile(r"(?<=[.!?다])\s+")


def _phrases() -> list[str]:
    """Short real phrases: hand-picked trigger words, and sentences of the rules' examples."""
    picked = [
        "we take your privacy seriously", "We take your privacy seriously.", "exposure", "exposed", "Exposed",
        "EXPOSED", "exposing", "may have been", "may have been accessed", "limited to", "a small number of",
        "unauthorized access", "sophisticated attack", "no evidence of misuse", "any inconvenience",
        "Your data was exposed.", "Your records were exposed in March.", "names and addresses",
        "노출", "노출되었습니다", "고객님의 개인정보가 외부에 노출되었습니다.", "불편을 드려", "불편을 드려 죄송합니다.",
        "심려를 끼쳐", "일부", "유출", "개인정보 유출 안내", "가능성", "등", "문의: 02-123-4567",
        "Call 1-800-555-0100.", "privacy@example.com", "https://example.com/notice", "www.example.com",
        "On March 6, 2025 we discovered", "2025년 3월 6일", "What Happened", "What You Can Do",
    ]  # fmt: skip
    seen = set(picked)
    for rule in load_rules():
        for item in rule.examples:
            if item.serve is not None:
                continue
            for sentence in _SENTENCE.split(item.text):
                sentence = sentence.strip()
                if 3 <= len(sentence) <= 160 and sentence not in seen:
                    seen.add(sentence)
                    picked.append(sentence)
    return picked


PHRASES = _phrases()
NEWLINES = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r"]
SPACING = [" ", "  ", "\t", "\u00a0", "\u3000", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
ODD = [
    "ｅｘｐｏｓｅｄ", "ex\u200bposed", "ex\u00adposed", "\u201cexposed\u201d", "'exposed'", "노\u200b출", "ＡＢＣ",
    "\u0301", "e\u0301", "\U0001f600", "\u202e", "\u0000", "\x0b", "\x0c", "\x1c", "\u2028", "\u2029", "\x85",
    "\\", "\\*", "&", "<", ">", "]", "[", "(", ")", "`", "=", "\"", "'", ":", "|", "~", "#", "-",
]  # fmt: skip
HTML_MARKUP = [
    "<p>", "</p>", "<span>", "</span>", "<b>", "</b>", "<br>", "<br/>", "<div>", "</div>", "<h1>", "</h1>",
    "<h2>", "</h2>", "<li>", "</li>", "<ul>", "</ul>", "<table><tr><td>", "</td></tr></table>", "<pre>",
    "</pre>", "<!-- -->", "<!-- comment", "-->", "<!-- notice-lint-disable -->",
    "<!-- notice-lint-enable -->", "<!-- notice-lint-disable-next-line minimizing-wording -->",
    "<!-- notice-lint-bogus -->", "<script>", "</script>", "<style>x{}</style>", "<nav>", "</nav>",
    "<main>", "</main>", "<html lang=\"ko\">", "<html lang=\"en\">", "<head>", "</head>", "<body>",
    "</body>", "<title>", "</title>", "<meta charset=\"utf-8\">",
    "<meta property=\"og:title\" content=\"Your data was exposed\">",
    "<meta property=\"og:description\" content=\"개인정보 노출 &amp; 안내\">",
    "<meta name=\"twitter:title\" content=\"", "\">", "<a href=\"https://example.com/x\">",
    "<a href=\"http://bit.ly/x\">", "</a>", "<img alt=\"exposed\" src=\"x.png\">", "<![CDATA[x]]>",
    "<?xml version=\"1.0\"?>", "<!DOCTYPE html>", "&amp;", "&nbsp;", "&shy;", "&#x200b;", "&#xB178;",
    "&#45432;", "&#xD800;", "&#0;", "&#x110000;", "&lt;", "&gt;", "&quot;", "&copy", "&bogus;", "&#;",
    "<p class='x' data-x=\"<p>\">", "<", "</", "<p", "=\"",
]  # fmt: skip
MARKDOWN_MARKUP = [
    "# ", "## ", "###### ", "#", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "    ", "---", "***", "___",
    "===", "```", "~~~", "`", "**", "__", "*", "_", "~~", "[x](y)", "[exposed](https://example.com)",
    "[", "](", "]: ", "[1]: https://example.com \"t\"", "![alt](x.png)", "<https://example.com>",
    "<!-- -->", "<!--", "-->", "<!-- notice-lint-disable -->", "<!-- notice-lint-enable -->",
    "<!-- notice-lint-disable-next-line -->", "<span>", "</span>", "<p>", "&amp;", "&nbsp;", "&#xB178;",
    "\\", "| a | b |", "|---|---|", "---\ntitle: 노출 안내\nog:title: Your data was exposed\n---\n",
    "---\r\nlanguage: ko\r\n---\r\n", "title: \"a\\\"b\"", "[^1]", "<details>", "</details>",
]  # fmt: skip
TEXT_MARKUP = [
    "- ", "* ", "• ", "1. ", "가. ", "① ", "(1) ", "■ ", "◆ ", "[안내]", "【안내】", "<안내>", "====", "----",
    "___", "유출 시점: 2025년 2월 3일", "[Web발신]", "notice-lint-disable", "notice-lint-enable",
    "  notice-lint-disable-next-line minimizing-wording  ", "notice-lint-disable-next-line",
    "notice-lint-nonsense x", "https://bit.ly/abc", "March 6, 2025",
]  # fmt: skip
EMAIL_MARKUP = [
    "Subject: ", "Subject: Your data was exposed\r\n", "Subject: =?UTF-8?B?6rCc7J247KCV67O0IOuFuOy2nA==?=\n",
    "Subject: =?utf-8?q?exposed_data?= =?utf-8?q?=EB=85=B8=EC=B6=9C?=\n", "Subject: =?bogus?x?y?=\n",
    "From: Example <privacy@example.com>\n", "Reply-To: help@example.net\n", "MIME-Version: 1.0\n",
    "Content-Type: text/plain; charset=utf-8\n", "Content-Type: text/html; charset=\"euc-kr\"\n",
    "Content-Type: text/plain; charset=x-unknown\n", "Content-Language: ko\n",
    "Content-Type: multipart/alternative; boundary=\"b1\"\n", "--b1\n", "--b1--\n", "--b1\r\n",
    "Content-Transfer-Encoding: quoted-printable\n", "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: 8bit\n", "Content-Transfer-Encoding: x-uue\n",
    "Content-Disposition: attachment\n", "=EB=85=B8=EC=B6=9C", "=\n", "=3D", "=ZZ", "=",
    "64yA7ZWc66+86rWt\n", "WW91ciBkYXRhIHdhcyBleHBvc2VkLg==\n", " folded\n", "\tfolded\n", "X-Bad header\n",
    ": empty name\n", "<p>", "</p>", "&amp;",
]  # fmt: skip
MARKUP = {"html": HTML_MARKUP, "markdown": MARKDOWN_MARKUP, "text": TEXT_MARKUP, "email": EMAIL_MARKUP}
MARKUP["sniffed"] = HTML_MARKUP + MARKDOWN_MARKUP

CHARACTERS = st.characters(codec="utf-8")
"""Any encodable character (no lone surrogates: decoded files never hold them)."""


def arbitrary_text(max_size: int = 300) -> st.SearchStrategy[str]:
    return st.text(CHARACTERS, max_size=max_size)


@st.composite
def notice_like(draw: st.DrawFn, fmt: str) -> str:
    """A document in ``fmt``'s style: real phrases, markup, line endings and odd characters spliced."""
    piece = st.one_of(
        st.sampled_from(PHRASES),
        st.sampled_from(PHRASES),
        st.sampled_from(MARKUP[fmt]),
        st.sampled_from(MARKUP[fmt]),
        st.sampled_from(NEWLINES),
        st.sampled_from(SPACING),
        st.sampled_from(ODD),
        st.text(CHARACTERS, max_size=4),
    )
    return "".join(draw(st.lists(piece, max_size=40)))


FIXABLE = [
    "Your data was exposed.", "Exposed data included names.", "Your records were exposed in March.",
    "EXPOSED: customer records.", "The flaw was exposing customer data.", "The bug could expose your data.",
    "Customer names were exposed and copied.", "고객님의 개인정보가 외부에 노출되었습니다.",
    "노출된 항목은 이름과 주소입니다.", "개인정보 노출 안내", "회원정보노출 사고",
]  # fmt: skip
"""Sentences with a safe fix (checked below), so that the --fix property has fixes to apply."""


def _encoded(text: str, encoding: str) -> str:
    """A MIME part body in a transfer encoding."""
    if encoding == "base64":
        return base64.encodebytes(text.encode("utf-8")).decode("ascii")
    if encoding == "quoted-printable":
        return quopri.encodestring(text.encode("utf-8")).decode("ascii")
    return text


@st.composite
def structured(draw: st.DrawFn, fmt: str) -> str:
    """A well-formed document around notice-like text: an HTML page with its head, Markdown with front
    matter, an email with headers and (multipart) parts in any transfer encoding."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    phrase = st.sampled_from(PHRASES)
    sentences = st.lists(st.one_of(phrase, st.sampled_from(FIXABLE)), min_size=1, max_size=4).map(" ".join)
    paragraphs = draw(st.lists(st.one_of(sentences, notice_like("text"), notice_like(fmt)), min_size=1, max_size=6))
    if fmt == "html":
        head = "".join(draw(st.lists(st.sampled_from([
            f"<title>{draw(phrase)}</title>", f'<meta property="og:title" content="{draw(phrase)}">',
            f'<meta name="description" content="{draw(phrase)}">', '<meta charset="utf-8">',
        ]), max_size=4)))
        tags = draw(st.lists(st.sampled_from(["p", "h1", "h2", "li", "td", "div"]), min_size=len(paragraphs),
                             max_size=len(paragraphs)))
        body = newline.join(f"<{tag}>{text}</{tag}>" for tag, text in zip(tags, paragraphs))
        wrapper = draw(st.sampled_from(["main", "article", "body", "div"]))
        lang = draw(st.sampled_from(["ko", "en", "fr"]))
        return (f'<!DOCTYPE html>{newline}<html lang="{lang}"><head>{head}</head>{newline}'
                f"<body><{wrapper}>{newline}{body}{newline}</{wrapper}></body></html>{newline}")
    if fmt == "markdown":
        front = f"---{newline}title: {draw(phrase)}{newline}og:description: {draw(phrase)}{newline}---{newline}"
        marks = st.sampled_from(["", "# ", "## ", "- ", "1. ", "> ", "* "])
        return (front if draw(st.booleans()) else "") + (newline * 2).join(draw(marks) + text for text in paragraphs)
    if fmt == "email":
        headers = [f"Subject: {draw(phrase)}", "From: Example <privacy@example.com>", "MIME-Version: 1.0"]
        parts = []
        for text in paragraphs[:3]:
            subtype = draw(st.sampled_from(["plain", "html"]))
            encoding = draw(st.sampled_from(["8bit", "7bit", "quoted-printable", "base64", ""]))
            content = f"<p>{text}</p>" if subtype == "html" else text
            part_headers = [f"Content-Type: text/{subtype}; charset=utf-8"]
            part_headers += [f"Content-Transfer-Encoding: {encoding}"] if encoding else []
            parts.append((part_headers, _encoded(content, encoding).replace("\n", newline)))
        if len(parts) == 1:
            (part_headers, content), = parts
            return newline.join(headers + part_headers) + newline * 2 + content
        boundary = "b-" + str(draw(st.integers(0, 99)))
        lines = [*headers, f'Content-Type: multipart/alternative; boundary="{boundary}"', ""]
        for part_headers, content in parts:
            lines += [f"--{boundary}", *part_headers, "", content]
        return newline.join([*lines, f"--{boundary}--", ""])
    return (newline * 2).join(paragraphs)




@st.composite
def fixable_like(draw: st.DrawFn, fmt: str) -> str:
    """A notice-like document in which most sentences have a safe fix."""
    piece = st.one_of(
        st.sampled_from(FIXABLE),
        st.sampled_from(FIXABLE),
        st.sampled_from(FIXABLE),
        st.sampled_from(PHRASES),
        st.sampled_from(MARKUP[fmt]),
        st.sampled_from(NEWLINES),
        st.sampled_from(SPACING),
        st.sampled_from(ODD),
    )
    return "".join(draw(st.lists(piece, max_size=25)))


def documents(fmt: str) -> st.SearchStrategy[str]:
    return st.one_of(notice_like(fmt), structured(fmt), arbitrary_text())


# ------------------------------------------------------------------------------------------- helpers


def file_bytes(text: str) -> bytes:
    """A UTF-8 file holding ``text`` (NUL characters make a file binary, which the command line refuses)."""
    return text.replace("\x00", "\ufffd").encode("utf-8")


def read_as_cli(text: str) -> str:
    """The text as the command line sees it after reading the file (without a leading byte-order mark)."""
    return decode(file_bytes(text))


CONFIGURED = Settings(organisation="Example Bank", domains=("example.com",), notice_date="2025-03-20")
"""A run's configuration (organisation, domains, --notice-date): rules that need it speak only with it."""


def check(text: str, fmt: str, language: str | None, settings: Settings | None = None):
    """Lint ``text`` as a file in ``fmt`` like a run does: rules, then suppressions (``settle``)."""
    result = lint_text(text, f"notice{SUFFIXES[fmt]}", RULES, language, settings)
    assert result.error is None
    assert result.language in ("en", "ko")
    return settle(result, RULE_IDS, KNOWN_IDS)


def mapped_items(notice: Notice) -> list:
    return [*notice.blocks, *notice.meta]


def assert_mapping_in_bounds(notice: Notice) -> None:
    """Every character of every block and field maps into the source; visible ones to real source text."""
    source = notice.source
    for item in mapped_items(notice):
        assert len(item.starts) == len(item.ends) == len(item.text), item
        assert 0 <= item.anchor <= len(source), item
        for char, start, end in zip(item.text, item.starts, item.ends):
            assert 0 <= start <= end <= len(source), (char, start, end, item)
            if not char.isspace():
                assert start < end, f"{char!r} of {item.text!r} maps to no source text at {start}"
            if end - start == 1 and source[start] not in "&\\=\x00":
                # One source character for one (or one of several) normalized characters: it is the
                # character itself, as the text builder normalizes it (not an escape, an entity, or a NUL
                # that an HTML parser reads as U+FFFD).
                assert char in normalized(source[start]) or char == " ", (char, source[start], item)


def line_lengths(source: str) -> list[int]:
    """Characters of each line (without its line break), lines counted as findings count them."""
    return [len(line) for line in LINE_BREAK.split(source)]


def assert_finding_in_file(finding, source: str, notice: Notice) -> None:
    lengths = line_lengths(source)
    assert 1 <= finding.line <= len(lengths), finding
    assert 1 <= finding.end_line <= len(lengths), finding
    assert 1 <= finding.column <= lengths[finding.line - 1] + 1, finding
    assert 1 <= finding.end_column <= lengths[finding.end_line - 1] + 1, finding
    assert (finding.line, finding.column) <= (finding.end_line, finding.end_column), finding
    assert finding.start is not None and finding.end is not None, finding
    assert 0 <= finding.start <= finding.end <= len(source), finding
    assert notice.position(finding.start) == (finding.line, finding.column), finding
    assert notice.position(finding.end) == (finding.end_line, finding.end_column), finding
    # The finding's text is the source it points at: what the JSON and SARIF reports show, and what
    # --fix compares with the file before replacing it.
    assert finding.text == source[finding.start : finding.end], finding


def covering(finding, notice: Notice) -> list[str]:
    """Normalized texts of blocks or fields whose characters begin and end exactly at the finding's span."""
    texts = []
    for item in mapped_items(notice):
        if finding.field is not None and getattr(item, "name", None) != finding.field:
            continue
        firsts = [i for i, start in enumerate(item.starts) if start == finding.start]
        lasts = [j for j, end in enumerate(item.ends) if end == finding.end]
        texts.extend(item.text[i : j + 1] for i in firsts for j in lasts if i <= j)
    return texts


def normalized(text: str) -> str:
    """How the text builder reads verbatim source text (folded, invisible characters dropped, spaces
    collapsed, Hangul letters assembled)."""
    builder = TextBuilder()
    builder.add(text, 0)
    return builder.build()[0]


def assert_findings_sound(text: str, fmt: str, language: str | None, settings: Settings | None = None) -> None:
    result = check(text, fmt, language, settings)
    notice = result.notice
    assert notice is not None
    assert notice.source == text or len(notice.source) == len(text)  # marker lines are blanked, not removed
    assert_mapping_in_bounds(notice)
    for output_format in REPORT_FORMATS:  # every reporter renders what the engine found
        report = render(output_format, [result], rules=RULES)
        if output_format in ("json", "sarif"):
            json.loads(report)
    for finding in result.findings:
        assert_finding_in_file(finding, text, notice)
        if finding.rule in WORDING:
            # Words of the notice: a non-empty span that starts and ends on characters of a block or field.
            assert finding.end > finding.start, finding
            matched = covering(finding, notice)
            assert matched, f"{finding} does not cover characters of any block or field"
            if notice.format == "text" and not LINE_BREAK.search(finding.text):
                # Plain text within a line is verbatim: the source reads as the matched words once normalized.
                assert normalized(finding.text) in matched, (finding, matched)
            if finding.fix is not None:
                # Safe to replace: the source holds the very words matched, nothing hidden in between.
                assert finding.text in matched, (finding, matched)
                assert normalized(finding.text) == finding.text, finding
                assert not set(finding.text) & (INVISIBLE | set("<>&\r\n")), finding


def fix_once(data: bytes, fmt: str, language: str | None) -> tuple[str, Fixed, list, list[str]]:
    """A file's text, the outcome of applying its safe fixes as ``--fix`` does, the fixes applied, and
    the languages the notice and its blocks were read in."""
    text = decode(data)
    result = check(text, fmt, language)
    chosen = fixable(result.findings)
    fixed = apply_fixes(data, result.findings)
    assert fixed.before == text
    assert fixed.applied == len(chosen)
    assert result.notice is not None and result.analysis is not None
    preview = [item.language for item in result.analysis.preview]
    return text, fixed, chosen, [result.notice.language, *(block.language for block in result.notice.blocks), *preview]


def assert_fix_sound(data: bytes, fmt: str, language: str | None) -> None:
    text, fixed, chosen, languages = fix_once(data, fmt, language)
    after = fixed.after
    # Only the fixed spans change: walking the original, every character outside a replaced span is
    # found again in the fixed text, in order, and each span holds the fix (capitalized like the original).
    position = cursor = 0
    for finding in chosen:
        assert position <= finding.start < finding.end, finding
        kept = text[position : finding.start]
        assert after[cursor : cursor + len(kept)] == kept
        cursor += len(kept)
        replacement = fixed_text(finding)
        assert after[cursor : cursor + len(replacement)] == replacement
        assert replacement.lower() == (finding.fix or "").lower()
        cursor += len(replacement)
        position = finding.end
    assert after[cursor:] == text[position:]
    assert after.count("\n") == text.count("\n") and after.count("\r") == text.count("\r")
    # Idempotent: the fixed file has nothing left to fix. Unless the fixes changed the language a block is
    # read in: a block of English and Korean is read in the language whose letters dominate, and a fix
    # ("exposed" -> "leaked") can tip that balance, so that Korean words (노출) are checked only the second
    # time. That is a known limit of reading each block in one language, not of --fix.
    if chosen:
        _, again, more, languages_after = fix_once(fixed.data, fmt, language)
        if languages_after == languages:
            assert more == [] and again.data == fixed.data, [(f.text, f.fix) for f in more]
        else:
            event("a fix changed the language a block is read in")


# ------------------------------------------------------------------------------------------ properties


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data(), language=st.sampled_from(LANGUAGES))
def test_parse_source_never_raises_and_maps_into_the_source(fmt, data, language):
    text = data.draw(documents(fmt), label="text")
    notice = parse_source(text, f"notice{SUFFIXES[fmt]}", language=language)
    assert notice.format == fmt or fmt == "sniffed"
    assert notice.language in ("en", "ko")
    assert_mapping_in_bounds(notice)
    for link in notice.links:
        assert 0 <= link.text_start <= link.text_end <= len(text), link
        assert 0 <= link.href_start <= link.href_end <= len(text), link


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data(), language=st.sampled_from(LANGUAGES))
def test_findings_lie_in_the_file_and_point_at_their_text(fmt, data, language):
    text = read_as_cli(data.draw(documents(fmt), label="text"))
    assert_findings_sound(text, fmt, language, data.draw(st.sampled_from([None, CONFIGURED]), label="settings"))


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data(), language=st.sampled_from(LANGUAGES))
def test_fixes_touch_only_their_spans_and_are_idempotent(fmt, data, language):
    text = data.draw(st.one_of(fixable_like(fmt), notice_like(fmt), structured(fmt)), label="text")
    assert_fix_sound(file_bytes(text), fmt, language)


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data())
def test_findings_are_sound_with_any_markup_in_a_configured_run(fmt, data):
    """Notice-like documents with any format's markup (an HTML page saved as .txt, Markdown in an email),
    checked with the run configured (organisation, domains, notice date) so the rules needing it speak."""
    other = data.draw(st.sampled_from(FORMATS), label="markup of")
    text = read_as_cli(data.draw(notice_like(other), label="text"))
    language = data.draw(st.sampled_from(LANGUAGES), label="language")
    assert_findings_sound(text, fmt, language, CONFIGURED)


@pytest.mark.parametrize("sentence", FIXABLE)
def test_the_fixable_sentences_have_a_safe_fix(sentence):
    language = "ko" if re.search("[가-힣]", sentence) else "en"
    assert fixable(lint_text(sentence, "notice.txt", RULES, language).findings)


# ----------------------------------------------------------------------------- regressions (pinned)


def findings_of(text: str, fmt: str, language: str | None = "en") -> list:
    return [finding for finding in check(text, fmt, language).findings if finding.rule != "missing-guidance"]


@pytest.mark.parametrize(
    "text, fmt, language",
    [
        # HTML: "</" before anything but a letter opens a bogus comment up to ">" (as browsers and lxml
        # read it), so "<style>" after it is no style element and its text is the notice's.
        ("<p>Update</<style>Your data was exposed in March.</style></p>", "html", "en"),
        ("</<style>x{}</style>", "html", None),
        # HTML: a NUL is read as U+FFFD by the parser; the text around it keeps its positions.
        ("<p>Your data was exposed.\x00</p>", "html", "en"),
        # Email: a file that opens with text has no headers; all of it is body (as Python's parser reads it).
        ("we take your privacy seriously\n\nwe take your privacy seriously", "email", None),
        ("Content-Transfer-Encoding: x-uue\n\nYour data was exposed.\n", "email", "en"),
        # Email: base64 with characters outside its alphabet, and a cut-off character at the end.
        ("Content-Transfer-Encoding: base64\n\n개인정보 유출 안내\n", "email", None),
        ("Content-Transfer-Encoding: base64\nexposure", "email", None),
        # Email: a space that a base64 character folds to ("¸" is " " + U+0327) stays inside the part.
        ("Content-Transfer-Encoding: base64\nYour information may have been accessed; we will write by June 30.",
         "email", None),
        # Email: the space inside one encoded word maps inside that word, never backwards.
        ("Subject: =?UTF-8?B?6rCc7J247KCV67O0IOuFuOy2nA==?=\n", "email", None),
        # Plain text: an indented marker line's finding is the directive itself, not its indent.
        ("  notice-lint-disable-next-line minimizing-wording  ", "text", None),
        # Lines end at a lone CR too.
        ("\rwe take your privacy seriously", "html", None),
        # Hangul letters assembled by normalization.
        ("\u1100", "text", None),
    ],
)
def test_found_by_hypothesis(text, fmt, language):
    assert_findings_sound(text, fmt, language)
    assert_fix_sound(file_bytes(text), fmt, language)


def test_text_after_a_bogus_end_tag_is_positioned_and_fixable():
    (finding,) = findings_of("<p>Update</<style>Your data was exposed in March.</style></p>", "html")
    assert (finding.rule, finding.text, finding.column, finding.fix) == ("minimizing-wording", "exposed", 33, "leaked")


def test_a_nul_in_html_text_does_not_unmoor_the_text_around_it():
    (finding,) = findings_of("<p>Your data was exposed.\x00</p>", "html")
    assert (finding.text, finding.column, finding.fix) == ("exposed", 18, "leaked")


def test_an_email_without_headers_is_all_body_and_positioned():
    findings = findings_of("Your data was exposed in March.\n\nWe take your privacy seriously.\n", "email")
    assert [(f.rule, f.line, f.column, f.text) for f in findings if f.rule != "preview-missing"] == [
        ("minimizing-wording", 1, 15, "exposed"),
        ("empty-reassurance", 3, 4, "take your privacy seriously"),  # once: it supersedes minimizing-wording
    ]


def test_a_base64_part_with_korean_text_is_checked_not_a_crash():
    lint_text("Content-Transfer-Encoding: base64\n\n개인정보 유출 안내\n", "n.eml", RULES)


def test_an_indented_marker_line_is_reported_at_the_directive():
    (finding,) = findings_of("Notice\n\n   notice-lint-disable hedging  \n\nAll good.\n", "text")
    assert (finding.rule, finding.line, finding.column, finding.end_column) == ("unused-suppression", 3, 4, 31)
    assert finding.text == "notice-lint-disable hedging"



@pytest.mark.xfail(strict=True, reason="a block is read in one language; a fix can tip a mixed block into Korean")
def test_fixing_a_mixed_english_and_korean_block_twice_changes_nothing():
    """The known limit noted in :func:`assert_fix_sound` (found by hypothesis): the Korean 노출 in a mostly
    English block is fixed only by a second run, once "Exposed" -> "Leaked" has shortened the English."""
    text = "Exposed data included names.The bug could expose your data.개인정보 노출 안내"
    _, fixed, chosen, _ = fix_once(file_bytes(text), "text", None)
    assert [finding.text for finding in chosen] == ["Exposed"]
    assert fix_once(fixed.data, "text", None)[2] == []


def test_an_html_notice_that_is_only_a_web_address_parses_without_a_warning():
    # Beautiful Soup warned that the markup "looks like a URL", on the user's terminal.
    notice = parse_source("https://example.com/notice", "notice.html")
    assert [block.text for block in notice.blocks] == ["https://example.com/notice"]


def test_a_finding_across_a_marker_line_quotes_the_file_not_the_blanked_copy():
    text = ":\nContenT-type:text/html\n>w\nnotice-lint-d\nr"
    assert_findings_sound(text, "email", None)
    (guidance, *_) = [finding for finding in check(text, "email", None).findings if finding.rule == "missing-guidance"]
    assert guidance.text == ">w\nnotice-lint-d\nr"
