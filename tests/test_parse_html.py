"""HTML parsing: which text is the notice, block kinds, metadata, and exact source positions."""

from __future__ import annotations

from notice_lint.model import MappedText
from notice_lint.parse import parse_source


def source_of(source: str, mapped: MappedText, part: str) -> str:
    """The source text behind ``part`` of ``mapped.text``."""
    start = mapped.text.index(part)
    begin, end = mapped.source_span(start, start + len(part))
    return source[begin:end]


def texts(notice) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in notice.blocks]


PAGE = """<!DOCTYPE html>
<html lang="ko-KR">
<head>
<meta charset="utf-8">
<title>한빛몰 &amp; 개인정보 유출 안내</title>
<meta property="og:title" content="혜택 &amp; 특가">
<meta name="twitter:title" content='X title'>
<meta property="og:title" content="second og title">
<link rel="alternate canonical" href="https://example.com/notice">
</head>
<body>
<header><nav><a href="/">Notice</a> <a>Shop</a></nav></header>
<main>
<h1>개인정보 유출 안내</h1>
<p>고객님의 정보가 <b>유출</b>되었습니다.<br>문의:&nbsp;1588-0000</p>
<ul><li>이름<li>전화번호 <!-- note --> 및 주소</ul>
<table><tr><th>항목</th><td>이메일</td></tr></table>
<script>var notice = "ignored";</script>
<div hidden>hidden text</div>
</main>
<footer>Shop now</footer>
</body></html>
"""


def test_blocks_come_from_main_in_order_with_kinds():
    notice = parse_source(PAGE, "n.html")
    assert texts(notice) == [
        ("heading", "개인정보 유출 안내"),
        ("paragraph", "고객님의 정보가 유출되었습니다."),
        ("paragraph", "문의: 1588-0000"),
        ("list-item", "이름"),
        ("list-item", "전화번호 및 주소"),
        ("table-cell", "항목"),
        ("table-cell", "이메일"),
    ]
    assert notice.blocks[0].level == 1
    assert notice.language == "ko"
    assert notice.has_head


def test_metadata_fields_keep_order_duplicates_and_positions():
    notice = parse_source(PAGE, "n.html")
    names = [field.name for field in notice.meta]
    assert names == ["title", "og:title", "twitter:title", "og:title", "canonical"]
    og = notice.meta_field("og:title")
    assert og.text == "혜택 & 특가"
    assert source_of(PAGE, og, "&") == "&amp;"
    assert notice.position(og.starts[0]) == (6, 36)
    assert notice.meta_field("canonical").text == "https://example.com/notice"
    title = notice.meta_field("title")
    assert notice.position(title.starts[0]) == (5, 8)


def test_body_positions_point_at_the_original_characters():
    notice = parse_source(PAGE, "n.html")
    paragraph = notice.blocks[1]
    start = paragraph.text.index("유출")
    assert notice.position(paragraph.starts[start]) == (15, 16)  # <p>=1-3, 고객님의=4-7, 정보가=9-11, <b>=13-15
    assert source_of(PAGE, notice.blocks[2], "1588") == "1588"
    assert source_of(PAGE, notice.blocks[2], ": 1588") == ":&nbsp;1588"


def test_words_split_by_markup_and_invisible_characters_are_joined():
    source = "<p>Data ex<span>pos</span>ure, ex&shy;posed and le\u200bak\u00adED by ex<!-- x -->posing it.</p>"
    block = parse_source(source, "n.html").blocks[0]
    assert block.text == "Data exposure, exposed and leakED by exposing it."
    assert source_of(source, block, "exposure") == "ex<span>pos</span>ure"
    assert source_of(source, block, "exposed") == "ex&shy;posed"


def test_full_width_letters_and_typographic_quotes_are_folded():
    block = parse_source("<p>Ｅｘｐｏｓｅｄ: we\u2019re sorry</p>", "n.html").blocks[0]
    assert block.text == "Exposed: we're sorry"


def test_crlf_source_keeps_columns():
    source = "<html>\r\n<body>\r\n<p>first</p>\r\n<p>second &amp; third</p>\r\n</body></html>"
    notice = parse_source(source, "n.html")
    second = notice.blocks[1]
    assert notice.position(second.starts[second.text.index("third")]) == (4, 17)  # <p>=1-3, second=4-9, &amp;=11-15


def test_without_main_the_page_chrome_is_left_out():
    source = "<body><nav>Deals</nav><header>Site</header><p>Body text.</p><aside>Ad</aside><footer>F</footer></body>"
    assert texts(parse_source(source, "n.html")) == [("paragraph", "Body text.")]


def test_role_main_and_article_are_used_as_the_notice():
    role = "<body><div>chrome</div><div role='main'><p>Notice.</p></div></body>"
    assert texts(parse_source(role, "n.html")) == [("paragraph", "Notice.")]
    article = "<body><div>chrome</div><article><header><h1>Title</h1></header><p>Body.</p></article></body>"
    assert texts(parse_source(article, "n.html")) == [("heading", "Title"), ("paragraph", "Body.")]


def test_same_text_in_navigation_does_not_steal_body_positions():
    source = "<body><nav>Contact us</nav><main><p>Contact us</p></main></body>"
    notice = parse_source(source, "n.html")
    assert notice.blocks[0].starts[0] == source.index("<p>") + 3


