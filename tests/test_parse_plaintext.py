"""Tests for the plain-text parser: titles, headings, list items, paragraphs and exact offsets."""

from __future__ import annotations

import pytest

from notice_lint.parse import parse_source
from notice_lint.parse.text import parse, split_lines


def kinds(source: str) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in parse(source).blocks]


def assert_span(source: str, block, part: str) -> None:
    i = block.text.index(part)
    assert source[block.starts[i] : block.ends[i + len(part) - 1]] == part


def test_title_heading_paragraph_and_list():
    source = (
        "Notice of Data Breach\n"
        "\n"
        "What Happened\n"
        "\n"
        "On May 1 we found\n"
        "an intrusion.\n"
        "\n"
        "What Information Was Involved:\n"
        "\n"
        "- Names\n"
        "- Email addresses,\n"
        "  and phone numbers\n"
        "* Dates of birth\n"
        "Plain line after the list.\n"
    )
    assert kinds(source) == [
        ("title", 1, "Notice of Data Breach"),
        ("heading", 2, "What Happened"),
        ("paragraph", 0, "On May 1 we found an intrusion."),
        ("heading", 2, "What Information Was Involved:"),
        ("list-item", 0, "Names"),
        ("list-item", 0, "Email addresses, and phone numbers"),
        ("list-item", 0, "Dates of birth"),
        ("paragraph", 0, "Plain line after the list."),
    ]
    blocks = parse(source).blocks
    assert_span(source, blocks[2], "an intrusion.")
    assert_span(source, blocks[5], "phone numbers")


def test_heading_needs_short_unpunctuated_line_followed_by_block():
    source = "Title\n\nWe are sorry.\n\nThis short one ends with a comma,\n\nCall us\n\nhttps://example.com/help\n\nLast line"
    assert kinds(source) == [
        ("title", 1, "Title"),
        ("paragraph", 0, "We are sorry."),
        ("paragraph", 0, "This short one ends with a comma,"),
        ("heading", 2, "Call us"),
        ("paragraph", 0, "https://example.com/help"),
        ("paragraph", 0, "Last line"),
    ]


def test_dates_and_salutations_are_not_headings():
    source = "Acme Corp\n\nAugust 22, 2025\n\n이도현 고객님께\n\n2025. 8. 21.(목)\n\nNOTICE OF DATA BREACH\n\nDear Jamie,\n\nBody."
    assert kinds(source) == [
        ("title", 1, "Acme Corp"),
        ("paragraph", 0, "August 22, 2025"),
        ("paragraph", 0, "이도현 고객님께"),
        ("paragraph", 0, "2025. 8. 21.(목)"),
        ("heading", 2, "NOTICE OF DATA BREACH"),
        ("paragraph", 0, "Dear Jamie,"),
        ("paragraph", 0, "Body."),
    ]


def test_indented_continuation_of_korean_enumerated_items():
    source = "제목\n\n■ 유출 개요\n\n 1. 유출 경위\n   가. 직원이 파일을\n       잘못 첨부하였습니다.\n   나. 즉시 인지하였습니다.\n"
    assert kinds(source) == [
        ("title", 1, "제목"),
        ("heading", 2, "유출 개요"),
        ("list-item", 0, "유출 경위"),
        ("list-item", 0, "직원이 파일을 잘못 첨부하였습니다."),
        ("list-item", 0, "즉시 인지하였습니다."),
    ]
    assert_span(source, parse(source).blocks[3], "잘못 첨부하였습니다.")


def test_long_first_line_is_not_a_title():
    line = "x" * 130
    assert kinds(f"{line}\n\nnext.") == [("paragraph", 0, line), ("paragraph", 0, "next.")]


def test_korean_notice_markers():
    source = (
        "개인정보 유출 안내\n"
        "\n"
        "고객님께 깊이 사과드립니다\n"
        "\n"
        "■ 유출 항목\n"
        "- 이름, 전화번호\n"
        "• 주소\n"
        "·생년월일\n"
        "1. 첫째\n"
        "2) 둘째\n"
        "① 셋째\n"
        "가. 넷째\n"
        "(1) 다섯째\n"
        "※ 참고: 추가 피해는 없습니다.\n"
        "\n"
        "【대응 조치】\n"
        "[ 문의처 ]\n"
        "<피해 구제 절차>\n"
        "◆ 연락처\n"
    )
    assert kinds(source) == [
        ("title", 1, "개인정보 유출 안내"),
        ("paragraph", 0, "고객님께 깊이 사과드립니다"),
        ("heading", 2, "유출 항목"),
        ("list-item", 0, "이름, 전화번호"),
        ("list-item", 0, "주소"),
        ("list-item", 0, "생년월일"),
        ("list-item", 0, "첫째"),
        ("list-item", 0, "둘째"),
        ("list-item", 0, "셋째"),
        ("list-item", 0, "넷째"),
        ("list-item", 0, "다섯째"),
        ("paragraph", 0, "※ 참고: 추가 피해는 없습니다."),
        ("heading", 2, "【대응 조치】"),
        ("heading", 2, "[ 문의처 ]"),
        ("heading", 2, "<피해 구제 절차>"),
        ("heading", 2, "연락처"),
    ]
    blocks = parse(source).blocks
    assert_span(source, blocks[2], "유출 항목")
    assert_span(source, blocks[3], "이름, 전화번호")
    assert_span(source, blocks[5], "생년월일")
    assert_span(source, blocks[12], "【대응 조치】")


