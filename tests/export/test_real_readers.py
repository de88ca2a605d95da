"""The exports as the tools that read them see them: markdownlint, Marp CLI and pandoc.

A missing tool skips its tests with how to install it; `.ci/run` installs them all.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deck.core.imagefile import local_images
from deck.core.loader import load_deck, parse_deck
from deck.core.paths import bundled_deck
from deck.export import ExportOptions, export_deck

from ..conftest import ROOT

NODE_BIN = ROOT / ".ci" / "tools" / "node_modules" / ".bin"
DECKS = [bundled_deck(), *(ROOT / "tests" / "decks" / name for name in ("awkward.yaml", "showcase.yaml", "figures.yaml"))]
NPM_HINT = "npm install --prefix .ci/tools (or run bash .ci/run)"


def deck_slide_pauses(slide) -> int:
    from deck.core.reveal import pauses

    return pauses(slide)


def tool(name: str, hint: str) -> str:
    found = shutil.which(name) or (str(NODE_BIN / name) if (NODE_BIN / name).exists() else None)
    if found is None:
        pytest.skip(f"{name} is not installed; install it with: {hint}")
    return found


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=180)


def marp_page(markdown: str, folder: Path) -> Path:
    """The page Marp CLI makes of an exported deck (the test skips without Marp CLI)."""
    marp = tool("marp", NPM_HINT)
    source = folder / "deck.md"
    source.write_text(markdown, encoding="utf-8")
    result = run(marp, "--no-stdin", str(source), "-o", str(folder / "deck.html"), cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "deck.html"


def marp_measured(page: Path) -> dict:
    """Every slide of a Marp page measured in headless Chromium at 1280x720: {'count': n, 'bad': [...]}."""
    node_modules = ROOT / ".ci" / "tools" / "node_modules"
    if shutil.which("node") is None or not (node_modules / "playwright-core").is_dir() or not os.path.exists("/usr/bin/chromium"):
        pytest.skip("node, playwright-core and Chromium are needed (bash .ci/run installs them)")
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "browser" / "marp_check.js"), str(page)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "NODE_PATH": str(node_modules)},
    )  # fmt: skip
    report: dict = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_markdownlint_finds_nothing_in_the_handout(path, tmp_path):
    lint = tool("markdownlint", NPM_HINT)
    out = tmp_path / "handout.md"
    out.write_text(export_deck(load_deck(path), "markdown"), encoding="utf-8")
    result = run(lint, "--disable", "MD013", "--", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_marp_makes_one_slide_per_deck_slide_with_its_notes(path, tmp_path):
    deck = load_deck(path)
    page = marp_page(export_deck(deck, "marp"), tmp_path).read_text(encoding="utf-8")
    assert len(re.findall(r"<section\b", page)) == len(deck.slides)
    assert not any(deck_slide_pauses(s) for s in deck.slides)  # these decks have no pause (builds: below)
    assert "<script>alert" not in page
    # Marp puts each slide's presenter notes in a note element with the slide's index
    notes = dict(re.findall(r'<div class="bespoke-marp-note" data-index="(\d+)"[^>]*>(.*?)</div>', page, re.S))
    assert sorted(map(int, notes)) == list(range(len(deck.slides)))
    for index, slide in enumerate(deck.slides):
        chunk = notes[str(index)]
        first_line = next(line for line in slide.notes.splitlines() if line.strip())
        words = re.findall(r"[A-Za-z]{4,}", first_line)[:3]
        assert all(w in chunk for w in words), (slide.title, chunk[:200])


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_pandoc_makes_reveal_slides_with_speaker_notes(path, tmp_path):
    pandoc = tool("pandoc", "apt-get install -y pandoc")
    deck = load_deck(path)
    source = tmp_path / "deck.md"
    source.write_text(export_deck(deck, "pandoc"), encoding="utf-8")
    result = run(pandoc, "-t", "revealjs", "-s", str(source), "-o", str(tmp_path / "deck.html"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<section id="[^"]*"\s+class="slide level2[ "]', page)) == len(deck.slides)
    assert page.count('<aside class="notes">') == len(deck.slides)
    assert "<script>alert" not in page


def test_headings_in_speaker_notes_stay_in_the_notes_in_pandoc(tmp_path):
    """Found while checking: a heading in the notes (written '# Plan', or a line under '--') made pandoc
    end the notes there and start a section of its own, which reveal.js shows as a slide."""
    pandoc = tool("pandoc", "apt-get install -y pandoc")
    text = (
        "title: T\nslides:\n"
        '  - {title: One, confidence: reported, notes: "# Plan\\n\\nSay this."}\n'
        '  - {title: Two, confidence: reported, notes: "--\\n--"}\n'
        '  - {title: Three, confidence: reported, notes: "Setext\\n===\\n\\nthen more"}\n'
    )
    deck = parse_deck(text, "t.yaml").deck
    assert deck is not None
    source = tmp_path / "deck.md"
    source.write_text(export_deck(deck, "pandoc"), encoding="utf-8")
    result = run(pandoc, "-t", "revealjs", "-s", str(source), "-o", str(tmp_path / "deck.html"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert page.count('<aside class="notes">') == 3 and 'class="notes"' not in page.replace('<aside class="notes">', "")
    assert "<strong>Plan</strong>" in page and "Say this." in page and "<strong>Setext</strong>" in page


HOSTILE = ROOT / "tests" / "decks" / "hostile.yaml"
ACTIVE = [
    re.compile(r"\son(?:error|load)\s*=", re.I),
    re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", re.I),
]


def active_content(page: str) -> list[str]:
    """Scripts, event handlers and script links in a rendered page, outside text that shows them escaped."""
    found = []
    for tag in re.findall(r"<[^>]+>", page):  # only inside tags: escaped text (&lt;script&gt;) is harmless
        found += [tag for pattern in ACTIVE if pattern.search(tag)]
    found += re.findall(r"<script\b[^>]*>[^<]*alert\([^<]*</script>", page, re.I)  # the tools' own scripts never alert
    return found


@pytest.mark.parametrize(("fmt", "args"), [("pandoc", ["-t", "revealjs", "-s"]), ("markdown", ["-s", "--metadata", "title=handout"])])
def test_pandoc_renders_no_active_content_from_a_hostile_deck(tmp_path, fmt, args):
    pandoc = tool("pandoc", "apt-get install -y pandoc")
    source = tmp_path / "deck.md"
    source.write_text(export_deck(load_deck(HOSTILE), fmt), encoding="utf-8")
    result = run(pandoc, *args, str(source), "-o", str(tmp_path / "deck.html"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert active_content(page) == []
    assert 'href="https://example.com"' in page  # ordinary links still work


def test_marp_renders_no_active_content_from_a_hostile_deck(tmp_path):
    page = marp_page(export_deck(load_deck(HOSTILE), "marp"), tmp_path)
    assert active_content(page.read_text(encoding="utf-8")) == []


FIT_DECKS = [
    bundled_deck(),
    *(
        ROOT / "tests" / "decks" / name
        for name in ("showcase.yaml", "awkward.yaml", "presenter-awkward.yaml", "pacing.yaml", "figures.yaml", "pictures.yaml", "line-steps.yaml")
    ),
]
SIZES = [26, 22, 19, 16, 14, 12]  # Marp's type sizes, the theme's first


@pytest.mark.parametrize("path", FIT_DECKS, ids=lambda p: p.stem)
def test_marp_slides_fit_above_their_footer_at_1280x720(path, tmp_path):
    """Rendered by Marp CLI and measured in headless Chromium: no slide is cut off or runs into the footer."""
    deck = load_deck(path)
    text = export_deck(deck, "marp", ExportOptions(out_dir=str(tmp_path)))
    report = marp_measured(marp_page(text, tmp_path))
    assert report["count"] == len(deck.slides) + text.count("<!-- _paginate: hold -->")  # and a build per pause
    assert report["bad"] == []
    # and type no smaller than it needs: at most one size below the largest at which the slide fits (the
    # estimate is rough), two for one slide at most, measured by trying each size in Chromium
    behind = [SIZES.index(actual) - SIZES.index(best) for _, actual, best in report["sizes"] if actual in SIZES and best in SIZES]
    assert max(behind, default=0) <= 2 and sum(1 for steps in behind if steps == 2) <= 1, report["sizes"]
    written = sum(len(local_images(s.body or "")) for s in deck.slides)  # images in Markdown, beside `image:` ones
    beside = sum(1 for s in deck.slides for p in s.images if p.place == "right")  # Marp draws those as split backgrounds, not <img>
    assert report["brokenImages"] == [] and report["images"] == sum(len(s.pictures()) for s in deck.slides) - beside + written


ORDINARY = """\
title: Ordinary Markdown
slides:
  - title: Constructs people write
    confidence: reported
    notes: Nothing special.
    points:
      - "**Cost:** about $2 a month"
      - "*Stress* and `code` and a [link](https://example.com/a)"
      - "See <https://example.com/auto> for more"
    body: |
      > A quote, as written.

      ### A small heading

      Setext heading
      --------------

      - a list item
      - another

      1. first
      2. second

      A paragraph with **bold**, _emphasis_ and a <https://example.com/b> link.
