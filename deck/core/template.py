"""The deck `deck new` writes: a starter deck that shows the format (all but an image, which needs a file), a comment on each key."""

from __future__ import annotations

import datetime as dt


def new_deck_text(today: dt.date) -> str:
    return NEW_DECK.replace("AS_OF", today.isoformat())


NEW_DECK = """\
# A deck: one YAML file. Check it with `deck check FILE`, present it with `deck present FILE`.
title: My briefing                  # required
subtitle: What we know, and how well we know it   # optional
as_of: AS_OF                   # optional: the date the content is true as of
author: Your name                   # optional
event: Team meeting                 # optional: where the talk is given (on the title slide)
date: AS_OF                    # optional: when it is given (as_of dates the content)
theme: dark                         # optional: dark, light, high-contrast, mono
# Optional: what each label means in this deck, one line each (the legend everywhere uses these words).
labels:
  confirmed: "a primary source shows it: a paper, a commit, an announcement"
  analysis: "our own reasoning from the sources on the slide"

# Optional: every source a slide or point cites, by id.
sources:
  paper: {title: "The paper that states it", kind: paper, date: 2026-01-13, url: "https://example.org/paper"}
  press: {title: "A newspaper report", kind: press}
  thread: {title: "A forum thread", kind: community, note: "single anonymous account"}

duration: 15m                       # optional: the talk's length; the speaker view shows time left and pace

slides:                             # required: at least one
  - title: My briefing              # a title slide: the deck's subtitle, author and date, and the legend
    layout: title                   # title | section: words only, no claims

  - title: What we know             # optional: a slide of a picture, a quote or code alone may have none
    section: Overview               # optional: shown in the status bar
    confidence: reported            # optional: the label of the slide's main message:
                                    # confirmed | reported | unverified | speculative | analysis
    subtitle: The short version     # optional
    points:                         # optional: a string, or a mapping with its own label and sources
      - A point that takes the slide's label
      - text: A fact from a published paper
        confidence: confirmed
        sources: [paper]
    notes: |                        # speaker notes, Markdown: shown in the notes pane
      Say what the slide shows in a sentence or two. Caution the audience where needed.
    sources: [press]                # ids from `sources` above

  - title: What it would cost us
    confidence: analysis            # our own reasoning, apart from what sources say: no filter hides it
    likelihood: likely              # optional, with analysis: almost no chance | very unlikely | unlikely |
                                    # roughly even chance | likely | very likely | almost certain
    sources: [paper]                # what the analysis rests on
    points:
      - text: The paper's figure, times our volume
        confidence: confirmed       # a point that differs carries its own label
        sources: [paper]
    notes: |
      Show the arithmetic; say what would change the judgement.

  - title: Confirmed or rumoured?
    confidence: unverified          # the main message: the rumour; stronger points carry their own label
    columns:                        # optional: side-by-side blocks, each with points or a body
      - title: Confirmed
        points:
          - text: A claim with a source
            confidence: confirmed
            sources: [paper]
      - title: Rumoured
        points:
          - text: A claim from one anonymous account
            sources: [thread]
    body: |                         # optional Markdown: lists, tables, code
      | Figure | Claimed by |
      |--------|------------|
      | 90%    | a thread   |
    notes: |
      Explain why the rumour is weaker than the paper.
    sources: [thread]

  - title: The evidence             # a section slide opens a part of the talk
    layout: section

  - title: One point at a time
    confidence: reported
    reveal: true                    # optional: each "next" shows one more point
    body: |
      A body may pause too: a line holding only a pause comment splits it into steps.

      <!-- pause -->

      This part shows on the next step.
    points:
      - First, this
      - Then this
    notes: Say each point as it appears.
    sources: [press]

  - title: Figures, compared
    confidence: reported
    chart:                          # optional: bars, each a claim with its own label
      kind: bar                     # optional: bar (across, the default) or column (upright)
      unit: "%"
      items:
        - {label: "Our product", value: 80, confidence: confirmed, sources: [paper]}
        - {label: "A rival (leaked)", value: 90, confidence: unverified, sources: [thread]}
    timeline:                       # optional: events in date order, each a claim
      - {date: 2026-01-13, text: "The paper is published", confidence: confirmed, sources: [paper]}
      - {date: 2026-02, text: "The thread appears", confidence: unverified, sources: [thread]}
      - {from: 2026-Q2, to: 2026-Q3, text: "A launch window", confidence: reported, sources: [press]}
    notes: |
      Images go here too: image: {path: picture.png, alt: "what it shows"}, a file beside the deck.

  - title: Detail for questions
    confidence: reported
    appendix: true                  # after every main slide, counted apart (A1, A2...)
    points: [The details behind the main slides]
    notes: For questions after the talk.
    sources: [press]
"""
