"""Build a benchmark corpus: N varied breach notices made from the project's own samples.

Every notice starts from one of the bundled HTML or Markdown notices (samples/ and tests/corpus/), in
English or Korean, and is varied with a random generator seeded by (seed, index): organisation names,
dates, counts, contact numbers and data types are swapped; paragraphs are shuffled or dropped; flagged
phrases are inserted or removed; titles and Open Graph tags change; and each notice carries its own
reference number, so no two files are identical. The same seed and index always give the same file.

Usage as a library: ``build_corpus(directory, count, seed)`` returns a :class:`Corpus`.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = 1
MANIFEST = "manifest.json"
KINDS = [("en", ".html"), ("en", ".md"), ("ko", ".html"), ("ko", ".md")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# Organisation names used by the bundled notices (full name, short form) and the names swapped in.
TEMPLATE_ORGS = {
    "en": [("Meridian Credit Union", "Meridian"), ("Northwind Outfitters", "Northwind"),
           ("Granite Peak Fitness", "Granite Peak"), ("Pinecrest Insurance", "Pinecrest"),
           ("Bluefin Payroll Services", "Bluefin"), ("Kestrel Software Ltd", "Kestrel"),
           ("Summit Ridge University", "Summit Ridge"), ("Orchard Bank", "Orchard"),
           ("Atlas Home Services", "Atlas"), ("Lakeshore Water & Power", "Lakeshore")],
    "ko": [(name, name) for name in ("한빛몰", "다온카드", "하늘카드", "한솔마트", "세움카드", "솔빛병원",
                                     "모아마켓", "누리텔레콤")],
}
NEW_ORGS = {
    "en": [("Harbor Point Bank", "Harbor Point"), ("Cedarline Health", "Cedarline"),
           ("Brightwater Telecom", "Brightwater"), ("Ironwood Logistics", "Ironwood"),
           ("Maple Row Pharmacy", "Maple Row"), ("Silverlake Insurance", "Silverlake"),
           ("Redfern Energy", "Redfern"), ("Quarry Hill College", "Quarry Hill"),
           ("Bluestem Federal Credit Union", "Bluestem"), ("Copperfield Retail", "Copperfield")],
    "ko": [(name, name) for name in ("가람은행", "새봄카드", "푸른병원", "다올마트", "한결텔레콤", "미래보험",
                                     "온누리몰", "하람증권", "별빛쇼핑", "은하카드", "청솔학원", "나래항공")],
}
DATA_TYPES = {
    "en": ["email address", "phone number", "date of birth", "mailing address", "home address",
           "account number", "username"],
    "ko": ["이메일 주소", "휴대전화번호", "생년월일", "배송지 주소", "전화번호", "주소", "아이디"],
}
# Phrases the linter flags: some are inserted as a paragraph of their own ...
FLAGGED = {
    "en": ["We take your privacy seriously.", "At this time, there is no evidence of misuse of your information.",
           "The incident affected a limited number of customer accounts.",
           "We apologize for any inconvenience this may have caused.",
           "The exposed information did not include payment details."],
    "ko": ["현재까지 정보가 악용된 사례는 확인되지 않았습니다.", "일부 고객의 개인정보가 노출되었습니다.",
           "이번 일로 심려를 끼쳐 드려 죄송합니다.", "고객님의 개인정보 보호를 매우 중요하게 생각합니다."],
}
# ... and some are replaced by plain wording.
FIXES = {
    "en": [("exposed", "stolen"), ("Exposure", "Breach"), ("a limited number of ", ""), ("a small number of ", ""),
           ("for any concern this may have caused", "for this breach and the harm it may have caused"),
           ("for any inconvenience this may cause", "for this breach and the harm it may cause"),
           ("We take your privacy seriously", "We failed to protect your information")],
    "ko": [("노출", "유출"), ("일부 고객", "고객"), ("심려와 걱정을 끼쳐드려", "개인정보를 지키지 못해"),
           ("비인가 조회", "외부 해커의 정보 탈취")],
}
TITLES = {
    "en": ["Notice of Data Breach | {org}", "{org}: notice of a data breach affecting customer accounts",
           "{org} | Exclusive deals and member benefits", "{org}", "Important security update from {org}"],
    "ko": ["[{org}] 개인정보 유출 사실 안내 및 사과", "{org} 개인정보 유출 안내", "{org} 추천 오늘의 특가와 혜택",
           "{org}", "[{org}] 고객님께 드리는 글"],
}
REFERENCE = {"en": "Notice reference: NL-{seed}-{index:05d}.", "ko": "문서번호: NL-{seed}-{index:05d}"}


@dataclass
class Corpus:
    """A generated corpus on disk: every file, and the English ones for the proselint comparison."""

    directory: Path
    count: int
    seed: int
    files: list[Path]
    english: list[Path]
    reused: bool = False


def templates(root: Path = ROOT) -> dict[tuple[str, str], list[Path]]:
    """The bundled notices by (language, suffix), sorted: samples/ and tests/corpus/ HTML and Markdown."""
    found: dict[tuple[str, str], list[Path]] = {kind: [] for kind in KINDS}
    for lang in ("en", "ko"):
        paths = list((root / "samples" / lang).glob("*")) + list((root / "tests" / "corpus" / lang).glob("*/*"))
        for path in sorted(paths):
            if (lang, path.suffix) in found:
                found[(lang, path.suffix)].append(path)
    return found


def fingerprint(found: dict[tuple[str, str], list[Path]]) -> str:
    """A hash of the templates' contents, so a reused corpus is rebuilt when a sample changes."""
    digest = hashlib.sha256(str(GENERATOR_VERSION).encode())
    for paths in found.values():
        for path in paths:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def make_notice(source: str, lang: str, suffix: str, rng: random.Random, seed: int, index: int) -> str:
    """One varied notice made from a template's text."""
    org = pick_org(source, lang, rng)
    text = swap_orgs(source, lang, org)
    text = shift_dates(text, lang, rng)
    text = vary_counts(text, rng)
    text = vary_phones(text, rng)
    text = swap_data_types(text, lang, rng)
    text = fix_phrases(text, lang, rng)
    flagged = rng.choice(FLAGGED[lang]) if rng.random() < 0.5 else None
    reference = REFERENCE[lang].format(seed=seed, index=index)
    if suffix == ".html":
        text = vary_html_body(text, rng, flagged, reference)
        text = vary_html_titles(text, lang, org[0], rng)
    else:
        text = vary_markdown_body(text, rng, flagged, reference)
        text = vary_markdown_titles(text, lang, org[0], rng)
    return text