def test_list_item_paragraphs_stay_list_items():
    source = "<ul><li><p>Change your password.</p></li></ul>"
    assert texts(parse_source(source, "n.html")) == [("list-item", "Change your password.")]


def test_svg_title_is_not_the_page_title():
    source = "<body><svg><title>icon</title></svg><p>Text</p></body>"
    assert parse_source(source, "n.html").meta_field("title") is None


def test_fragment_without_head_has_no_preview_context():
    notice = parse_source("<p>Only a body fragment.</p>", "n.html")
    assert not notice.has_head and notice.meta == []


def test_language_comes_from_html_lang_else_from_the_text():
    assert parse_source("<html lang='en'><p>개인정보 유출</p></html>", "n.html").language == "en"
    assert parse_source("<p>개인정보가 유출되었습니다</p>", "n.html").language == "ko"
    assert parse_source("<p>Your data was stolen</p>", "n.html").language == "en"


def test_block_language_follows_its_own_script():
    notice = parse_source("<html lang='en'><p>We are sorry.</p><p>고객님께 사과드립니다.</p></html>", "n.html")
    assert [block.language for block in notice.blocks] == ["en", "ko"]


def test_broken_markup_still_parses():
    source = "<html><body><p>Unclosed <b>bold <p>next &bogus; &amp text</body>"
    notice = parse_source(source, "n.html")
    assert [block.text for block in notice.blocks] == ["Unclosed bold", "next &bogus; & text"]


def test_hangul_keeps_a_mixed_block_korean_in_a_korean_notice():
    notice = parse_source("<html lang='ko'><p>문의: help@example.kr</p><p>Call us</p></html>", "n.html")
    assert [block.language for block in notice.blocks] == ["ko", "en"]


# ---------------------------------------------------------------------------------------------- the tree


def test_the_tree_keeps_reading_text_apart_from_scripts_ruby_and_comments():
    from notice_lint.parse.html_tree import Contained, Markup, build_page, strings, text_of

    page = build_page("<p>a <!-- note --><ruby>漢<rt>kan</rt></ruby><script>x = 1</script>\n\n <b>b</b></p><pre>  </pre>")
    paragraph = page.first["p"]
    found = strings(paragraph)
    assert found == ["a ", " note ", "漢", "kan", "x = 1", "\n", "b"]  # blank text between tags is one "\n"
    assert [type(string) for string in found] == [str, Markup, str, Contained, Contained, str, str]
    assert text_of(paragraph) == "a 漢\nb"
    assert strings(page.first["pre"]) == ["  "]  # kept as written inside <pre>


def test_the_tree_has_no_depth_limit():
    """lxml's own trees stop at 255 levels and drop the rest of the page; this one does not."""
    from notice_lint.parse.html_tree import build_page

    page = build_page("<body>" + "<div>" * 2000 + "deep" + "</div>" * 2000 + "<p>after</p></body>")
    assert len(page.elements) == 2000 + 3  # html, body, the divs, p
    notice = parse_source("<body>" + "<div>" * 2000 + "deep text" + "</div>" * 2000 + "<p>after</p></body>", "deep.html")
    assert [block.text for block in notice.blocks] == ["deep text", "after"]


def test_the_page_title_is_the_head_title_else_one_outside_svg():
    from notice_lint.parse.html_tree import build_page

    page = build_page("<head><title>in head</title></head><body><svg><title>icon</title></svg><title>late</title></body>")
    assert page.head_title is not None and page.head_title.children == ["in head"]
    page = build_page("<body><svg><title>icon</title></svg><title>real</title></body>")
    assert page.head_title is None and page.free_title is not None and page.free_title.children == ["real"]


def test_a_main_selector_finds_the_same_element_in_the_tree():
    source = ('<html><body><nav>menu</nav><div class="notice"><h1>Notice</h1><nav>inner</nav><p>We are sorry.</p></div>'
              "<div><p>Other news</p></div></body></html>")
    notice = parse_source(source, "page.html", main_selector="div.notice")
    assert texts(notice) == [("heading", "Notice"), ("paragraph", "We are sorry.")]
    notice = parse_source(source, "page.html", main_selector="section.none")  # no match: the body, without nav
    assert [text for _, text in texts(notice)] == ["Notice", "We are sorry.", "Other news"]


def test_the_tree_is_freed_without_the_cycle_collector():
    import gc
    import weakref

    from notice_lint.parse.html_tree import build_page

    gc.disable()
    try:
        page = build_page("<html><body><p>text</p></body></html>")
        root = weakref.ref(page.root)
        del page
        assert root() is None
    finally:
        gc.enable()


def test_a_character_end_and_the_next_start_are_one_int_object():
    """Blocks keep two source offsets per character; sharing the int objects keeps long notices smaller."""
    source = "<html><body>" + "<!-- padding -->" * 20 + "<p>Your data was stolen on 3 March.</p></body></html>"
    for notice in (parse_source(source, "n.html"), parse_source("x" * 300 + "\n\nYour data was stolen on 3 March.\n", "n.txt")):
        block = notice.blocks[-1]
        assert block.starts[0] > 256  # small ints are shared by Python anyway
        pairs = [(block.ends[i], block.starts[i + 1]) for i in range(len(block.text) - 1) if block.ends[i] == block.starts[i + 1]]
        assert pairs and all(end is start for end, start in pairs)
