"""Tests for the Markdown parser: block kinds, inline markup removal and exact source spans."""

from __future__ import annotations

import pytest

from notice_lint.parse import parse_source
from notice_lint.parse.markdown import parse


def block_texts(source: str) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in parse(source).blocks]


def find(blocks, text):
    """The first block whose text contains ``text``."""
    return next(b for b in blocks if text in b.text)


def assert_span(source: str, item, part: str, original: str | None = None) -> None:
    """``part`` of the item's text maps back to ``original`` (default: ``part``) in the source."""
    i = item.text.index(part)
    assert source[item.starts[i] : item.ends[i + len(part) - 1]] == (part if original is None else original)


# -- front matter -------------------------------------------------------------------------


FRONT = (
    "---\r\n"
    'title: "개인정보 \\"유출\\" 안내"\r\n'
    "og_title: 'It''s a notice' # comment\r\n"
    "og-description: Plain value  # trailing comment\r\n"
    "twitter:card: summary\r\n"
    "lang: ko-KR\r\n"
    "tags:\r\n"
    "  - a\r\n"
    "  - b\r\n"
    "nested:\r\n"
    "  title: not me\r\n"
    "author: ignored\r\n"
    "description: >\r\n"
    "  folded one\r\n"
    "  folded two\r\n"
    "---\r\n"
    "# 본문\r\n"
)


def test_front_matter_fields_and_language():
    parsed = parse(FRONT)
    names = [m.name for m in parsed.meta]
    assert names == ["title", "og:title", "og:description", "twitter:card", "description"]
    assert parsed.declared_language == "ko-KR"
    values = {m.name: m.text for m in parsed.meta}
    assert values["title"] == '개인정보 "유출" 안내'
    assert values["og:title"] == "It's a notice"
    assert values["og:description"] == "Plain value"
    assert values["description"] == "folded one folded two"
    assert [(b.kind, b.text) for b in parsed.blocks] == [("heading", "본문")]


def test_front_matter_offsets_inside_quotes_with_crlf():
    meta = {m.name: m for m in parse(FRONT).meta}
    title = meta["title"]
    assert FRONT[title.starts[0] - 1] == '"'
    assert_span(FRONT, title, "개인정보")
    assert_span(FRONT, title, '"유출"', '\\"유출\\"')
    assert_span(FRONT, meta["og:title"], "It's", "It''s")
    assert_span(FRONT, meta["og:description"], "Plain value")
    assert_span(FRONT, meta["description"], "folded two")


def test_front_matter_preview_spellings_and_empty_value():
    source = '---\nOG:TITLE: A\ntwitter_title: B\nogImage: c.png\ncanonical_url: https://x\ndescription: ""\n---\n'
    meta = parse(source).meta
    assert [(m.name, m.text) for m in meta] == [
        ("og:title", "A"),
        ("twitter:title", "B"),
        ("og:image", "c.png"),
        ("canonical", "https://x"),
        ("description", ""),
    ]
    assert meta[-1].anchor == source.index('""') + 1


def test_unclosed_front_matter_is_body():
    parsed = parse("---\ntitle: x\n")
    assert parsed.meta == []
    assert [(b.kind, b.text) for b in parsed.blocks] == [("paragraph", "title: x")]


def test_leading_bom_before_front_matter():
    source = "\ufeff---\ntitle: T\n---\nBody\n"
    parsed = parse(source)
    assert [m.text for m in parsed.meta] == ["T"]
    assert_span(source, parsed.meta[0], "T")


# -- blocks -------------------------------------------------------------------------------


def test_atx_headings_levels_and_closing_hashes():
    source = "# 개인정보 유출 안내\n\n## What happened ##\n###### six\n####### seven\n#hashtag\n"
    assert block_texts(source) == [
        ("heading", 1, "개인정보 유출 안내"),
        ("heading", 2, "What happened"),
        ("heading", 6, "six"),
        ("paragraph", 0, "####### seven #hashtag"),
    ]
    blocks = parse(source).blocks
    assert_span(source, blocks[0], "유출 안내")
    assert_span(source, blocks[1], "happened")


