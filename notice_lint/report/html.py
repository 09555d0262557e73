"""The HTML report: one self-contained page for reviewers who do not read terminals.

For each file: a summary, the notice's page head and text with every finding highlighted where it
stands and its message and suggestion beside it, and the link-preview card each platform draws. No
script, no external asset (images are drawn as placeholders naming the file); everything is escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from ..model import Finding, MappedText, MetaField, Notice, Severity, TextBlock

if TYPE_CHECKING:
    from ..engine import FileResult
    from ..platforms import Card

HEAD_FIELDS = ("title", "og:title", "twitter:title", "description", "og:description", "twitter:description",
               "og:image", "twitter:image", "og:url", "canonical", "og:site_name")
"""Page-head fields shown above the notice text, in document order (others are left out)."""

IMAGE_RATIOS = {"kakaotalk": "2 / 1", "x": "1.91 / 1", "facebook": "1.91 / 1", "linkedin": "1.91 / 1",
                "slack": "1.91 / 1", "discord": "1.91 / 1", "telegram": "1.91 / 1", "line": "1.91 / 1",
                "whatsapp": "1.91 / 1", "imessage": "1.91 / 1"}
"""How each platform crops a large preview image (KakaoTalk crops to 2:1, the rest show about 1.91:1)."""

FONTS = ('system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", '
         '"Noto Sans CJK KR", "NanumGothic", "Nanum Gothic", Roboto, "Helvetica Neue", Arial, sans-serif')

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:FONTS;color:#1f2328;background:#f6f7f9;line-height:1.55;font-size:15px}
main{max-width:1180px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:20px;margin:0;word-break:break-all}
h3{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:#59636e;margin:28px 0 10px}
a{color:#0b57d0}
.lead{color:#59636e;margin:0 0 16px}
.files{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:8px}
.files a{display:inline-block;background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:4px 10px;
  text-decoration:none;color:#1f2328;font-size:13px}
.file{background:#fff;border:1px solid #d8dee4;border-radius:10px;padding:22px 26px;margin:22px 0}
.meta{color:#59636e;font-size:13px;margin:6px 0 0}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 0}
.count{border-radius:999px;padding:2px 10px;font-size:13px;font-weight:600}
.count.error{background:#ffebe9;color:#a40e26}.count.warning{background:#fff8c5;color:#7d4e00}
.count.info{background:#ddf4ff;color:#0550ae}.count.clean{background:#dafbe1;color:#116329}
ul.rules{list-style:none;padding:0;margin:10px 0 0;display:flex;flex-wrap:wrap;gap:6px;font-size:12.5px}
ul.rules li{border:1px solid #d8dee4;border-radius:6px;padding:1px 8px;color:#424a53}
ul.rules li.error{border-color:#ffcecb}ul.rules li.warning{border-color:#f5e0a0}ul.rules li.info{border-color:#b6e3ff}
.route{font-size:13px;color:#59636e;margin:8px 0 0;padding-left:18px}
.failed{background:#ffebe9;border:1px solid #ffcecb;border-radius:6px;padding:10px 14px;color:#a40e26}
.row{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:22px;border-top:1px solid #f0f2f4;padding:9px 0}
.row:first-child{border-top:0}
.text{min-width:0;overflow-wrap:anywhere}
[lang=ko] .text,[lang=ko] .card{word-break:keep-all}
.label{display:inline-block;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#59636e;
  background:#f0f2f4;border-radius:4px;padding:0 6px;margin-right:8px;vertical-align:1px}
.k-heading,.k-title{font-weight:700;font-size:18px}
.k-list-item::before{content:"•";color:#8c959f;margin-right:8px}
.k-quote{border-left:3px solid #d8dee4;padding-left:12px;color:#424a53}
.k-table-cell{font-size:14px}
mark{background:none;border-radius:3px;padding:0 1px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.error{background:#ffd7d5;box-shadow:inset 0 -2px #cf222e}
mark.warning{background:#fff1b8;box-shadow:inset 0 -2px #bf8700}
mark.info{background:#ddf4ff;box-shadow:inset 0 -2px #0969da}
.refs{white-space:nowrap}
sup.ref{font-size:10px;font-weight:700;margin-left:2px;line-height:1}
sup.ref a{text-decoration:none;background:#eef1f4;color:#424a53;border-radius:7px;padding:0 4px}
.flagged{border-left:3px solid #cf222e;padding-left:10px}
.notes{display:flex;flex-direction:column;gap:8px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:10px}
.note{border:1px solid #d8dee4;border-left-width:4px;border-radius:6px;padding:7px 10px;font-size:13px;
  background:#fff}
.note.error{border-left-color:#cf222e}.note.warning{border-left-color:#bf8700}.note.info{border-left-color:#0969da}
.note .tag{font-weight:700}
.note .where{color:#8c959f;font-size:12px}
.note.compact{padding:4px 10px}
.note.compact p{display:inline;margin-left:4px}
.note .rule{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#59636e}
.note p{margin:4px 0 0}
.suggest{color:#116329}
.suggest b{font-weight:700}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:18px}
.platform{border:1px solid #d8dee4;border-radius:10px;overflow:hidden;background:#fff;display:flex;
  flex-direction:column}
.platform > header{display:flex;justify-content:space-between;align-items:baseline;padding:8px 12px;
  border-bottom:1px solid #eef0f2;font-size:13px}
.platform > header b{font-size:14px}
.platform > header span{color:#8c959f;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.stage{padding:16px;flex:1}
.card{font-size:14px;line-height:1.4;overflow:hidden;overflow-wrap:anywhere}
.img{display:flex;align-items:center;justify-content:center;text-align:center;color:#57606a;font-size:11px;
  padding:8px;background:repeating-linear-gradient(135deg,#e7eaee 0 12px,#dfe3e8 12px 24px);overflow:hidden}
.img span{background:rgba(255,255,255,.85);border-radius:4px;padding:2px 6px;max-width:100%;overflow-wrap:anywhere}
.img.thumb{flex:0 0 auto;width:88px;height:88px}
.t{font-weight:700}
.d{color:#57606a}
.s{color:#8c959f;font-size:12px}
.none{color:#8c959f;font-style:italic;padding:12px}
.warn{list-style:none;margin:0;padding:8px 12px 10px;border-top:1px solid #eef0f2;font-size:12.5px;
  display:flex;flex-direction:column;gap:4px}
.warn li{padding-left:20px;position:relative}
.warn li::before{position:absolute;left:0;top:0;font-weight:700}
.warn li.warning::before{content:"!";color:#bf8700;left:6px}
.warn li.info::before{content:"i";color:#0969da;left:6px}
.ok{color:#116329;font-size:12.5px;padding:8px 12px;border-top:1px solid #eef0f2}
/* platforms, drawn roughly as each app draws a link card */
.p-kakaotalk .stage{background:#b2c7d9}
.p-kakaotalk .card{background:#fff;border-radius:12px;max-width:270px}
.p-kakaotalk .body{padding:10px 12px}
.p-kakaotalk .d{font-size:13px;margin-top:3px}
.p-kakaotalk .s{margin-top:6px}
.p-x .card{border:1px solid #cfd9de;border-radius:16px}
.p-x .body{padding:10px 12px}
.p-x .t{font-weight:400}
.p-x.small .card{display:flex}
.p-facebook .body{background:#f0f2f5;padding:10px 12px}
.p-facebook .s{text-transform:uppercase;font-size:12px;color:#65676b}
.p-facebook .t{font-size:16px;color:#050505}
.p-facebook .card{border:1px solid #dadde1}
.p-linkedin .card{border:1px solid #e0dfdc;border-radius:8px}
.p-linkedin .body{padding:10px 12px}
.p-slack .card{border-left:4px solid #dddddd;padding:2px 0 2px 12px}
.p-slack .s{color:#1d1c1d;font-weight:700;font-size:13px}
.p-slack .t{color:#1264a3}
.p-slack .img{border-radius:8px;margin-top:8px;max-width:360px}
.p-discord .stage{background:#313338}
.p-discord .card{background:#2b2d31;border-left:4px solid #1e1f22;border-radius:4px;padding:10px 14px 14px;
  color:#dbdee1;max-width:432px}
.p-discord .s{color:#b5bac1}
.p-discord .t{color:#00a8fc;margin-top:4px}
.p-discord .d{color:#dbdee1;margin-top:4px}
.p-discord .img{margin-top:12px;border-radius:4px}
.p-discord.small .card{display:grid;grid-template-columns:1fr 80px;gap:10px}
.p-discord.small .img{margin-top:0;width:80px;height:80px}
.p-telegram .stage{background:#c6dcb4}
.p-telegram .card{background:#effdde;border-radius:12px;padding:8px 10px;max-width:320px}
.p-telegram .inner{border-left:2px solid #4fae4e;padding-left:8px}
.p-telegram .s{color:#4fae4e;font-weight:700;font-size:13px}
.p-telegram .img{border-radius:6px;margin-top:6px}
.p-line .stage{background:#8cabd9}
.p-line .card{background:#fff;border-radius:14px;max-width:270px}
.p-line .body{padding:10px 12px}
.p-whatsapp .stage{background:#efeae2}
.p-whatsapp .card{background:#d9fdd3;border-radius:8px;padding:4px;max-width:320px}
.p-whatsapp .inner{background:#d1f4cc;border-radius:6px;overflow:hidden}
.p-whatsapp .body{padding:6px 10px 8px}
.p-whatsapp .link{color:#027eb5;font-size:13px;padding:4px 6px 2px}
.p-imessage .card{background:#e9e9eb;border-radius:18px;max-width:290px}
.p-imessage .body{padding:9px 13px}
@media (max-width:860px){.row{grid-template-columns:1fr}}
@media print{body{background:#fff}.file{border:0;padding:0}}
""".replace("FONTS", FONTS)


