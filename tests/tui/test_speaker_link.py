"""The speaker view and the audience view follow each other over a private Unix socket."""

from __future__ import annotations

import asyncio
import os
import stat

import pytest

from deck.core.document import DeckDocument
from deck.link import decode, encode, socket_path
from deck.tui.app import make_app
from deck.tui.speaker_app import make_speaker_app

from ..conftest import ROOT, notified, until

SHOWCASE = ROOT / "tests" / "decks" / "showcase.yaml"


pytestmark = pytest.mark.usefixtures("private_runtime_dir")


def audience(path=SHOWCASE, **kwargs):
    return make_app(DeckDocument.load(path), link=True, clock=lambda: 0.0, **kwargs)


def speaker(path=SHOWCASE):
    return make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0, wall_clock=lambda: 0.0)


async def test_both_views_follow_each_other():
    aud, spk = audience(), speaker()
    async with aud.run_test(size=(120, 40)) as a, spk.run_test(size=(120, 40)) as s:
        await until(s, lambda: spk.speaker.connected)
        await a.press("right")
        await until(s, lambda: spk.speaker.index == 1)
        await s.press("right", "right")
        await until(a, lambda: aud.presenter.index == 3)
        assert spk.speaker.index == 3
        await s.press("home")
        await until(a, lambda: aud.presenter.index == 0)


async def test_speaker_view_waits_and_reconnects_when_the_audience_view_returns():
    spk = speaker()
    async with spk.run_test(size=(120, 40)) as s:
        await s.pause()
        assert not spk.speaker.connected
        assert "waiting for `deck present`" in str(spk.speaker.query_one("#speaker-link").content)
        aud = audience(start=2)
        async with aud.run_test(size=(120, 40)):
            await until(s, lambda: spk.speaker.connected and spk.speaker.index == 2)
        await until(s, lambda: not spk.speaker.connected)
        assert any("audience view closed" in m for m in notified(spk))
        # the audience view restarts on slide 2 (index 1): it adopts the speaker's position, not the reverse
        again = audience(start=1)
        async with again.run_test(size=(120, 40)) as a:
            await until(a, lambda: spk.speaker.connected and again.presenter.index == 2)
            assert spk.speaker.index == 2
            await s.press("right")
            await until(a, lambda: again.presenter.index == 3)


