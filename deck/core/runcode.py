"""Runnable code blocks: a fence whose info string carries `+exec` (or `+exec_replace`), the program that
would run it, and how its output shows on the slide.

Nothing here starts a process. The presenter runs a block, and only when started with `--run-code`;
`deck check` lists what a deck would run; the exports show the code, and with `--with-output` the output
a rehearsal recorded (`recorded_outputs`), never a new run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import shutil
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .fences import closes, fence_of
from .text import strip_unsafe

EXEC, EXEC_REPLACE = "+exec", "+exec_replace"
HIDDEN = "/// "  # a line that runs but never shows (presenterm's prefix for languages other than Rust)
DEFAULT_TIMEOUT_S = 30.0

# The languages deck runs, each by one program found on PATH, given the code as an argument.
INTERPRETERS: dict[str, tuple[str, ...]] = {
    "bash": ("bash", "-c"),
    "sh": ("sh", "-c"),
    "shell": ("sh", "-c"),
    "zsh": ("zsh", "-c"),
    "python": ("python3", "-c"),
    "python3": ("python3", "-c"),
    "py": ("python3", "-c"),
    "node": ("node", "-e"),
    "javascript": ("node", "-e"),
    "js": ("node", "-e"),
    "ruby": ("ruby", "-e"),
    "rb": ("ruby", "-e"),
    "perl": ("perl", "-e"),
}

MAX_LINES = 500  # kept of a run's output: the last ones (a demo that prints forever keeps its latest lines)
MAX_LINE = 1000  # characters of one line kept
SHOWN_LINES = 20  # drawn under the code: the last ones, after a line saying how many came before


@dataclass(frozen=True)
class Block:
    """One runnable fence: its language, the code that runs, and the code that shows."""

    language: str
    code: str  # what runs: hidden lines included, without their prefix
    shown: str  # what shows: the code without its hidden lines
    replace: bool  # +exec_replace: once it has run, its output shows instead of its code
    line: int  # the fence's line in its text, from 0

    @property
    def key(self) -> str:
        """What names the block's output (the same code in the same language shares it)."""
        return f"{self.language}\n{self.code}"


@dataclass(frozen=True)
class Output:
    """What a run printed (stdout and stderr together, cleaned) and how it ended."""

    text: str
    status: str  # 'running…', 'exit 0', 'stopped', 'killed after 30 s', 'not run: …'
    recorded: str | None = None  # the date a rehearsal recorded it (an export's output), else None

    @property
    def running(self) -> bool:
        return self.status == RUNNING


RUNNING = "running…"


class NoInterpreter(Exception):
    """Why a block cannot run here, in words for the presenter."""


def _fences(text: str) -> Iterator[tuple[int, int, str, str, list[str]]]:
    """Each fenced block: (first line, line after it, marker, info string, code lines)."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        marker = fence_of(lines[index])
        if marker is None:
            index += 1
            continue
        info = lines[index].strip()[len(marker) :].strip()
        end = index + 1
        while end < len(lines) and not closes(lines[end], marker):
            end += 1
        yield index, min(end + 1, len(lines)), marker, info, lines[index + 1 : end]
        index = end + 1


def _runnable(info: str) -> tuple[str, bool] | None:
    """(language, replace) for an info string that asks to run, else None."""
    words = info.split()
    if len(words) < 2 or not ({EXEC, EXEC_REPLACE} & set(words[1:])):
        return None
    return words[0].lower(), EXEC_REPLACE in words[1:]


def blocks(text: str | None) -> list[Block]:
    """The runnable blocks of deck Markdown, in order."""
    if not text or EXEC not in text:
        return []
    found = []
    for start, _, _, info, code in _fences(text):
        asked = _runnable(info)
        if asked is not None:
            runs = [line.removeprefix(HIDDEN) if line.startswith(HIDDEN) else line for line in code]
            shows = [line for line in code if not line.startswith(HIDDEN)]
            found.append(Block(asked[0], "\n".join(runs), "\n".join(shows), asked[1], start))
    return found


def slide_blocks(body: str | None, columns: tuple[str | None, ...] = ()) -> list[Block]:
    """A slide's runnable blocks: its body's, then each column's."""
    return blocks(body) + [block for text in columns for block in blocks(text)]


def command(block: Block) -> list[str]:
    """The program and arguments that run `block`. Raises NoInterpreter."""
    program = INTERPRETERS.get(block.language)
    if program is None:
        known = ", ".join(sorted({p[0] for p in INTERPRETERS.values()}))
        raise NoInterpreter(f"deck does not run '{block.language}' blocks (it runs {known})")
    found = shutil.which(program[0])
    if found is None:
        raise NoInterpreter(f"'{program[0]}' is not installed here (not found on PATH), so this {block.language} block cannot run")
    return [found, *program[1:], block.code]


def _fence_for(text: str) -> str:
    """A backtick fence longer than any run of backticks in `text`: output can never close it."""
    longest, run = 0, 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def output_markdown(output: Output) -> str:
    """An output as a plain-text code block: its last lines, then how it ended."""
    lines = output.text.split("\n") if output.text else []
    if len(lines) > SHOWN_LINES:
        lines = [f"… {len(lines) - SHOWN_LINES} earlier lines", *lines[-SHOWN_LINES:]]
    status = output.status + (f" · recorded {output.recorded}" if output.recorded else "")
    body = "\n".join([*lines, f"── {status} ──"])
    fence = _fence_for(body)
    return f"{fence}text\n{body}\n{fence}"