def test_setext_headings_and_thematic_break():
    source = "Notice\nof breach\n===\n\nWhat\n---\n\n---\n\nAfter\n\n***\n"
    assert block_texts(source) == [
        ("heading", 1, "Notice of breach"),
        ("heading", 2, "What"),
        ("paragraph", 0, "After"),
    ]


def test_paragraph_lines_join_with_word_break():
    source = "first line\nsecond line\n\nnext"
    blocks = parse(source).blocks
    assert [b.text for b in blocks] == ["first line second line", "next"]
    assert_span(source, blocks[0], "line second", "line\nsecond")


def test_list_items_bullets_ordered_and_continuations():
    source = "- 이름, 전화번호\n* star\n+ plus\n  continued\n1. one\n2) two\n   wrapped\n\n   more two\n- lazy\ncontinuation\n"
    assert block_texts(source) == [
        ("list-item", 0, "이름, 전화번호"),
        ("list-item", 0, "star"),
        ("list-item", 0, "plus continued"),
        ("list-item", 0, "one"),
        ("list-item", 0, "two wrapped"),
        ("list-item", 0, "more two"),
        ("list-item", 0, "lazy continuation"),
    ]
    blocks = parse(source).blocks
    assert_span(source, blocks[0], "이름, 전화번호")
    assert_span(source, blocks[2], "continued")


def test_nested_list_and_date_line_not_list():
    source = "- Data:\n  - name\n  - phone\n\nWe wrote on\n2023. 5. 10. to you.\n"
    assert block_texts(source) == [
        ("list-item", 0, "Data:"),
        ("list-item", 0, "name"),
        ("list-item", 0, "phone"),
        ("paragraph", 0, "We wrote on 2023. 5. 10. to you."),
    ]


def test_block_quote_and_nested_quote():
    source = "> quoted **text**\n> more\n>\n> > inner\n"
    blocks = parse(source).blocks
    assert [(b.kind, b.text) for b in blocks] == [("quote", "quoted text more"), ("quote", "inner")]
    assert_span(source, blocks[0], "more")
    assert_span(source, blocks[1], "inner")


def test_pipe_table_cells():
    source = "Intro\n\n| 항목 | 내용 |\n|:---|---:|\n| 이름 | `a\\|b` |\n| **전화** | c \\| d |\n\nAfter"
    blocks = parse(source).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Intro"),
        ("table-cell", "항목"),
        ("table-cell", "내용"),
        ("table-cell", "이름"),
        ("table-cell", "a|b"),
        ("table-cell", "전화"),
        ("table-cell", "c | d"),
        ("paragraph", "After"),
    ]
    assert_span(source, blocks[3], "이름")
    assert_span(source, blocks[4], "a|b", "a\\|b")
    assert_span(source, blocks[6], "c | d", "c \\| d")


def test_fenced_and_indented_code_are_skipped():
    source = "Before\n\n```python\n# not a heading\nsecret\n```\n\n~~~~\n```\nstill code\n~~~~\n\n    indented code\n\nAfter\n"
    assert block_texts(source) == [("paragraph", 0, "Before"), ("paragraph", 0, "After")]


def test_unclosed_fence_runs_to_end():
    assert block_texts("Text\n\n```\ncode\n") == [("paragraph", 0, "Text")]


def test_html_comments_skipped_even_multiline():
    source = "Keep <!-- drop --> this\n\n<!--\n# hidden\n\nhidden too\n-->\nVisible\n"
    blocks = parse(source).blocks
    assert [b.text for b in blocks] == ["Keep this", "Visible"]
    assert_span(source, blocks[1], "Visible")