def test_korean_sms_layout():
    source = (
        "[Web발신]\n"
        "[바로배송] 개인정보 유출 사실 통지\n"
        "\n"
        "■ 유출 항목: 이름, 휴대전화번호\n"
        "■ 고객님께 부탁드립니다\n"
        "- 링크를 누르지 마세요.\n"
        "[바로배송] 고객님의 정보가 유출되었습니다.\n"
    )
    assert kinds(source) == [
        ("paragraph", 0, "[Web발신]"),
        ("heading", 2, "[바로배송] 개인정보 유출 사실 통지"),
        ("list-item", 0, "유출 항목: 이름, 휴대전화번호"),
        ("heading", 2, "고객님께 부탁드립니다"),
        ("list-item", 0, "링크를 누르지 마세요."),
        ("paragraph", 0, "[바로배송] 고객님의 정보가 유출되었습니다."),
    ]
    assert_span(source, parse(source).blocks[2], "유출 항목: 이름")


def test_numbers_that_are_not_list_markers():
    source = "Intro.\n\n1.5 million records were exposed.\n-5% is not a bullet.\n2023. 5. 10. 공지합니다.\n"
    assert kinds(source) == [
        ("title", 1, "Intro."),
        ("paragraph", 0, "1.5 million records were exposed. -5% is not a bullet. 2023. 5. 10. 공지합니다."),
    ]


def test_underlined_headings_and_separators():
    source = "Notice\n======\n\nIntro text.\nDetails\n-------\nSome text.\n\n----------\n\nEnd."
    assert kinds(source) == [
        ("title", 1, "Notice"),
        ("paragraph", 0, "Intro text."),
        ("heading", 2, "Details"),
        ("paragraph", 0, "Some text."),
        ("paragraph", 0, "End."),
    ]


def test_underlined_heading_later_in_document():
    assert kinds("Intro.\n\nSection\n=======\n\nBody.")[1] == ("heading", 1, "Section")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_keep_exact_offsets(newline):
    source = newline.join(["\ufeff제목", "", "첫 줄", "둘째\t줄", "", "- 항목 하나", "  이어짐", ""])
    blocks = parse(source).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "제목"),
        ("paragraph", "첫 줄 둘째 줄"),
        ("list-item", "항목 하나 이어짐"),
    ]
    assert blocks[0].starts[0] == 1  # after the BOM
    assert_span(source, blocks[1], "둘째")
    assert_span(source, blocks[2], "이어짐")
    i = blocks[1].text.index("줄 둘째")
    assert source[blocks[1].starts[i] : blocks[1].ends[i + 3]] == f"줄{newline}둘째"


def test_split_lines_offsets():
    source = "a\r\nbb\rc\n\nd"
    assert split_lines(source) == [(0, "a"), (3, "bb"), (6, "c"), (8, ""), (9, "d")]
    assert split_lines("\ufeffx\n") == [(1, "x")]


def test_invisible_characters_inside_words():
    source = "Notice\n\nex\u00adpos\u200bure of data.\n"
    block = parse(source).blocks[1]
    assert block.text == "exposure of data."
    assert block.starts[0] == source.index("ex")
    assert block.ends[len("exposure") - 1] == source.index("ure") + 3


def test_empty_and_blank_sources():
    assert parse("").blocks == []
    assert parse(" \n\t\n\r\n").blocks == []
    assert parse("").declared_language is None and parse("").meta == []


def test_parse_source_plain_text_korean():
    source = "개인정보 유출 안내\n\n고객님의 이름과 전화번호가 유출되었습니다.\n"
    notice = parse_source(source, "notice.txt")
    assert notice.format == "text"
    assert notice.language == "ko"
    assert notice.meta == [] and notice.meta_field("og:title") is None
    title = notice.headline()
    assert title.kind == "title" and notice.position(title.starts[0]) == (1, 1)
    body = notice.blocks[1]
    i = body.text.index("전화번호")
    assert notice.position(body.starts[i]) == (3, 10)


def test_label_value_lines_are_statements_not_headings():
    from notice_lint.parse import parse_source

    notice = parse_source("개인정보 유출 안내\n\n유출 시점: 2025년 2월 3일 ~ 2월 5일\n\n자세한 내용은 아래와 같습니다.\n", "n.txt")
    assert [block.kind for block in notice.blocks] == ["title", "paragraph", "paragraph"]