def render(results: list[FileResult], colour: bool = False) -> str:
    """The whole report as one HTML document."""
    counts = Counter(finding.severity for result in results for finding in result.findings)
    unreadable = sum(1 for result in results if result.error)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>notice-lint report</title>",
        f"<style>{STYLE}</style></head>",
        "<body><main>",
        "<h1>notice-lint report</h1>",
        f'<p class="lead">{escape(_plural(len(results), "file"))} checked'
        + (f", {escape(_plural(unreadable, 'file'))} could not be read" if unreadable else "")
        + ".</p>",
        _counts(counts),
        '<ul class="files">'
        + "".join(f'<li><a href="#file-{index}">{escape(result.path)}</a></li>' for index, result in
                  enumerate(results, 1))
        + "</ul>",
    ]
    parts.extend(_file(index, result) for index, result in enumerate(results, 1))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _file(index: int, result: FileResult) -> str:
    notice: Notice | None = getattr(result, "notice", None)
    language = result.language or (notice.language if notice else "en")
    out = [f'<section class="file" id="file-{index}" lang="{escape(language)}">', f"<h2>{escape(result.path)}</h2>"]
    if result.error:
        out.append(f'<p class="failed">Could not be checked: {escape(result.error)}</p></section>')
        return "\n".join(out)
    out.append(f'<p class="meta">Language: {escape(language)}'
               + (f" · format: {escape(notice.format)}" if notice else "") + "</p>")
    out.append(_route(notice))
    out.append(_counts(Counter(finding.severity for finding in result.findings)))
    out.append(_rule_table(result.findings))
    findings = result.findings
    rows = _rows(notice) if notice is not None else []
    placement = _place(notice, rows, findings) if notice is not None else _Placement()
    missing = [i for i, finding in enumerate(findings) if finding.element is not None]
    unplaced = [i for i in range(len(findings)) if i not in placement.assigned and i not in missing]
    head = [position for position, row in enumerate(rows) if isinstance(row, MetaField)]
    body = [position for position, row in enumerate(rows) if isinstance(row, TextBlock)]
    notes = _Notes(index, findings, [*missing, *unplaced, *(i for position in body + head
                                                          for i in placement.notes.get(position, []))])
    if missing:
        out.append("<h3>What the notice does not say</h3>")
        out.append('<div class="grid">' + "".join(notes.note(i) for i in missing) + "</div>")
    if unplaced:
        out.append("<h3>About the whole page</h3>")
        out.append('<div class="grid">' + "".join(notes.note(i) for i in unplaced) + "</div>")
    if notice is None:
        out.append("</section>")
        return "\n".join(out)
    out.append("<h3>Notice text</h3>")
    out.append("<div>" + ("".join(_row(position, rows[position], placement, notes) for position in body)
                          or '<p class="none">No text.</p>') + "</div>")
    if head:
        out.append("<h3>Page head: what link previews read</h3>")
        out.append("<div>" + "".join(_row(position, rows[position], placement, notes) for position in head) + "</div>")
    out.append("<h3>Link previews, as each platform draws them</h3>")
    out.append(_cards(notice))
    out.append("</section>")
    return "\n".join(out)