def test_comment_at_line_start_is_not_indentation():
    source = "<!-- note -->     Text after\n\n> <!-- c -->     quoted\n\nex<!-- x -->posure\n"
    blocks = parse(source).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Text after"),
        ("quote", "quoted"),
        ("paragraph", "exposure"),
    ]
    assert_span(source, blocks[0], "Text after")
    assert blocks[2].starts[0] == source.index("ex<!--")


def test_comment_inside_code_fence_does_not_hide_following_text():
    source = "```\n<!-- not a comment\n```\n\nShown\n"
    assert block_texts(source) == [("paragraph", 0, "Shown")]


def test_raw_html_lines_keep_text_only():
    source = '<div align="center">\n<br>\n</div>\n\n<p>Para <b>bold</b></p><p>next</p>\n\n<br/>\n'
    assert block_texts(source) == [("paragraph", 0, "Para bold next")]


def test_script_and_style_content_skipped():
    source = "<script>\nvar x = 'no';\n\nalert(1)\n</script>\n<style>p { color: red }</style>Shown\n"
    assert block_texts(source) == [("paragraph", 0, "Shown")]


def test_containers_hold_blocks_and_code():
    source = "- item\n\n  ```\n  code in item\n  ```\n  > quote in item\n\n  more\n\n> lazy\ncontinued\n"
    assert block_texts(source) == [
        ("list-item", 0, "item"),
        ("quote", 0, "quote in item"),
        ("list-item", 0, "more"),
        ("quote", 0, "lazy continued"),
    ]


def test_deep_nesting_does_not_recurse_forever():
    blocks = parse("> " * 500 + "deep\n\n" + "- " * 500 + "x\n").blocks
    assert blocks[0].text.endswith("deep") and blocks[-1].text.endswith("x")


def test_reference_definitions_make_no_block():
    source = "[ref]: https://example.com/a \"Title\"\n[Other Ref]: <https://b>\n\nSee [the page][ref], [other ref] and [x][] and [not defined].\n"
    blocks = parse(source).blocks
    assert [b.text for b in blocks] == ["See the page, other ref and [x][] and [not defined]."]


# -- inline -------------------------------------------------------------------------------


def test_inline_html_inside_word():
    source = "Possible ex<span>pos</span>ure of data.\n"
    block = parse(source).blocks[0]
    assert block.text == "Possible exposure of data."
    i = block.text.index("exposure")
    assert block.starts[i] == source.index("ex<span>")
    assert block.ends[i + len("exposure") - 1] == source.index("ure") + 3
    assert_span(source, block, "Possible")


def test_soft_hyphen_and_zero_width_inside_word():
    source = "ex\u00adpos\u200bure here\n"
    block = parse(source).blocks[0]
    assert block.text == "exposure here"
    assert block.starts[0] == 0
    assert block.ends[len("exposure") - 1] == source.index("ure") + 3


def test_emphasis_nested_and_snake_case():
    source = "***all*** **bold _it_ more** __strong__ ~~gone~~ snake_case_word 2*3*4 a * b _x\n"
    block = parse(source).blocks[0]
    assert block.text == "all bold it more strong gone snake_case_word 234 a * b _x"
    assert_span(source, block, "snake_case_word")
    assert_span(source, block, "it")
    assert_span(source, block, "a * b _x")


def test_unmatched_emphasis_stays_literal():
    assert parse("**open only\n").blocks[0].text == "**open only"
    assert parse("*a **b c\n").blocks[0].text == "*a **b c"
    assert parse("a * b ** c __ d\n").blocks[0].text == "a * b ** c __ d"


def test_links_images_autolinks():
    source = 'See [our **FAQ**](https://x.com/faq "FAQ (title)") or ![logo alt](l.png) at <https://help.example.com> or <a@b.co>.\n'
    block = parse(source).blocks[0]
    assert block.text == "See our FAQ or logo alt at https://help.example.com or a@b.co."
    assert_span(source, block, "our")
    assert_span(source, block, "FAQ")
    assert_span(source, block, "logo alt")
    assert_span(source, block, "https://help.example.com")