async def test_two_decks_at_once(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(SHOWCASE.read_text().replace("title: Showcase deck", "title: Other deck", 1))
    assert socket_path(other) != socket_path(SHOWCASE)
    aud1, aud2, spk1, spk2 = audience(), audience(other), speaker(), speaker(other)
    async with aud1.run_test() as a1, aud2.run_test() as a2, spk1.run_test() as s1, spk2.run_test() as s2:
        await until(s1, lambda: spk1.speaker.connected and spk2.speaker.connected)
        await a1.press("end")
        await a2.press("right")
        await until(s1, lambda: spk1.speaker.index == 3 and spk2.speaker.index == 1)
        await s2.press("right")
        await until(a2, lambda: aud2.presenter.index == 2)
        assert aud1.presenter.index == 3


async def test_the_socket_is_private(private_runtime_dir):
    aud = audience()
    async with aud.run_test() as a:
        await until(a, lambda: aud.link is not None)
        path = socket_path(SHOWCASE)
        assert stat.S_ISSOCK(path.stat().st_mode)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not path.exists()  # removed when the audience view closes


async def test_garbage_on_the_socket_does_not_disturb_the_presenter():
    aud = audience()
    async with aud.run_test() as a:
        await until(a, lambda: aud.link is not None)
        reader, writer = await asyncio.open_unix_connection(str(socket_path(SHOWCASE)))
        assert decode(await reader.readline()) == {
            "slide": 0,
            "step": 0,
            "shown": -1,
            "talk": 0,
            "blanked": 0,
        }  # -1: every level; no time yet; not blank
        writer.write(b"not json\n[1,2]\n" + b"x" * 10_000 + b"\n" + encode({"goto": 2}))
        await writer.drain()
        await a.pause(0.2)
        assert aud.is_running
        writer.close()
        await a.press("right")
        assert aud.presenter.index == 1


async def test_the_notes_pane_moves_to_the_speaker_view_while_it_is_connected():
    aud = audience(notes=True)
    async with aud.run_test(size=(120, 40)) as a:
        await until(a, lambda: aud.link is not None)
        assert aud.presenter.notes_visible
        spk = speaker()
        async with spk.run_test() as s:
            await until(s, lambda: spk.speaker.connected)
            await until(a, lambda: not aud.presenter.notes_visible)
        await until(a, lambda: aud.presenter.notes_visible)


def test_runtime_dir_must_be_private(tmp_path, monkeypatch):
    loose = tmp_path / "loose"
    (loose / "deck").mkdir(parents=True)
    os.chmod(loose / "deck", 0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(loose))
    with pytest.raises(PermissionError, match="private"):
        socket_path(SHOWCASE)


async def test_speaker_view_alone_moves_itself_and_goes_to_a_number():
    spk = speaker()
    async with spk.run_test(size=(120, 40)) as s:
        await s.press("right")
        assert spk.speaker.index == 1
        await s.press("4", "enter")
        assert spk.speaker.index == 3
        clock = str(spk.speaker.query_one("#speaker-clock").content)
        assert "talk 00:00" in clock and "this slide 00:00" in clock
        await s.press("9", "enter")
        assert spk.speaker.index == 3


async def test_both_views_reload_a_saved_deck_and_stay_together(tmp_path):
    path = tmp_path / "talk.yaml"
    text = SHOWCASE.read_text()
    path.write_text(text)
    aud = make_app(DeckDocument.load(path), link=True, watch=True, clock=lambda: 0.0, start=1)
    spk = speaker(path)
    async with aud.run_test(size=(120, 40)) as a, spk.run_test(size=(120, 40)) as s:
        await until(s, lambda: spk.speaker.connected and spk.speaker.index == 1)
        first = "  - title: Showcase deck\n"
        inserted = text.replace(first, "  - {title: Inserted first, confidence: reported, notes: n, sources: [press]}\n" + first, 1)
        path.write_text(inserted)
        await until(s, lambda: len(spk.speaker.deck.slides) == 5 and len(aud.presenter.deck.slides) == 5)
        # the audience view followed its slide to its new place, and the speaker view went with it
        await until(s, lambda: aud.presenter.index == 2 and spk.speaker.index == 2)
        assert spk.speaker.deck.slides[2].title == "Points with their own labels"
        await s.press("end")
        await until(a, lambda: aud.presenter.index == 4)


async def test_speaker_view_shows_its_keys_and_help_and_the_next_slides_labels():
    spk = speaker()
    async with spk.run_test(size=(120, 40)) as s:
        await s.press("right")  # the next slide has confirmed points on an unverified slide
        keys = str(spk.speaker.query_one("#keys").render())
        assert "→ Next" in keys and "? Help" in keys
        side = str(spk.speaker.query_one("#speaker-next").content)
        assert "● The paper is public  confirmed" in side
        await s.press("question_mark")
        await s.pause()
        from deck.tui.screens.help import HelpScreen

        assert isinstance(spk.screen, HelpScreen)


async def test_a_probe_that_connects_and_leaves_is_not_a_speaker_view():
    aud = audience(notes=True)
    async with aud.run_test(size=(120, 40)) as a:
        await until(a, lambda: aud.link is not None)
        reader, writer = await asyncio.open_unix_connection(str(socket_path(SHOWCASE)))
        await reader.readline()
        writer.close()
        await a.pause(0.1)
        assert aud.presenter.notes_visible
        assert not any("Speaker view connected" in m for m in notified(aud))


async def test_a_second_audience_view_of_the_same_deck_says_so():
    first, second = audience(), audience()
    async with first.run_test() as a:
        await until(a, lambda: first.link is not None)
        async with second.run_test() as b:
            await until(b, lambda: any("Another audience view" in m for m in notified(second)))
            assert not any("Speaker view connected" in m for m in notified(first))


async def test_a_peer_that_never_said_hello_cannot_move_the_presenter():
    aud = audience()
    async with aud.run_test() as a:
        await until(a, lambda: aud.link is not None)
        reader, writer = await asyncio.open_unix_connection(str(socket_path(SHOWCASE)))
        await reader.readline()
        writer.write(encode({"goto": 3}) + encode({"hello": 1}))  # read in order: the goto comes before any hello
        await writer.drain()
        await until(a, lambda: bool(aud.link.writers))
        assert aud.presenter.index == 0
        writer.write(encode({"goto": 2}))  # after hello, a speaker view moves it
        await writer.drain()
        await until(a, lambda: aud.presenter.index == 2)
        writer.close()


async def test_speaker_views_next_slide_shows_markdown_as_styles_not_marks():
    """Found in tmux: the 'Next' preview showed '**Confirmed**' where the audience sees bold Confirmed."""
    spk = speaker(SHOWCASE)
    async with spk.run_test(size=(120, 40)) as s:
        await s.pause()  # on slide 1: the next slide has a point with a bold word
        side = spk.speaker.query_one("#speaker-next").content
        assert "The paper describes the architecture" in str(side) and "**" not in str(side)
        bold = [str(side)[span.start : span.end] for span in side.spans if "bold" in str(span.style)]
        assert "architecture" in bold


async def test_the_speaker_views_next_slide_is_what_the_audience_will_see_with_its_filter():
    """The audience hides weak claims (c): the speaker's 'Next' preview hides them too, and says so (it
    previewed every point, so the speaker announced claims the audience would not see)."""
    aud, spk = audience(), speaker()
    async with aud.run_test(size=(120, 40)) as a, spk.run_test(size=(120, 40)) as s:
        await until(s, lambda: spk.speaker.connected)
        side = lambda: str(spk.speaker.query_one("#speaker-next").content)  # noqa: E731
        assert "A deleted post claims a 90% score" in side()  # slide 2, seen from slide 1
        await a.press("c", "c")  # the audience shows reported and stronger
        await until(s, lambda: spk.speaker.audience_minimum is not None)
        await until(s, lambda: "90% score" not in side())
        assert "Press reports a launch window" in side() and "2 hidden by the audience's filter" in side()


async def test_the_speaker_views_next_slide_names_its_pictures():
    """A chart or timeline slide previewed with no points showed nothing but its title (found in tmux)."""
    spk = speaker(ROOT / "tests" / "decks" / "figures.yaml")
    async with spk.run_test(size=(120, 40)) as s:
        await s.pause()
        assert "▨ a chart of 3 bars" in str(spk.speaker.query_one("#speaker-next").content)
        await s.press("right")
        await s.pause()
        assert "▨ a timeline of 4 events" in str(spk.speaker.query_one("#speaker-next").content)
        await s.press("end", "left")  # the column chart is next: named as what the audience will see
        await until(s, lambda: "▨ a chart of 3 columns" in str(spk.speaker.query_one("#speaker-next").content))


def test_a_number_no_deck_view_sends_is_not_a_message():
    """A link message with a huge 'talk' crashed the speaker view (OverflowError)."""
    from deck.link import decode

    assert decode(b'{"talk": 99999999999999999999999999999999999}') == {}
    assert decode(b'{"slide": 3, "talk": 120}') == {"slide": 3, "talk": 120}
    assert decode(b'{"slide": -5}') == {}


async def test_a_broken_save_stays_said_above_the_slides_until_a_save_that_loads(tmp_path):
    from deck.core.loader import parse_deck
    from deck.tui.watcher import DeckFileChanged

    path = tmp_path / "talk.yaml"
    good = SHOWCASE.read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    app = make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.speaker.query_one("#speaker-link")
        broken = good.replace("confidence: unverified\n    columns", "confidence: sure\n    columns")
        app.post_message(DeckFileChanged(path, broken, parse_deck(broken, str(path))))
        await until(pilot, lambda: bar.has_class("-broken"))
        shown = str(bar.render())
        assert "The saved deck has errors; the audience sees the last good version." in shown and "unknown confidence 'sure'" in shown
        for _ in range(3):
            await pilot.pause()  # no timer takes it away: it stays while the file is broken
        assert bar.has_class("-broken") and bar.display
        app.post_message(DeckFileChanged(path, good, parse_deck(good, str(path))))
        await until(pilot, lambda: not bar.has_class("-broken"))
        assert "errors" not in str(bar.render())