def _route(notice: Notice | None) -> str:
    from ..fetch import ENCODING_SOURCES

    live = getattr(notice, "live", None)
    if live is None or live.browser.page is None:
        return ""
    page = live.browser.page
    steps = [f"<li>{escape(hop.url)} → {escape(hop.via)}{' ' + str(hop.status) if hop.via == 'http' else ''}</li>"
             for hop in page.hops]
    how = ENCODING_SOURCES.get(page.encoding_source, page.encoding_source)
    steps.append(f"<li>ends at {escape(page.final_url)} (read as {escape(page.encoding)}: {escape(how)})</li>")
    return f'<ol class="route">{"".join(steps)}</ol>'


def _counts(counts: Counter) -> str:
    if not counts:
        return '<div class="counts"><span class="count clean">no findings</span></div>'
    badges = [f'<span class="count {severity.value}">{escape(_plural(counts[severity], severity.value))}</span>'
              for severity in reversed(Severity) if counts[severity]]
    return f'<div class="counts">{"".join(badges)}</div>'


def _rule_table(findings: list[Finding]) -> str:
    """How many findings each rule made, at each severity, as a row of chips."""
    per_rule = Counter((finding.rule, finding.severity) for finding in findings)
    if not per_rule:
        return ""
    chips = "".join(f'<li class="{severity.value}"><code>{escape(rule)}</code> {escape(_plural(count, severity.value))}</li>'
                    for (rule, severity), count in sorted(per_rule.items(),
                                                          key=lambda item: (-item[0][1].rank, -item[1], item[0][0])))
    return f'<ul class="rules">{chips}</ul>'