def test_link_with_parens_in_url_and_linked_image():
    source = "[x](https://e.com/a_(b)) and [![badge](b.svg)](https://e.com)\n"
    assert parse(source).blocks[0].text == "x and badge"


def test_brackets_that_are_not_links_stay():
    assert parse("[안내] 개인정보 [1]\n").blocks[0].text == "[안내] 개인정보 [1]"


def test_code_span_keeps_text_and_protects_markup():
    source = "Run `rm *x* <b>` now ``a ` b``\n"
    block = parse(source).blocks[0]
    assert block.text == "Run rm *x* <b> now a ` b"
    assert_span(source, block, "rm *x* <b>")


def test_backslash_escapes_map_to_escape_span():
    source = "not \\*emphasis\\* and \\[x\\] \\d\n"
    block = parse(source).blocks[0]
    assert block.text == "not *emphasis* and [x] \\d"
    i = block.text.index("*")
    assert (block.starts[i], block.ends[i]) == (4, 6)
    assert source[block.starts[i] : block.ends[i]] == "\\*"
    assert_span(source, block, "*emphasis*", "\\*emphasis\\*")


def test_entities_map_to_entity_span():
    source = "A &amp; B&nbsp;C &#54644;&#xD0B9; &bogus; &copy\n"
    block = parse(source).blocks[0]
    assert block.text == "A & B C 해킹 &bogus; &copy"
    i = block.text.index("&")
    assert source[block.starts[i] : block.ends[i]] == "&amp;"
    assert_span(source, block, "해킹", "&#54644;&#xD0B9;")
    assert_span(source, block, "&bogus;")


def test_hard_line_breaks_become_word_breaks():
    source = "one  \ntwo\\\nthree<br>four\n"
    block = parse(source).blocks[0]
    assert block.text == "one two three four"
    assert_span(source, block, "three")
    assert_span(source, block, "four")


def test_inline_offsets_after_crlf_lines():
    source = "# 제목\r\n\r\n첫 줄 **강조**\r\n둘째 줄\r\n"
    blocks = parse(source).blocks
    assert [b.text for b in blocks] == ["제목", "첫 줄 강조 둘째 줄"]
    assert_span(source, blocks[1], "강조")
    assert_span(source, blocks[1], "둘째 줄")


# -- entry point --------------------------------------------------------------------------


def test_parse_source_markdown_notice():
    source = "---\nog:title: 개인정보 유출 안내\n---\n# 개인정보 유출 안내\n\n- 이름, 전화번호\n"
    notice = parse_source(source, "x.md")
    assert notice.format == "markdown"
    assert notice.language == "ko"
    field = notice.meta_field("og:title")
    assert field is not None and field.text == "개인정보 유출 안내"
    assert notice.position(field.starts[0]) == (2, 11)
    heading = notice.headline()
    assert heading.kind == "heading" and notice.position(heading.starts[0]) == (4, 3)
    assert [b.language for b in notice.blocks] == ["ko", "ko"]


def test_declared_language_wins_over_detection():
    notice = parse_source("---\nlanguage: ko\n---\nEnglish words only here.\n", "n.md")
    assert notice.language == "ko"


@pytest.mark.parametrize("source", ["", "\n\n", "---\n---\n", "<!-- only -->\n", "```\n"])
def test_empty_documents(source):
    assert parse(source).blocks == []


def test_spans_stay_in_bounds_on_odd_input():
    import random

    rng = random.Random(7)
    alphabet = list("ab 가\n\r\t*_~`#>-=|[]()!<&;\\:'\"1.\u00ad") + ["<span>", "<!--", "-->", "```", "&amp;", "- "]
    for _ in range(2000):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for block in parse(source).blocks:
            assert len(block.starts) == len(block.ends) == len(block.text)
            assert all(0 <= a <= b <= len(source) for a, b in zip(block.starts, block.ends))