def with_outputs(text: str | None, outputs: Mapping[str, Output]) -> str | None:
    """Deck Markdown as it shows: each runnable fence with its info string down to the language and its
    hidden lines gone, then its output where it has one (in place of it, for +exec_replace)."""
    if not text or EXEC not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    for start, after, marker, info, code in _fences(text):
        asked = _runnable(info)
        if asked is None:
            continue
        out += lines[done:start]
        done = after
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        block = next(b for b in blocks("\n".join(lines[start:after])))
        output = outputs.get(block.key)
        if not (block.replace and output is not None and not output.running):
            groups = re.search(r"\{[^{}]*\}\s*$", info)  # its line groups, highlighted a group at a time, stay
            shown = f"{info.split()[0]} {groups[0].strip()}" if groups else info.split()[0]
            out += [f"{indent}{marker}{shown}", *(line for line in code if not line.startswith(HIDDEN)), f"{indent}{marker}"]
        if output is not None:
            out += ["", *(indent + line for line in output_markdown(output).split("\n"))]
    out += lines[done:]
    return "\n".join(out)


class OutputBuffer:
    """A run's output as it arrives: bytes decoded as UTF-8 (bad bytes replaced), a carriage return
    starting its line again (progress bars), escape sequences and control characters removed, and only
    the last MAX_LINES lines of at most MAX_LINE characters kept."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._lines: deque[str] = deque(maxlen=MAX_LINES)
        self._partial = ""
        self.dropped = 0  # lines no longer kept

    def feed(self, data: bytes) -> None:
        text = self._partial + self._decoder.decode(data)
        *complete, self._partial = text.replace("\r\n", "\n").split("\n")
        for line in complete:
            if len(self._lines) == MAX_LINES:
                self.dropped += 1
            self._lines.append(_clean_line(line))
        if len(self._partial) > 4 * MAX_LINE:  # a line that never ends is still bounded
            self._partial = self._partial[-4 * MAX_LINE :]

    def text(self) -> str:
        lines = list(self._lines)
        if self._partial:
            lines.append(_clean_line(self._partial))
        if self.dropped:
            lines.insert(0, f"… {self.dropped} lines dropped")
        return "\n".join(lines)


def _clean_line(line: str) -> str:
    line = line.rsplit("\r", 1)[-1]  # what a terminal would show after the last carriage return
    line = strip_unsafe(line).expandtabs(4)
    return line if len(line) <= MAX_LINE else line[:MAX_LINE] + "…"


# -- outputs recorded at a rehearsal, for the exports --------------------------------------------------

MAX_RECORD_BYTES = 4_000_000


def record_path(deck_path: str) -> Path:
    """Where a rehearsal's outputs are kept: beside the deck, `talk.outputs.json` for `talk.yaml`."""
    path = Path(deck_path)
    return path.with_name(path.stem + ".outputs.json")


def record_json(outputs: Mapping[str, Output], blocks_by_key: Mapping[str, Block], when: dt.date) -> str:
    """The recorded outputs as data: each block's language, code, output and how it ended, with the date."""
    entries = [
        {
            "language": blocks_by_key[key].language,
            "code": blocks_by_key[key].code,
            "output": output.text,
            "status": output.status,
            "recorded": output.recorded or when.isoformat(),
        }
        for key, output in outputs.items()
        if key in blocks_by_key and not output.running
    ]
    return json.dumps({"recorded": when.isoformat(), "blocks": entries}, indent=2, ensure_ascii=False) + "\n"


class RecordProblem(Exception):
    """Why a recorded-outputs file cannot be used."""


def recorded_outputs(text: str) -> dict[str, Output]:
    """The outputs a rehearsal recorded (see `record_json`), each marked with its date. Raises RecordProblem."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise RecordProblem(f"not JSON ({exc})") from None
    except RecursionError:  # [[[[...]]]] nested past Python's limit
        raise RecordProblem("nested too deeply to be a record of outputs") from None
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list) or not isinstance(data.get("recorded"), str):
        raise RecordProblem("expected {'recorded': DATE, 'blocks': [...]}, as `deck present --run-code --record-output` writes")
    try:
        when = dt.date.fromisoformat(data["recorded"]).isoformat()
    except ValueError:
        raise RecordProblem(f"'recorded' is not a date: {data['recorded'][:40]!r}") from None
    outputs = {}
    for entry in data["blocks"]:
        fields = ("language", "code", "output", "status")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(name), str) for name in fields):
            raise RecordProblem(f"each block needs the strings {', '.join(fields)}")
        text_out = "\n".join(_clean_line(line) for line in entry["output"].split("\n")[-MAX_LINES:])
        own = entry.get("recorded")
        try:
            date = dt.date.fromisoformat(own).isoformat() if isinstance(own, str) else when
        except ValueError:
            date = when
        outputs[f"{entry['language']}\n{entry['code']}"] = Output(text_out, strip_unsafe(entry["status"])[:80], recorded=date)
    return outputs


def load_record(deck_path: str) -> dict[str, Output]:
    """The outputs recorded beside the deck at `deck_path`. Raises OSError (none there), RecordProblem."""
    from .files import read_regular

    data = read_regular(record_path(deck_path), MAX_RECORD_BYTES)
    if len(data) > MAX_RECORD_BYTES:
        raise RecordProblem(f"larger than {MAX_RECORD_BYTES // 1_000_000} MB")
    return recorded_outputs(data.decode("utf-8", errors="replace"))