def _rows(notice: Notice) -> list[MappedText]:
    head = [meta for meta in notice.meta if meta.name in HEAD_FIELDS and meta.text.strip()]
    return [*head, *notice.blocks]


class _Placement:
    """Where each finding (by index) shows: highlighted spans of a row's text, and notes beside the row."""

    def __init__(self) -> None:
        self.spans: dict[int, list[tuple[int, int, int]]] = {}
        self.notes: dict[int, list[int]] = {}
        self.flagged: set[int] = set()
        self.assigned: set[int] = set()


def _place(notice: Notice, rows: list[MappedText], findings: list[Finding]) -> _Placement:
    """Put each finding on the first row whose characters it covers (or, when empty, where it stands)."""
    line_starts = [0, *(match.end() for match in re.finditer("\n", notice.source))]
    placement = _Placement()
    for i, finding in enumerate(findings):
        if finding.element is not None:
            continue  # an absence has no place in the text: listed on its own
        start = _offset(line_starts, finding.line, finding.column)
        end = _offset(line_starts, finding.end_line, finding.end_column)
        for position, row in enumerate(rows):
            covered = [k for k, (s, e) in enumerate(zip(row.starts, row.ends)) if s < end and e > start]
            inside = not covered and start == end and row.starts and row.starts[0] <= start < row.ends[-1]
            if not covered and not inside:
                continue
            placement.assigned.add(i)
            placement.notes.setdefault(position, []).append(i)
            if covered:
                placement.spans.setdefault(position, []).append((covered[0], covered[-1] + 1, i))
            else:
                placement.flagged.add(position)
            break
    for position, spans in placement.spans.items():
        first = {i: s for s, _, i in spans}
        placement.notes[position].sort(key=lambda i: (first.get(i, -1), i))
    return placement


