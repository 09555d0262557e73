"""Email notices: the Subject gets the preview rules, From and Reply-To are metadata, and every text
and HTML part is linted with positions pointing into the .eml file."""

from __future__ import annotations

from click.testing import CliRunner

from notice_lint.cli import main
from notice_lint.engine import lint_text
from notice_lint.packs import load_rules
from notice_lint.parse import parse_source

RULES = {rule.id: rule for rule in load_rules()}
WORDING = [RULES["minimizing-wording"]]

# Subject: 개인정보 노출 안내 (base64 encoded word); the same sentence in three encodings.
MESSAGE = "\r\n".join([
    "From: Shop <help@shop.example>",                                  # 1
    "Reply-To: Shop Support <support@shop.example>",                   # 2
    "Subject: =?UTF-8?B?6rCc7J247KCV67O0IOuFuOy2nCDslYjrgrQ=?=",         # 3
    "MIME-Version: 1.0",                                               # 4
    'Content-Type: multipart/mixed; boundary="outer"',                 # 5
    "",                                                                # 6
    "--outer",                                                         # 7
    'Content-Type: multipart/alternative; boundary="inner"',           # 8
    "",                                                                # 9
    "--inner",                                                         # 10
    "Content-Type: text/plain; charset=utf-8",                         # 11
    "Content-Transfer-Encoding: 8bit",                                 # 12
    "",                                                                # 13
    "고객님의 개인정보가 노출되었습니다.",                               # 14
    "--inner",                                                         # 15
    "Content-Type: text/html; charset=utf-8",                          # 16
    "Content-Transfer-Encoding: quoted-printable",                     # 17
    "",                                                                # 18
    "<p>=EC=A0=95=EB=B3=B4=EA=B0=80 =EB=85=B8=EC=B6=9C=EB=90=98=EC=97=88=EC=8A=",  # 19
    "=B5=EB=8B=88=EB=8B=A4.</p>",                                      # 20
    "--inner--",                                                       # 21
    "--outer",                                                         # 22
    "Content-Type: text/plain; charset=utf-8",                         # 23
    "Content-Transfer-Encoding: base64",                               # 24
    "",                                                                # 25
    "64W47Lac65CY7JeI7Iq164uI64ukLg==",                                # 26
    "--outer",                                                         # 27
    "Content-Type: text/plain; charset=utf-8",                         # 28
    "Content-Disposition: attachment; filename=old-draft.txt",         # 29
    "",                                                                # 30
    "개인정보가 노출되었습니다.",                                        # 31
    "--outer--",                                                       # 32
    "",
])


def positions(text: str, rules=WORDING):
    findings = lint_text(text, "notice.eml", rules).findings
    return [(f.field, f.line, f.column, f.end_line, f.end_column, f.text, f.fix) for f in findings]


def test_every_part_is_linted_with_positions_in_the_file():
    assert positions(MESSAGE) == [
        # the Subject: the encoded word that holds 노출
        ("subject", 3, 10, 3, 58, "=?UTF-8?B?6rCc7J247KCV67O0IOuFuOy2nCDslYjrgrQ=?=", None),
        # 8bit text part: exact characters, fixable
        (None, 14, 12, 14, 14, "노출", "유출"),
        # quoted-printable HTML part: the escapes that encode 노출
        (None, 19, 32, 19, 50, "=EB=85=B8=EC=B6=9C", None),
        # base64 part: the two groups of four that encode 노출
        (None, 26, 1, 26, 9, "64W47Lac", None),
    ]


def test_subject_from_and_reply_to_are_metadata():
    notice = parse_source(MESSAGE, "notice.eml")
    meta = {field.name: field.text for field in notice.meta}
    assert meta == {
        "from": "Shop <help@shop.example>",
        "reply-to": "Shop Support <support@shop.example>",
        "subject": "개인정보 노출 안내",
    }
    assert notice.format == "email" and notice.language == "ko"
    assert [field.name for field in notice.preview_fields()] == ["subject"]


