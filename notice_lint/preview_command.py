"""``notice-lint preview PATH|URL...``: the card each platform draws when the notice's link is shared.

Files are read as ``check`` reads them; a URL is fetched as each platform's crawler fetches it, so every
card shows what that crawler was served. Output: a card per platform for the terminal, or ``--format json``.
Exit status: 0 when every input could be read, 2 when one could not (its error goes to standard error).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import __version__
from .model import Notice
from .platforms import Card, Limit, Shown

LEVEL_MARKS = {"warning": "!", "info": "i"}
LEVEL_COLOURS = {"warning": "yellow", "info": "cyan"}


@dataclass
class Previewed:
    """One input's cards, or the reason it could not be read."""

    path: str
    notice: Notice | None = None
    cards: list[Card] = field(default_factory=list)
    error: str | None = None


def preview_inputs(inputs: list[str], language: str | None = None) -> list[Previewed]:
    """Cards for every input: files, directories (their notice files) and http(s) URLs."""
    from .inputs import expand
    from .inputs import is_url

    results: list[Previewed] = []
    for raw in inputs:
        if is_url(raw):
            results.append(_preview_url(raw, language))
        else:
            results.extend(_preview_file(path, language) for path in expand([raw]))
    return results


def _preview_file(path: Path, language: str | None) -> Previewed:
    from .parse import parse_source
    from .platforms import preview_cards
    from .source import DEFAULT_MAX_FILE_SIZE, InputError, read_notice_text

    try:
        text = read_notice_text(path, DEFAULT_MAX_FILE_SIZE)
    except InputError as error:
        return Previewed(str(path), error=str(error))
    notice = parse_source(text, str(path), language=language)
    return Previewed(str(path), notice, preview_cards(notice))


def _preview_url(url: str, language: str | None) -> Previewed:
    from .fetch import FetchError
    from .live import gather
    from .platforms import preview_cards

    try:
        facts = gather(url, language)
    except FetchError as error:
        return Previewed(url, error=str(error))
    notice = facts.browser.notice
    assert notice is not None
    return Previewed(url, notice, preview_cards(notice))


def run(inputs: list[str], output_format: str, language: str | None, platforms: set[str], colour: bool) -> int:
    """Print the previews; the exit status is 2 when an input could not be read, else 0."""
    results = preview_inputs(inputs, language)
    for result in results:
        result.cards = [card for card in result.cards if not platforms or card.platform.id in platforms]
        if result.error:
            click.echo(f"notice-lint: {result.path}: {result.error}", err=True)
    if output_format == "json":
        click.echo(json.dumps(to_json(results), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(results, colour), color=colour)
    return 2 if any(result.error for result in results) else 0


def render_text(results: list[Previewed], colour: bool = False) -> str:
    """A card per platform, drawn with box lines; cut texts end in an ellipsis, as the platform cuts them."""
    blocks = []
    for result in results:
        if result.error:
            blocks.append(f"{result.path}: could not be read ({result.error})")
            continue
        lines = [_style(result.path, colour, bold=True)]
        lines.extend(_route(result.notice))
        for card in result.cards:
            lines.append("")
            lines.extend(_card_lines(card, colour))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _route(notice: Notice | None) -> list[str]:
    """For a URL: the steps the link takes and where it ends."""
    from .fetch import ENCODING_SOURCES

    live = getattr(notice, "live", None)
    if live is None or live.browser.page is None:
        return []
    page = live.browser.page
    lines = [f"  {hop.url} -> {hop.via} {hop.status if hop.via == 'http' else ''}".rstrip() for hop in page.hops]
    lines.append(f"  ends at {page.final_url} (read as {page.encoding}: {ENCODING_SOURCES[page.encoding_source]})")
    return lines


def _card_lines(card: Card, colour: bool) -> list[str]:
    platform = card.platform
    head = f"┌─ {_style(platform.name, colour, bold=True)} ({platform.crawler})"
    body: list[str] = []
    if card.error:
        body.append("no preview: the crawler could not fetch the page")
    elif not card.shows_card:
        body.append("no card: the bare link is shown")
    else:
        if card.image is not None:
            shape = "large image" if card.large_image else "thumbnail"
            body.append(f"[{shape}] {card.image.text}")
        if card.site and platform.site:
            body.append(_style(card.site, colour, dim=True))
        if card.title is not None:
            body.append(_style(card.title.shown, colour, bold=True) + _cut_note(card.title, platform.title_limit))
        if card.description is not None:
            body.append(card.description.shown + _cut_note(card.description, platform.description_limit))
        if card.site and not platform.site:
            body.append(_style(card.site, colour, dim=True))
    lines = [head, *(f"│ {line}" for line in body)]
    for warning in card.warnings:
        mark = LEVEL_MARKS.get(warning.level, "!")
        lines.append("│ " + _style(f"{mark} {warning.message}", colour, fg=LEVEL_COLOURS.get(warning.level)))
    lines.append("└─")
    return lines


def _cut_note(shown: Shown, limit: Limit | None) -> str:
    return f"   [cut at {limit.describe()}]" if shown.cut and limit is not None else ""


def _style(text: str, colour: bool, **style) -> str:
    return click.style(text, **style) if colour else text


def to_json(results: list[Previewed]) -> dict:
    """The ``--format json`` document."""
    return {"version": __version__, "inputs": [_input_json(result) for result in results]}


def _input_json(result: Previewed) -> dict:
    live = getattr(result.notice, "live", None)
    route = None
    if live is not None and live.browser.page is not None:
        page = live.browser.page
        route = {
            "requested": live.url,
            "final": page.final_url,
            "encoding": page.encoding,
            "encoding_source": page.encoding_source,
            "hops": [{"url": hop.url, "status": hop.status, "via": hop.via, "to": hop.target} for hop in page.hops],
        }
    return {
        "path": result.path,
        "error": result.error,
        "url": route,
        "platforms": [card_json(card) for card in result.cards],
    }


def card_json(card: Card) -> dict:
    """One platform's card as JSON."""
    platform = card.platform
    return {
        "platform": platform.id,
        "name": platform.name,
        "crawler": platform.crawler,
        "card": card.shows_card,
        "error": card.error,
        "page_url": card.url,
        "title": _shown_json(card.title),
        "description": _shown_json(card.description),
        "image": None if card.image is None else {"url": card.image.text, "field": card.image.field,
                                                  "line": card.image.line},
        "site": card.site,
        "large_image": card.large_image,
        "limits": {"title": _limit_json(platform.title_limit), "description": _limit_json(platform.description_limit)},
        "warnings": [{"code": w.code, "level": w.level, "message": w.message} for w in card.warnings],
        "refresh": platform.refresh,
    }


def _shown_json(shown: Shown | None) -> dict | None:
    if shown is None:
        return None
    return {"text": shown.text, "shown": shown.shown, "cut": shown.cut, "field": shown.field, "line": shown.line}


def _limit_json(limit: Limit | None) -> dict | None:
    return None if limit is None else {"size": limit.size, "unit": limit.unit, "confidence": limit.confidence}