def swap_orgs(text: str, lang: str, new: tuple[str, str]) -> str:
    """Put the new organisation's name in place of every bundled organisation's name."""
    for full, short in TEMPLATE_ORGS[lang]:
        text = text.replace(full, new[0])
        if short != full:
            text = re.sub(rf"\b{re.escape(short)}\b", new[1], text)
    return text


def main_org(text: str, lang: str) -> str:
    """The bundled organisation the template names most often."""
    return max(TEMPLATE_ORGS[lang], key=lambda org: text.count(org[0]))[0]


def has_final_consonant(word: str) -> bool:
    """Whether a Korean word ends in a final consonant (batchim), which picks its particles (이/가, 은/는)."""
    last = ord(word[-1]) - 0xAC00
    return 0 <= last < 11172 and last % 28 != 0


def pick_org(text: str, lang: str, rng: random.Random) -> tuple[str, str]:
    """A new organisation; in Korean one whose name takes the same particles as the one it replaces."""
    options = NEW_ORGS[lang]
    if lang == "ko":
        final = has_final_consonant(main_org(text, lang))
        options = [org for org in options if has_final_consonant(org[0]) == final]
    return rng.choice(options)


MONTH_NAME = rf"\b({'|'.join(MONTHS)})\b(?: (\d{{1,2}})\b)?"  # March, March 3
KOREAN_MONTH = r"(?<!\d)(1[0-2]|0?[1-9])월(?:( ?)(\d{1,2})일)?"  # 9월, 9월 8일
DOTTED_DATE = r"(?<!\d)(20\d\d)\.(1[0-2]|0?[1-9])\.(\d{1,2})(?!\d)"  # 2025.11.29


def latest_month(text: str) -> int:
    """The latest month (1-12) any date in the text names; 1 if none."""
    months = [MONTHS.index(m.group(1)) + 1 for m in re.finditer(MONTH_NAME, text)]
    months += [int(m.group(1)) for m in re.finditer(KOREAN_MONTH, text)]
    months += [int(m.group(2)) for m in re.finditer(DOTTED_DATE, text)]
    return max(months, default=1)


def shift_dates(text: str, lang: str, rng: random.Random) -> str:
    """Move every month forward by 0-2, never past December so the order of the dates holds, and every
    year by -1..1; days above 28 become 28 so each date stays real."""
    months, years = rng.randint(0, min(2, 12 - latest_month(text))), rng.choice([-1, 0, 0, 1])
    text = re.sub(r"(?<!\d)(202[3-6])(?!\d)", lambda m: str(int(m.group(1)) + years), text)
    if lang == "en":
        return re.sub(MONTH_NAME, lambda m: MONTHS[MONTHS.index(m.group(1)) + months]
                      + (f" {min(int(m.group(2)), 28)}" if m.group(2) else ""), text)
    text = re.sub(KOREAN_MONTH, lambda m: f"{int(m.group(1)) + months}월"
                  + (f"{m.group(2)}{min(int(m.group(3)), 28)}일" if m.group(3) else ""), text)
    return re.sub(DOTTED_DATE, lambda m: f"{m.group(1)}.{int(m.group(2)) + months:02d}."
                  f"{min(int(m.group(3)), 28):02d}", text)