def test_attachments_are_not_linted():
    notice = parse_source(MESSAGE, "notice.eml")
    assert all("개인정보가 노출되었습니다." != block.text for block in notice.blocks)
    assert len(notice.blocks) == 3


def test_the_subject_is_a_shown_title_for_the_preview_rules():
    message = (
        "From: Shop <help@shop.example>\n"
        "Subject: Best deals this week\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "We are writing to tell you about a data breach.\n"
    )
    rules = [RULES["preview-off-topic"], RULES["promotional-preview"], RULES["preview-missing"]]
    findings = lint_text(message, "notice.eml", rules, language="en").findings
    assert sorted((f.rule, f.field, f.line, f.column) for f in findings) == [
        ("preview-off-topic", "subject", 2, 10),
        ("promotional-preview", "subject", 2, 15),
    ]


def test_a_subject_naming_the_incident_passes_and_a_missing_subject_is_reported():
    rules = [RULES["preview-off-topic"], RULES["preview-missing"]]
    good = "Subject: Notice of a data breach\nContent-Type: text/plain\n\nWe are writing about a data breach.\n"
    assert lint_text(good, "n.eml", rules, language="en").findings == []
    missing = "From: help@shop.example\nContent-Type: text/plain\n\nWe are writing about a data breach.\n"
    assert [f.rule for f in lint_text(missing, "n.eml", rules, language="en").findings] == ["preview-missing"]


def test_folded_subject_keeps_exact_positions():
    message = "Subject: Your data\r\n was exposed\r\nContent-Type: text/plain\r\n\r\nNotice.\r\n"
    assert positions(message) == [("subject", 2, 6, 2, 13, "exposed", "leaked")]


def test_single_part_message_and_fix_through_the_cli(tmp_path):
    path = tmp_path / "notice.eml"
    original = (
        "From: help@shop.example\r\n"
        "Subject: Notice of a data breach\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        "Your data was exposed.\r\n"
    ).encode("utf-8")
    path.write_bytes(original)
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--select", "minimizing-wording", str(path)])
    assert f"{path}:5:15: error minimizing-wording" in result.output
    runner.invoke(main, ["check", "--select", "minimizing-wording", "--fix", str(path)])
    assert path.read_bytes() == original.replace(b"exposed", b"leaked")


def test_directories_include_eml_files_and_marker_lines_work_in_email(tmp_path):
    (tmp_path / "a.eml").write_text(
        "Subject: Notice of a data breach\n"
        "Content-Type: text/plain\n"
        "\n"
        "notice-lint-disable-next-line minimizing-wording\n"
        "Your data was exposed.\n"
        "Your files were exposed.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--select", "minimizing-wording", str(tmp_path)])
    assert result.output.splitlines()[0].startswith(f"{tmp_path / 'a.eml'}:6:17: error minimizing-wording")
    assert "Found 1 error in 1 file." in result.output


def test_stdin_filename_with_eml_suffix_reads_an_email():
    result = CliRunner().invoke(
        main, ["check", "--select", "minimizing-wording", "--stdin-filename", "draft.eml", "-"],
        input="Subject: Your data was exposed\nContent-Type: text/plain\n\nNotice.\n",
    )
    assert result.output.startswith("draft.eml:1:24: error minimizing-wording")


def test_html_links_in_an_email_point_into_the_eml_file():
    from notice_lint.parse import parse_source

    source = (
        "Subject: Notice of data breach\nContent-Type: text/html; charset=utf-8\n\n"
        '<p>Details: <a href="https://bit.ly/x1">our page</a></p>\n'
    )
    notice = parse_source(source, "n.eml")
    (link,) = [link for link in notice.links if link.href.startswith("https://bit.ly")]
    assert source[link.text_start:link.text_end] == "our page"
    assert source[link.href_start:link.href_end] == "https://bit.ly/x1"