def _offset(line_starts: list[int], line: int, column: int) -> int:
    index = max(0, min(line - 1, len(line_starts) - 1))
    return line_starts[index] + column - 1


class _Notes:
    """Numbers findings in reading order and writes their notes; a repeat of the same wording by the same
    rule is a one-line note pointing at the first."""

    def __init__(self, file_index: int, findings: list[Finding], order: list[int]) -> None:
        self.file = file_index
        self.findings = findings
        self.number = {i: n for n, i in enumerate(dict.fromkeys(order), 1)}
        self.first: dict[tuple, int] = {}
        for i in dict.fromkeys(order):
            self.first.setdefault(self._key(findings[i]), i)

    @staticmethod
    def _key(finding: Finding) -> tuple:
        return (finding.rule, finding.severity, finding.text, finding.suggestion, finding.element)

    def anchor(self, i: int) -> str:
        return f"n{self.file}-{self.number.get(i, i + 1)}"

    def ref(self, i: int) -> str:
        return f'<sup class="ref"><a href="#{self.anchor(i)}">{self.number.get(i, i + 1)}</a></sup>'

    def note(self, i: int) -> str:
        finding = self.findings[i]
        severity = finding.severity.value
        number = self.number.get(i, i + 1)
        about = f" · {escape(finding.field or finding.element or '')}" if finding.field or finding.element else ""
        head = (f'<span class="tag">{number} · {severity}</span> <span class="rule">{escape(finding.rule)}</span>'
                f'{about} <span class="where">{finding.line}:{finding.column}</span>')
        first = self.first[self._key(finding)]
        if first != i and finding.text:
            return (f'<div class="note {severity} compact" id="{self.anchor(i)}">{head}'
                    f'<p>"{escape(finding.text)}" again: see <a href="#{self.anchor(first)}">'
                    f"{self.number.get(first, first + 1)}</a>.</p></div>")
        suggestion = (f'<p class="suggest"><b>Suggestion:</b> {escape(finding.suggestion)}</p>'
                      if finding.suggestion else "")
        return (f'<div class="note {severity}" id="{self.anchor(i)}">{head}'
                f"<p>{escape(finding.message)}</p>{suggestion}</div>")


def _row(position: int, row: MappedText, placement: _Placement, notes: _Notes) -> str:
    if isinstance(row, MetaField):
        label = f'<span class="label">{escape(row.name)}</span>'
        classes = "text"
    else:
        assert isinstance(row, TextBlock)
        label = ""
        classes = f"text k-{escape(row.kind)}"
    if position in placement.flagged:
        classes += " flagged"
    text = _highlighted(row.text, placement.spans.get(position, []), notes)
    beside = "".join(notes.note(i) for i in placement.notes.get(position, []))
    return f'<div class="row"><div class="{classes}">{label}{text}</div><aside class="notes">{beside}</aside></div>'


