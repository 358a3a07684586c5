"""Texts of any length: processed in pieces as one document, offsets into the whole text, sentences of a
readable length however the text is punctuated."""
from __future__ import annotations

import random

from extract.ingest import build_document
from extract.ingest.sources import RawItem
from extract.nlp.components.lines import MAX_SENTENCE_TOKENS
from extract.nlp.pieces import PIECE_CHARS, cut_points
from extract.process import process_documents

from .bad_inputs import long_article

ENDING = "On March 3, 2024, the Belmar Shipping Company opened a new terminal in Lisbon.\n"


def test_cut_points_fall_on_paragraph_boundaries_within_the_limit():
    text = long_article(300_000, ENDING)
    starts = cut_points(text, 20_000)
    bounds = starts + [len(text)]
    assert starts[0] == 0 and all(b - a <= 20_000 for a, b in zip(bounds, bounds[1:]))
    assert all(text[s - 2:s] == "\n\n" for s in starts[1:])


def test_a_line_longer_than_a_piece_is_cut_at_white_space():
    line = " ".join(["harbour"] * 5_000)
    starts = cut_points(line, 10_000)
    assert len(starts) > 3 and all(line[s - 1] == " " and line[s] != " " for s in starts[1:])


def test_a_text_over_spacys_limit_is_processed_with_offsets_into_the_whole_text():
    text = long_article(1_500_000, ENDING)
    assert len(text) > 1_500_000 > 1_000_000 > PIECE_CHARS
    document = build_document(RawItem("long.txt", "text", text.encode(), {"published": "2025-07-09"}))
    assert document.status == "ok"
    result = process_documents([document])[0]
    day = next(d for d in result.dates if d.value == "2024-03-03")
    assert (day.span.start, day.span.end) == (text.index("March 3, 2024"), text.index("March 3, 2024") + 13)
    found = {e.text: e for e in result.entities if e.span.start > len(text) - len(ENDING)}
    for name in ("Belmar Shipping Company", "Lisbon"):
        mention = next(e for t, e in found.items() if name in t)
        assert text[mention.span.start:mention.span.end] == mention.text
    last = result.sentences[-1]
    assert text[last[0]:last[1]].strip() == ENDING.strip()
    assert all(a < b for a, b in result.sentences)


def test_an_overlong_line_without_punctuation_becomes_sentences_of_readable_length(analyze_text):
    random.seed(7)
    words = "the port board said its ferry office would review the timetable with the unions and the city".split()
    line = " ".join(random.choice(words) for _ in range(3_000))
    result = analyze_text(f"Ferry timetable\n\n{line}, officials said in Belmar on Tuesday.\n")
    assert len(result.sentences) >= 3_000 // MAX_SENTENCE_TOKENS
    longest = max(end - start for start, end in result.sentences)
    assert longest < 12 * MAX_SENTENCE_TOKENS  # characters: a long sentence, not the whole line