def vary_counts(text: str, rng: random.Random) -> str:
    """Scale every comma-grouped count (4,187; 311,052) by 0.3-3x, the same count the same way."""
    new: dict[str, str] = {}

    def scale(match: re.Match) -> str:
        old = match.group(0)
        if old not in new:
            new[old] = f"{max(1000, round(int(old.replace(',', '')) * rng.uniform(0.3, 3.0))):,}"
        return new[old]
    return re.sub(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])", scale, text)


def vary_phones(text: str, rng: random.Random) -> str:
    """New contact numbers in the same fictional ranges (1-8xx-555-01xx, 15xx-xxxx, 02-000-xxxx)."""
    new: dict[str, str] = {}

    def other(match: re.Match) -> str:
        old = match.group(0)
        if old not in new:
            if old.startswith("1-"):
                new[old] = f"1-{rng.choice([800, 833, 844, 855, 866, 877, 888])}-555-01{rng.randint(0, 99):02d}"
            elif old.startswith("02-"):
                new[old] = f"02-000-{rng.randint(0, 9999):04d}"
            else:
                new[old] = f"{rng.choice([1566, 1577, 1588, 1600, 1644, 1661, 1670])}-{rng.randint(0, 9999):04d}"
        return new[old]
    return re.sub(r"(?<![\d-])(?:1-8\d\d-555-\d{4}|1[5-6]\d\d-\d{4}|02-000-\d{4})(?![\d-])", other, text)


def swap_data_types(text: str, lang: str, rng: random.Random) -> str:
    """Swap two kinds of personal data the notice mentions (email address <-> date of birth)."""
    present = [term for term in DATA_TYPES[lang] if term in text]
    if len(present) < 2:
        return text
    a, b = rng.sample(present, 2)
    pattern = "|".join(re.escape(term) for term in sorted(DATA_TYPES[lang], key=len, reverse=True))
    return re.sub(pattern, lambda m: {a: b, b: a}.get(m.group(0), m.group(0)), text)


def fix_phrases(text: str, lang: str, rng: random.Random) -> str:
    """Replace some flagged phrases with plain wording, each with even odds."""
    for bad, good in FIXES[lang]:
        if bad in text and rng.random() < 0.5:
            text = text.replace(bad, good)
    return text


def vary_html_body(text: str, rng: random.Random, flagged: str | None, reference: str) -> str:
    """Drop one paragraph, swap two neighbouring ones, insert a flagged one, and add the reference after
    the first (each a <p>)."""
    start = text.find("<body")
    head, body = text[:start], text[start:]
    paragraphs = list(re.finditer(r"<p\b[^>]*>.*?</p>", body, re.DOTALL))
    pieces = [m.group(0) for m in paragraphs]
    if len(pieces) > 3 and rng.random() < 0.3:
        pieces[rng.randrange(1, len(pieces))] = ""
    if len(pieces) > 3 and rng.random() < 0.3:
        i = rng.randrange(1, len(pieces) - 1)
        if body[paragraphs[i].end():paragraphs[i + 1].start()].strip() == "":
            pieces[i], pieces[i + 1] = pieces[i + 1], pieces[i]
    if pieces and flagged:
        i = rng.randrange(len(pieces))
        pieces[i] += f"\n<p>{html.escape(flagged)}</p>"
    if pieces:
        pieces[0] += f"\n<p>{html.escape(reference)}</p>"
    out, last = [], 0
    for match, piece in zip(paragraphs, pieces):
        out += [body[last:match.start()], piece]
        last = match.end()
    return head + "".join(out) + body[last:]


def vary_html_titles(text: str, lang: str, org: str, rng: random.Random) -> str:
    """A new <title> and og:/twitter: title (or none), each picked from the language's title list."""
    title = html.escape(rng.choice(TITLES[lang]).format(org=org), quote=True)
    preview = html.escape(rng.choice(TITLES[lang]).format(org=org), quote=True)
    text = re.sub(r"<title>.*?</title>", f"<title>{title}</title>", text, count=1, flags=re.DOTALL)
    tag = re.compile(r'(<meta\s+(?:property|name)="(?:og|twitter):title"\s+content=")[^"]*(")')
    if rng.random() < 0.15:
        return tag.sub("", text)
    if tag.search(text):
        return tag.sub(lambda m: m.group(1) + preview + m.group(2), text)
    return text.replace("</head>", f'  <meta property="og:title" content="{preview}">\n</head>', 1)


