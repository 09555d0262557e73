"""preview-site-default: home-page addresses and site-name titles per notice, shared previews across a run."""

from __future__ import annotations

import pytest

from notice_lint.engine import lint_across, lint_paths, lint_text
from notice_lint.packs import builtin_rules_dir, load_rule

RULE = load_rule(builtin_rules_dir() / "preview-site-default.toml")


def page(title: str = "Notice of data breach", description: str = "", site: str = "", url: str = "") -> str:
    head = f'<meta property="og:title" content="{title}">'
    head += f'<meta property="og:description" content="{description}">' if description else ""
    head += f'<meta property="og:site_name" content="{site}">' if site else ""
    head += f'<meta property="og:url" content="{url}">' if url else ""
    return f"<html><head>{head}</head><body><main><h1>{title}</h1><p>Names were stolen.</p></main></body></html>"


def findings(text: str, path: str = "n.html"):
    return lint_text(text, path, [RULE]).findings


@pytest.mark.parametrize(
    "url",
    ["https://www.example.com", "https://www.example.com/", "https://www.example.com/index.html", "/", "https://www.example.kr/main.do"],
)
def test_og_url_at_the_home_page(url):
    [finding] = findings(page(url=url))
    assert (finding.field, finding.text) == ("og:url", url)


@pytest.mark.parametrize(
    "url", ["https://www.example.com/notice/2025", "https://www.example.com/?p=1203", "", "about:blank"]
)
def test_og_url_of_the_page_itself_or_unusable(url):
    assert findings(page(url=url)) == []


def test_canonical_at_the_home_page():
    source = '<html><head><title>Breach notice</title><link rel="canonical" href="https://www.example.com/"></head><body></body></html>'
    [finding] = findings(source)
    assert finding.field == "canonical"


def test_title_that_is_the_site_name_ignoring_case_and_punctuation():
    [finding] = findings(page(title="PINECREST INSURANCE.", site="Pinecrest Insurance"))
    assert finding.field == "og:title" and "site name" in finding.message
    assert findings(page(title="Pinecrest Insurance data breach", site="Pinecrest Insurance")) == []


def test_a_fragment_without_a_head_is_not_checked():
    assert findings("<main><p>Notice.</p></main>") == []


# -- across the notices of a run ------------------------------------------------------------


def write(tmp_path, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path)]


def by_file(results):
    return {result.path.rsplit("/", 1)[-1]: [(f.field, f.text) for f in result.findings] for result in results}


def test_one_description_on_two_notices_of_a_site(tmp_path):
    default = "Pinecrest Insurance Company, Des Moines, Iowa."
    paths = write(tmp_path, {
        "a.html": page("Breach at the agent portal", default, "Pinecrest", "https://p.example.com/notice/a"),
        "b.html": page("Breach of claims records", default, "Pinecrest", "https://p.example.com/notice/b"),
        "c.html": page("Breach of billing data", "Billing data of 300 customers was stolen.", "Pinecrest", "https://p.example.com/notice/c"),
    })  # fmt: skip
    results = lint_paths(paths, [RULE])
    assert by_file(results) == {"a.html": [("og:description", default)], "b.html": [("og:description", default)], "c.html": []}
    message = results[0].findings[0].message
    assert "2 notices" in message and "b.html" in message


def test_a_title_needs_three_notices_of_a_site(tmp_path):
    two = {name: page("Notice of Data Breach", f"Incident {name}", "Kestrel", f"https://k.example.com/{name}") for name in ("a.html", "b.html")}
    assert all(not found for found in by_file(lint_paths(write(tmp_path, two), [RULE])).values())
    (tmp_path / "c.html").write_text(page("Notice of Data Breach", "Incident c", "Kestrel", "https://k.example.com/c"), encoding="utf-8")
    found = by_file(lint_paths([str(tmp_path)], [RULE]))
    assert all(items == [("og:title", "Notice of Data Breach")] for items in found.values())


def test_different_sites_unnamed_sites_and_copies_of_one_page_are_not_compared(tmp_path):
    same = "Names and addresses were stolen."
    paths = write(tmp_path, {
        "a.html": page("Breach A", same, "Kestrel", "https://k.example.com/a"),
        "b.html": page("Breach B", same, "Pinecrest", "https://p.example.com/b"),
        "c.html": page("Breach C", same),
        "d.html": page("Breach D", same),
        "e.html": page("Breach E", same, "Lakeshore", "https://l.example.com/e"),
        "f.html": page("Breach E", same, "Lakeshore", "https://l.example.com/e"),
    })  # fmt: skip
    assert all(not found for found in by_file(lint_paths(paths, [RULE])).values())


def test_the_site_comes_from_the_address_when_no_site_name_is_given(tmp_path):
    same = "Names and addresses were stolen."
    paths = write(tmp_path, {
        "a.html": page("Breach A", same, url="https://www.k.example.com/a"),
        "b.html": page("Breach B", same, url="https://k.example.com/b"),
    })  # fmt: skip
    assert [len(result.findings) for result in lint_paths(paths, [RULE])] == [1, 1]


def test_a_shared_site_name_title_is_reported_once_per_file(tmp_path):
    paths = write(tmp_path, {name: page("Pinecrest", f"Incident {name}", "Pinecrest", f"https://p.example.com/{name}") for name in ("a.html", "b.html", "c.html")})
    results = lint_paths(paths, [RULE])
    assert [len(result.findings) for result in results] == [1, 1, 1]
    assert all("site name" in result.findings[0].message for result in results)


def test_lint_across_adds_nothing_for_rules_without_a_run_check():
    result = lint_text(page(), "a.html", [RULE])
    assert lint_across([result], [load_rule(builtin_rules_dir() / "risky-link.toml")]) == [result]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_line_compares_notices_also_when_files_are_checked_in_parallel(tmp_path, jobs):
    from click.testing import CliRunner

    from notice_lint.cli import main

    default = "Kestrel Software, London."
    write(tmp_path, {name: page(f"Breach {name}", default, "Kestrel", f"https://k.example.com/{name}") for name in ("a.html", "b.html")})
    result = CliRunner().invoke(main, ["check", "--select", "preview-site-default", "--jobs", jobs, str(tmp_path)])
    assert result.output.count("is the same on 2 notices of this site") == 2, result.output