"""


@pytest.mark.parametrize("fmt", ["markdown", "pandoc"])
def test_ordinary_markdown_survives_export_as_written(tmp_path, fmt):
    """Rendered with pandoc: no literal escapes (\\\\*, \\\\#, \\\\---, &gt; quotes, &lt; links), every construct intact."""
    from deck.core.loader import parse_deck

    pandoc = tool("pandoc", "apt-get install -y pandoc")
    deck = parse_deck(ORDINARY).deck
    assert deck is not None
    source = tmp_path / "deck.md"
    source.write_text(export_deck(deck, fmt), encoding="utf-8")
    args = ["-t", "revealjs", "-s"] if fmt == "pandoc" else ["-s", "--metadata", "title=handout"]
    result = run(pandoc, *args, str(source), "-o", str(tmp_path / "deck.html"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "deck.html").read_text(encoding="utf-8")
    for literal in ("\\\\*", "\\\\#", "\\\\---", "&amp;gt;", "&amp;lt;", "&lt;https"):
        assert literal not in page, literal
    assert "<strong>Cost:</strong>" in page
    assert "<em>Stress</em>" in page and "<code>code</code>" in page
    assert 'href="https://example.com/a"' in page and 'href="https://example.com/auto"' in page and 'href="https://example.com/b"' in page
    assert "<blockquote>" in page
    assert re.search(r"<h[3-6][^>]*>A small heading</h[3-6]>", page) and re.search(r"<h[2-6][^>]*>Setext heading</h[2-6]>", page)
    assert "<ol" in page and page.count("<li") >= 4
    if fmt == "pandoc":
        assert len(re.findall(r'class="slide level2[ "]', page)) == 1  # a body's headings never start a slide


def test_marp_shows_a_bodys_pause_as_a_build_with_the_same_page_number(tmp_path):
    # Marp steps only list items: a body's <!-- pause --> showed the slide whole from the start
    deck = load_deck(ROOT / "tests" / "decks" / "pacing.yaml")
    page = marp_page(export_deck(deck, "marp"), tmp_path).read_text(encoding="utf-8")
    sections = re.findall(r"<section\b[^>]*>.*?</section>", page, re.S)
    steps = [s for s in sections if re.search(r"<h2[^>]*>Steps</h2>", s)]
    assert len(steps) == 2 and len(sections) == len(deck.slides) + 1
    assert "First part." in steps[0] and "Second part." not in steps[0] and "Three" not in steps[0]
    assert "First part." in steps[1] and "Second part." in steps[1] and "Three" in steps[1]
    numbers = [re.search(r'data-marpit-pagination="(\d+)"', s).group(1) for s in steps]
    assert numbers[0] == numbers[1]  # one slide to the audience: the build keeps its page number
    notes = dict(re.findall(r'<div class="bespoke-marp-note" data-index="(\d+)"[^>]*>(.*?)</div>', page, re.S))
    assert all("Say the steps" in notes[str(sections.index(s))] for s in steps)  # the speaker sees them throughout


def test_marp_joins_a_paragraphs_wrapped_lines_as_markdown_does(tmp_path):
    from deck.core.loader import parse_deck

    deck = parse_deck(
        "title: T\nslides:\n  - title: A\n    confidence: reported\n    notes: n\n    body: |\n"
        "      One sentence that the author's editor\n      wrapped at a column.\n\n      - a list\n      - stays a list\n"
    ).deck
    assert deck is not None
    page = marp_page(export_deck(deck, "marp"), tmp_path).read_text(encoding="utf-8")
    assert (
        "One sentence that the author&#39;s editor wrapped at a column." in page
        or "One sentence that the author's editor wrapped at a column." in page
    )
    assert "<br" not in page.split("<section", 1)[1].split("</section>", 1)[0]
    assert page.count("<li>") >= 2


def test_marp_puts_columns_side_by_side(tmp_path):
    deck = load_deck(ROOT / "tests" / "decks" / "showcase.yaml")
    page = marp_page(export_deck(deck, "marp"), tmp_path).read_text(encoding="utf-8")
    row = re.search(r"<tr>\s*<th[^>]*><strong>Confirmed</strong></th>\s*<th[^>]*><strong>Rumoured</strong></th>", page)
    assert row, "the two columns head one table, side by side"
    assert re.search(r"<td>● The paper is public.*?<br ?/?>● The commit is visible", page)


def test_marp_shows_emoji_as_text_and_fetches_no_twemoji_picture(tmp_path):
    from deck.core.loader import parse_deck

    text = 'title: Party\nslides:\n  - title: A 🎉 party\n    points: ["plain 🎉 and :rocket:", "keycap 1️⃣ and flag 🇫🇷", "in code `🎉`"]\n'
    deck = parse_deck(text, str(tmp_path / "party.yaml")).deck
    page = marp_page(export_deck(deck, "marp"), tmp_path).read_text(encoding="utf-8")
    slide = page.split("<section", 1)[1].split("</section>", 1)[0]
    assert "<img" not in slide and "cdn.jsdelivr.net" not in page  # Marp draws a literal emoji as a picture from the web
    assert "A 🎉 party" in slide and "plain 🎉 and 🚀" in slide and "keycap 1️⃣ and flag 🇫🇷" in slide
    assert "<code>🎉\ufe0e</code>" in slide  # in code, a reference would show as written: the emoji asks for text presentation


def test_a_slide_too_dense_for_any_type_size_is_split_into_cont_slides(tmp_path, capsys):
    from deck.cli import main

    points = "".join(
        f"      - text: Claim {i} that goes on for a while to fill the line with words and more words\n        sources: [s{i % 3}]\n"
        for i in range(45)
    )
    path = tmp_path / "dense.yaml"
    path.write_text(
        "title: Dense\nsources: {s0: Zero, s1: One, s2: Two}\nslides:\n  - title: Everything at once\n    confidence: reported\n"
        f"    notes: n\n    points:\n{points}"
    )
    out = tmp_path / "dense.marp.md"
    assert main(["export", str(path), "-o", str(out)]) == 0
    said = capsys.readouterr().err
    assert "split off too-dense slides as '(cont.)'" in said
    text = out.read_text()
    assert "## Everything at once (cont.)" in text  # numbers kept on every piece, listed in order
    assert text.count("Sources: [1] Zero; [2] One; [3] Two") == text.count("## Everything at once")
    report = marp_measured(marp_page(text, tmp_path))
    assert report["count"] >= 2 and report["bad"] == []


@pytest.mark.parametrize("path", [bundled_deck(), ROOT / "tests" / "decks" / "figures.yaml"], ids=lambda p: p.stem)
def test_marp_draws_charts_and_timelines_from_files_beside_it(path, tmp_path, capsys):
    # Marp took charts and timelines as tables: it takes no SVG inside the page, so deck writes them beside it
    from deck.cli import main

    deck = load_deck(path)
    drawn = sum(bool(s.chart and s.chart.bars) + bool(s.timeline) for s in deck.slides if s.layout is None)
    out = tmp_path / "talk.marp.md"
    assert main(["export", str(path), "-o", str(out)]) == 0
    assert re.search(rf"; {drawn} drawings in \S*talk\.figures/", capsys.readouterr().err)
    assert len(list((tmp_path / "talk.figures").glob("*.svg"))) == drawn  # named after the export
    text = out.read_text(encoding="utf-8")
    assert "| Item | Value |" not in text and "| When | Event |" not in text  # no table in their place
    report = marp_measured(marp_page(text, tmp_path))
    assert report["bad"] == [] and report["brokenImages"] == []
    assert report["images"] == drawn + sum(len(s.pictures()) + len(local_images(s.body or "")) for s in deck.slides) - sum(
        1 for s in deck.slides for p in s.images if p.place == "right"
    )


def test_marp_to_standard_output_keeps_tables(capsys):
    from deck.cli import main

    assert main(["export", str(ROOT / "tests" / "decks" / "figures.yaml"), "-f", "marp"]) == 0
    assert "| Item | Value |" in capsys.readouterr().out  # no file to put a drawing beside


def test_marp_takes_a_pictures_alt_text_as_words_not_keywords(tmp_path):
    # Marp reads each word of an alt text as a keyword where it can: 'bg' made a picture the slide's background
    (tmp_path / "sunrise.png").write_bytes((ROOT / "tests" / "decks" / "pictures" / "sunrise.png").read_bytes())
    (tmp_path / "t.yaml").write_text("title: T\nslides:\n  - title: S\n    image: {path: sunrise.png, alt: 'a sepia bg photo'}\n")
    page = marp_page(export_deck(load_deck(tmp_path / "t.yaml"), "marp", ExportOptions(out_dir=str(tmp_path))), tmp_path).read_text()
    assert 'data-marpit-advanced-background="background">' not in page and "sepia(" not in page  # no background, no tint
    assert '<img src="sunrise.png" alt="a sepia bg photo"' in page.replace("\u200b", "")  # the words, as written


def marp_deck(tmp_path: Path, slides: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text("title: T\nslides:\n" + slides, encoding="utf-8")
    return path


def test_marp_drawings_of_two_exports_in_one_folder_and_of_slides_on_one_line_never_share_a_file(tmp_path, capsys):
    # a fresh review: a filtered export overwrote the other's chart, and a flow-style deck's two charts one file
    from deck.cli import main

    path = marp_deck(
        tmp_path,
        "  [{title: A, chart: {items: [{label: Kept, value: 2, confidence: confirmed}, {label: Gone, value: 1, confidence: unverified}]}},"
        " {title: B, chart: {items: [{label: Other, value: 3}]}}]\n",
    )
    path.write_text(path.read_text().replace("slides:\n  [", "slides: ["), encoding="utf-8")
    assert main(["export", str(path), "-o", str(tmp_path / "all.marp.md")]) == 0
    assert main(["export", str(path), "--min-confidence", "confirmed", "-o", str(tmp_path / "sure.marp.md")]) == 0
    every = sorted(p.name for p in (tmp_path / "all.figures").glob("*.svg"))
    assert every == ["chart-1.svg", "chart-2.svg"]
    assert "Gone" in (tmp_path / "all.figures" / "chart-1.svg").read_text() and "Gone" not in (tmp_path / "sure.figures" / "chart-1.svg").read_text()
    assert "Other" in (tmp_path / "all.figures" / "chart-2.svg").read_text()


def test_marp_refuses_to_write_a_drawing_through_a_link_and_writes_nothing(tmp_path, capsys):
    from deck.cli import main

    path = marp_deck(tmp_path, "  - {title: A, chart: {items: [{label: x, value: 1}]}}\n")
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    (tmp_path / "talk.figures").mkdir()
    (tmp_path / "talk.figures" / "chart-1.svg").symlink_to(precious)
    assert main(["export", str(path), "-o", str(tmp_path / "talk.marp.md")]) == 2
    assert "is a link or not a folder" in capsys.readouterr().err
    assert precious.read_text() == "keep me" and not (tmp_path / "talk.marp.md").exists()


def test_marp_keeps_chart_labels_words_and_draws_a_chart_too_tall_to_read_as_a_table(tmp_path):
    # a fresh review: labels with 'blur' or 'sepia' and a source number tinted the chart; a backslash at the end
    # of a label broke its image; a 60-bar chart was drawn 3 px high per line
    items = "[{label: 'Motion blur removed', value: 90, sources: [s]}, {label: 'Old sepia prints', value: 40}, {label: 'C:\\data\\', value: 5}]"
    many = "[" + ", ".join(f"{{label: item {n}, value: {n + 1}}}" for n in range(60)) + "]"
    path = marp_deck(tmp_path, f"  - {{title: A, sources: [s], chart: {{items: {items}}}}}\n  - {{title: B, chart: {{items: {many}}}}}\n")
    path.write_text("sources: {s: A source}\n" + path.read_text(), encoding="utf-8")
    deck = load_deck(path)
    options = ExportOptions(out_dir=str(tmp_path), drawings=True, out_name="talk.marp.md")
    text = export_deck(deck, "marp", options)
    from deck.export import side_files

    for relative, data in side_files(deck, "marp", options, text.encode()).items():
        (tmp_path / relative).parent.mkdir(exist_ok=True)
        (tmp_path / relative).write_bytes(data)
    assert "talk.figures/chart-1.svg" in text and "talk.figures/chart-2.svg" not in text and "| item 59 | 60 |" in text
    page = marp_page(text, tmp_path).read_text(encoding="utf-8")
    image = re.search(r'<img src="talk.figures/chart-1.svg"[^>]*>', page)
    assert image is not None and "filter" not in image.group(0)  # drawn, untinted
    alt = image.group(0).replace("\u200b", "")
    assert "Motion blur removed" in alt and "Old sepia prints" in alt  # its words kept (a label ending in \\ no longer breaks it)
    assert 'advanced-background="background">' not in page


def test_marp_builds_a_pause_between_points_too():
    # presenterm's habit, '- <!-- pause -->' among the points: its step was shown whole in Marp
    deck = parse_deck("title: T\nslides:\n  - title: Points\n    points:\n      - One\n      - <!-- pause -->\n      - Two\n", "t.yaml").deck
    first, second = [page for page in export_deck(deck, "marp").split("\n---\n") if "## Points" in page]
    assert "One" in first and "Two" not in first
    assert "<!-- _paginate: hold -->" in second and "One" in second and "Two" in second
