"""Each rung of the grounding ladder, and what must not match."""

from hypothesis import given
from hypothesis import strategies as st

from summarizer.schema import MatchKind
from summarizer.text.grounding import (
    FUZZY_THRESHOLD,
    _fold_char,
    is_grounded,
    locate,
    normalise,
    sentences,
    shift,
)

SOURCE = (
    "On the morning of Friday, the U.S. embassy located in Baghdad experienced an attack.\n"
    "Despite the severity of the attack, it was reported by an embassy spokesperson that "
    "there were no casualties.\n"
    "\u201cWe reiterate that we reserve the right to self\u2014defence,\u201d the spokesperson said."
)


def test_exact_match_returns_offsets_of_the_source():
    ev = locate("there were no casualties", SOURCE)
    assert ev is not None and ev.match is MatchKind.exact
    assert SOURCE[ev.start : ev.end] == ev.quote == "there were no casualties"


def test_exact_after_stripping_wrapping_quotes_and_ellipsis():
    ev = locate('"...there were no casualties."', SOURCE)
    assert ev is not None and ev.match is MatchKind.exact
    assert ev.quote == "there were no casualties"


def test_normalised_spacing_inside_abbreviations():
    ev = locate("the U. S. embassy located in Baghdad", SOURCE)
    assert ev is not None and ev.match is MatchKind.normalised
    assert ev.quote == "the U.S. embassy located in Baghdad"
    assert is_grounded(ev, SOURCE)


def test_normalised_curly_quotes_dashes_and_case():
    ev = locate('"we reiterate that we reserve the right to self-defence,"', SOURCE)
    assert ev is not None and ev.match is MatchKind.normalised
    assert ev.quote.startswith("We reiterate") and "self\u2014defence" in ev.quote
    assert is_grounded(ev, SOURCE)


def test_normalised_across_line_breaks():
    ev = locate("experienced an attack. Despite the severity", SOURCE)
    assert ev is not None and ev.match is MatchKind.normalised
    assert "\n" in ev.quote and is_grounded(ev, SOURCE)


def test_fuzzy_tolerates_a_changed_word():
    ev = locate("it was reported by the embassy spokesperson that there were no casualties", SOURCE)
    assert ev is not None and ev.match is MatchKind.fuzzy
    assert "embassy spokesperson that there were no casualties" in ev.quote
    assert is_grounded(ev, SOURCE)


def test_not_found_paraphrase_and_invention():
    assert locate("Nobody was hurt when rockets struck the compound", SOURCE) is None
    assert locate("Twelve people were killed in the blast", SOURCE) is None
    assert FUZZY_THRESHOLD >= 85


def test_short_quotes_never_match_fuzzily():
    assert locate("Bagdad", SOURCE) is None
    assert locate("Baghdad", SOURCE) is not None


def test_empty_quote_is_not_evidence():
    assert locate("", SOURCE) is None
    assert locate("   ", SOURCE) is None


def test_repeated_span_returns_first_occurrence():
    text = "two rockets hit. Later, two rockets hit again."
    ev = locate("two rockets hit", text)
    assert ev is not None and (ev.start, ev.end) == (0, 15)


def test_unicode_arabic_and_german():
    text = "قال مصدر إن المسلحين سيطروا على مستودعات الأسلحة. Der Radprofi prallte gegen einen Bus."
    ev = locate("سيطروا على مستودعات الأسلحة", text)
    assert ev is not None and ev.match is MatchKind.exact and is_grounded(ev, text)
    ev = locate("der radprofi prallte gegen einen bus", text)
    assert ev is not None and ev.match is MatchKind.normalised and is_grounded(ev, text)


def test_normalise_maps_every_char_back():
    folded, index = normalise("Stra\u00dfe \u201cA\u201d")
    assert folded == 'strasse"a"'
    assert len(folded) == len(index)
    assert index[0] == 0 and index[-1] == 9


@given(st.text(alphabet=st.sampled_from("aZ \n\u00dfß\ufb01\ufb03İ“”—\u00ad\u200bé\u0627\u0644.1")))
def test_normalise_equals_folding_one_character_at_a_time(text):
    # The whole-text fold (numpy gathers, with multi-character folds such as
    # "ß" -> "ss" inserted) must agree with the plain per-character definition.
    expected, positions = "", []
    for i, ch in enumerate(text):
        out = _fold_char(ch)
        expected += out
        positions += [i] * len(out)
    folded, index = normalise(text)
    assert folded == expected and list(index) == positions


def test_shift_moves_offsets():
    ev = locate("two", "one two")
    assert ev is not None
    moved = shift(ev, 10)
    assert (moved.start, moved.end) == (14, 17) and moved.quote == "two"


@given(st.text(min_size=1, max_size=200), st.data())
def test_any_located_span_reproduces_its_quote(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    ev = locate(quote, text)
    if not quote.strip():
        assert ev is None  # blank is never evidence
        return
    # a substring of the text is always found, exactly, at its first occurrence
    assert ev is not None and ev.match is MatchKind.exact
    assert text[ev.start : ev.end] == ev.quote == quote and ev.start == text.find(quote)


def test_fuzzy_never_changes_a_number():
    text = "Officials said two people were killed in the blast near the market on Monday."
    assert locate("Officials said 12 people were killed in the blast near the market", text) is None
    assert locate("Officials said twelve people were killed in the blast near the market", text) is None
    ev = locate("Officials said two people had been killed in the blast near the market", text)
    assert ev is not None and ev.match is MatchKind.fuzzy


def test_fuzzy_accepts_a_changed_word_form():
    text = "The attack, occurring at approximately 4 a.m., rattled the diplomatic enclave."
    ev = locate("The attack occurred at approximately 4 a.m.", text)
    assert ev is not None and ev.match is MatchKind.fuzzy and ev.quote.startswith("The attack, occurring")


def test_short_paraphrase_grounds_to_the_sentence_holding_all_its_words():
    text = "Rockets fell at 4 a.m. While there were no reported casualties, tension rose. Police came."
    found = locate("no casualties", text)
    assert found is not None and found.match == "fuzzy"
    assert found.quote == "While there were no reported casualties, tension rose."
    assert text[found.start : found.end] == found.quote


def test_a_word_the_sentence_lacks_is_not_grounded():
    text = "While there were no reported casualties, tension rose."
    assert locate("no casualties or damage", text) is None
    assert locate("tensions", text) is None  # one word is too little to pin a sentence


def test_sentences_split_on_end_marks_before_capitals():
    text = "First one. Second one?\nThird line\n\n“Quoted” fourth. fifth stays"
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "First one.",
        "Second one?",
        "Third line",
        "“Quoted” fourth. fifth stays",
    ]


def test_fuzzy_span_is_snapped_to_whole_words():
    text = (
        "The embassy was attacked\n\nOn the morning of Friday, the U.S. embassy located in Baghdad was hit."
    )
    found = locate("On the mornin of Friday, the US embassy located in Bagdad", text)
    assert found is not None and found.match == "fuzzy"
    assert found.quote.startswith("On the morning") and found.quote.endswith("Baghdad")
    assert text[found.start : found.end] == found.quote