def vary_markdown_body(text: str, rng: random.Random, flagged: str | None, reference: str) -> str:
    """The Markdown version of :func:`vary_html_body`, on blank-line-separated prose paragraphs."""
    front, body = split_front_matter(text)
    blocks = body.strip("\n").split("\n\n")
    prose = [i for i, block in enumerate(blocks) if i > 1 and block[:1].isalpha()]
    if len(prose) > 3 and rng.random() < 0.3:
        blocks[rng.choice(prose)] = ""
    neighbours = [i for i in prose if i + 1 in prose and blocks[i] and blocks[i + 1]]
    if neighbours and rng.random() < 0.3:
        i = rng.choice(neighbours)
        blocks[i], blocks[i + 1] = blocks[i + 1], blocks[i]
    if flagged:
        blocks.insert(rng.randrange(2, len(blocks) + 1) if len(blocks) > 2 else len(blocks), flagged)
    blocks.insert(min(1, len(blocks)), reference)
    return front + "\n\n".join(block for block in blocks if block) + "\n"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter including its closing --- line, or '', and the rest)."""
    match = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
    return (match.group(0), text[match.end():]) if match else ("", text)


def vary_markdown_titles(text: str, lang: str, org: str, rng: random.Random) -> str:
    """New title and og:title front-matter values; a notice without front matter may gain one."""
    front, body = split_front_matter(text)
    title, preview = (rng.choice(TITLES[lang]).format(org=org).replace('"', "'") for _ in range(2))
    if not front:
        return f'---\ntitle: "{title}"\nog:title: "{preview}"\n---\n\n' + body if rng.random() < 0.5 else text
    front = re.sub(r'(?m)^title: ".*"$', lambda _: f'title: "{title}"', front)
    if rng.random() < 0.15:
        front = re.sub(r'(?m)^(?:og|twitter):title: ".*"\n', "", front)
    elif re.search(r"(?m)^og:title:", front):
        front = re.sub(r'(?m)^((?:og|twitter):title): ".*"$', lambda m: f'{m.group(1)}: "{preview}"', front)
    else:
        front = front[:-4] + f'og:title: "{preview}"\n---\n'
    return front + body


def file_name(index: int, template: Path) -> str:
    return f"{index:05d}-{template.stem}{template.suffix}"


def plan(count: int, found: dict[tuple[str, str], list[Path]]) -> list[tuple[str, Path]]:
    """(language, template) for each index: the four language/format kinds in turn, templates in turn."""
    chosen = []
    for index in range(count):
        lang, suffix = KINDS[index % len(KINDS)]
        options = found[(lang, suffix)]
        chosen.append((lang, options[(index // len(KINDS)) % len(options)]))
    return chosen


def reusable(directory: Path, count: int, seed: int, stamp: str) -> Corpus | None:
    """The corpus already in ``directory`` if it was made with the same count, seed and templates."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if (manifest.get("count"), manifest.get("seed"), manifest.get("fingerprint")) != (count, seed, stamp):
        return None
    files = [directory / name for name in manifest["files"]]
    if not all(path.is_file() for path in files):
        return None
    english = [directory / name for name in manifest["english"]]
    return Corpus(directory, count, seed, files, english, reused=True)


def build_corpus(directory: Path, count: int = 1000, seed: int = 1, root: Path = ROOT) -> Corpus:
    """Write ``count`` notices under ``directory``/en and /ko (reusing a matching corpus) and a manifest."""
    found = templates(root)
    stamp = fingerprint(found)
    existing = reusable(directory, count, seed, stamp)
    if existing:
        return existing
    files: list[Path] = []
    for index, (lang, template) in enumerate(plan(count, found)):
        rng = random.Random(f"{seed}:{index}")
        text = make_notice(template.read_text("utf-8"), lang, template.suffix, rng, seed, index)
        path = directory / lang / file_name(index, template)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        files.append(path)
    english = [path for path in files if path.parent.name == "en"]
    manifest = {"count": count, "seed": seed, "fingerprint": stamp, "generator": GENERATOR_VERSION,
                "files": [str(p.relative_to(directory)) for p in files],
                "english": [str(p.relative_to(directory)) for p in english]}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1), "utf-8")
    (directory / "english.txt").write_text("".join(f"{p}\n" for p in english), "utf-8")
    return Corpus(directory, count, seed, files, english)