def _highlighted(text: str, spans: list[tuple[int, int, int]], notes: _Notes) -> str:
    """``text`` with each span in a <mark> of its worst severity and each finding's number where it ends."""
    if not spans:
        return escape(text)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    ends_at: dict[int, list[int]] = {}
    for _, end, i in spans:
        ends_at.setdefault(end, []).append(i)
    out = []
    for left, right in zip(cuts, cuts[1:]):
        piece = escape(text[left:right])
        covering = [i for s, e, i in spans if s <= left and right <= e]
        if covering:
            worst = max((notes.findings[i] for i in covering), key=lambda finding: finding.severity.rank)
            rules = " ".join(sorted({notes.findings[i].rule for i in covering}))
            piece = f'<mark class="{worst.severity.value}" data-rules="{escape(rules)}">{piece}</mark>'
        out.append(piece)
        ending = sorted(ends_at.get(right, []), key=lambda i: notes.number.get(i, i))
        if ending:
            out.append('<span class="refs">' + "".join(notes.ref(i) for i in ending) + "</span>")
    return "".join(out)


def _cards(notice: Notice) -> str:
    from ..platforms import preview_cards

    live = getattr(notice, "live", None)
    shared = live.url if live is not None else None  # the address people paste, known only for a URL
    return '<div class="cards">' + "".join(_card(card, shared) for card in preview_cards(notice)) + "</div>"


def _card(card: Card, shared: str | None) -> str:
    platform = card.platform
    size = "" if card.large_image or card.image is None else " small"
    out = [f'<article class="platform p-{platform.id}{size}">',
           f"<header><b>{escape(platform.name)}</b><span>{escape(platform.crawler)}</span></header>",
           '<div class="stage">']
    if card.error:
        out.append(f'<p class="none">No preview: the crawler could not fetch the page ({escape(card.error)}).</p>')
    elif not card.shows_card:
        out.append(f'<p class="none">No card: {escape(platform.name)} shows the bare link.</p>')
    else:
        out.append(_card_body(card, shared))
    out.append("</div>")
    if card.warnings:
        out.append('<ul class="warn">' + "".join(
            f'<li class="{escape(w.level)}">{escape(w.message)}</li>' for w in card.warnings) + "</ul>")
    else:
        out.append('<p class="ok">Nothing to fix for this platform.</p>')
    out.append("</article>")
    return "".join(out)


def _card_body(card: Card, shared: str | None) -> str:
    platform = card.platform
    image = _image(card)
    site = f'<div class="s">{escape(card.site)}</div>' if card.site else ""
    title = f'<div class="t">{escape(card.title.shown)}</div>' if card.title else ""
    description = f'<div class="d">{escape(card.description.shown)}</div>' if card.description else ""
    pid = platform.id
    if pid == "slack":
        return f'<div class="card">{site}{title}{description}{image}</div>'
    if pid == "discord":
        if card.large_image:
            return f'<div class="card">{site}{title}{description}{image}</div>'
        return f'<div class="card"><div>{site}{title}{description}</div>{image}</div>'
    if pid == "telegram":
        return f'<div class="card"><div class="inner">{site}{title}{description}{image}</div></div>'
    if pid == "whatsapp":
        link = f'<div class="link">{escape(shared)}</div>' if shared else ""
        return (f'<div class="card"><div class="inner">{image}<div class="body">{title}{description}{site}</div>'
                f"</div>{link}</div>")
    if pid == "facebook":
        return f'<div class="card">{image}<div class="body">{site}{title}{description}</div></div>'
    if pid == "x":
        return f'<div class="card">{image}<div class="body">{site}{title}{description}</div></div>'
    return f'<div class="card">{image}<div class="body">{title}{description}{site}</div></div>'


def _image(card: Card) -> str:
    if card.image is None:
        return ""
    name = card.image.text.rstrip("/").rsplit("/", 1)[-1] or card.image.text
    if not card.large_image:
        return f'<div class="img thumb" title="{escape(card.image.text)}"><span>{escape(name)}</span></div>'
    ratio = IMAGE_RATIOS.get(card.platform.id, "1.91 / 1")
    return (f'<div class="img" style="aspect-ratio:{ratio}" title="{escape(card.image.text)}">'
            f"<span>image: {escape(name)}</span></div>")


def _plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}" + ("" if count == 1 else "s")
