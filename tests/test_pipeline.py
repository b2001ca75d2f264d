"""The pipeline's own logic, driven by scripted answers from a loopback server.

The answers here are hand-written fixtures (tests/fakeserver.py), used to
show what the pipeline does with an answer a real model gives only
sometimes. Real model traffic is in test_recorded.py.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from summarizer import Summarizer
from summarizer.llm.backends import Backend, resolve
from summarizer.pipeline import chunk
from summarizer.text.grounding import is_grounded
from tests.fakeserver import Reply, completion, scripted_server

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = (
    "Rockets hit embassy in Baghdad\n\n"
    "Three rockets hit the US embassy in Baghdad on Sunday, January 26, 2020. "
    "Iraqi security forces reported no casualties. "
    "Washington blamed Iran-backed militias for the attack."
)
CLASSIFY = {
    "event_quote": "Three rockets hit the US embassy in Baghdad",
    "title": "Rockets hit US embassy",
    "summary": "Three rockets hit the US embassy in Baghdad.",
}
DETAILS = {
    "date_text": "Sunday, January 26, 2020",
    "date": "2020-01-26",
    "location": {
        "location_quote": "the US embassy in Baghdad",
        "country": "Iraq",
        "region": None,
        "city": "Baghdad",
        "site": "US embassy",
    },
    "perpetrators": [
        {
            "quote": "Washington blamed Iran-backed militias",
            "name": "Iran-backed militias",
            "attribution": "accused",
            "attributed_by": "Washington",
        }
    ],
    "claimed_by": [],
    "targets": [{"quote": "the US embassy", "name": "US embassy"}],
    "weapons": [{"quote": "Three rockets", "name": "rockets", "count": 3}],
}
CASUALTIES = {
    "killed_quote": "Iraqi security forces reported no casualties.",
    "killed": 0,
    "injured_quote": "Iraqi security forces reported no casualties.",
    "injured": 0,
    "other_figures": [],
}
FACTS = {
    "facts": [
        {"quote": "Three rockets hit the US embassy", "claim": "Three rockets hit the embassy."},
        {"quote": "on Sunday, January 26, 2020", "claim": "It happened on 26 January 2020."},
        {"quote": "reported no casualties", "claim": "No casualties were reported."},
        {"quote": "Washington blamed Iran-backed militias", "claim": "The US blamed militias."},
        {"quote": "Rockets hit embassy in Baghdad", "claim": "The headline reports the hit."},
    ]
}


NO_CASUALTIES = "Iraqi security forces reported no casualties."


def run(replies, reasks=1):
    """The pipeline against scripted answers, with one re-ask after an
    invalid answer (other backends' default; the embedded model's is none)."""
    with (
        scripted_server(replies) as (url, script),
        Summarizer(backend="local", base_url=url, model="scripted", cache=False) as s,
    ):
        s.backend = Backend(dataclasses.replace(s.backend.config, validation_retries=reasks))
        return s.summarize(ARTICLE), script


def test_the_embedded_model_is_not_reasked_by_default():
    """Its re-asks never fixed anything in the baseline eval: the invalid
    quote is dropped and flagged after one request per step."""
    bad = {**CLASSIFY, "event_quote": "Rockets rained down on the compound all night long"}
    result, script = run([bad, DETAILS, CASUALTIES, FACTS], reasks=None)
    assert len(script.requests) == 4 and result.metadata.attempts == 4
    assert result.event_type == "rocket_or_missile_attack" and result.event_type_evidence == []
    assert any(f.startswith("event_type: quote not found") for f in map(str, result.flags))
    assert all(is_grounded(e, ARTICLE) for _, e in result.evidence())
    incomplete = [str(f) for f in result.flags if f.kind == "retries_exhausted"]
    assert incomplete and all("not re-asked" in f and "retries" not in f for f in incomplete)


def test_a_raw_newline_inside_a_json_string_is_still_read():
    """The embedded model sometimes copies a line break into a quote as a
    raw control character, which strict JSON rejects; a whole article was
    lost to it in a dev run. It is read, and the quote grounded."""
    raw = json.dumps(CLASSIFY).replace("in Baghdad", "in\nBaghdad")
    assert "\n" in raw and "\\n" not in raw
    result, _ = run([Reply(completion(raw)), DETAILS, CASUALTIES, FACTS], reasks=None)
    assert result.is_incident and result.summary == "Three rockets hit the US embassy in\nBaghdad."
    assert result.event_type_evidence and is_grounded(result.event_type_evidence[0], ARTICLE)


def test_only_the_embedded_model_defaults_to_no_reask():
    assert resolve("local", env={}).reasks == 0
    assert resolve("compatible", "m", "http://127.0.0.1:1/v1", env={}).reasks == 1
    assert resolve("openai", env={"OPENAI_API_KEY": "k"}).reasks == 1


def test_valid_answers_make_a_fully_grounded_summary():
    result, script = run([CLASSIFY, DETAILS, CASUALTIES, FACTS])
    assert result.is_incident and result.event_type == "rocket_or_missile_attack"
    assert (result.casualties.killed, result.casualties.injured) == (0, 0)
    assert result.date == "2020-01-26" and result.weapons[0].count == 3
    assert result.flags == []
    assert all(is_grounded(e, ARTICLE) for _, e in result.evidence())
    assert len(result.evidence()) >= 12
    assert result.metadata.attempts == 4 and result.metadata.usage.prompt_tokens == 400
    # The embedded backend asks for grammar-constrained JSON, with the schema
    # in response_format and not in the prompt text.
    body = script.requests[0]
    assert script.headers[0]["content-type"] == "application/json"
    assert body["response_format"]["type"] == "json_object"
    assert "properties" in body["response_format"]["schema"]
    assert "properties" not in body["messages"][0]["content"]


def test_each_step_is_told_to_the_progress_hook_as_it_is_asked():
    asked: list[tuple[str, str]] = []
    with (
        scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, _),
        Summarizer(backend="local", base_url=url, model="scripted", cache=False) as s,
    ):
        s.on_step = lambda name, step: asked.append((name, step))
        s.summarize(ARTICLE)
    assert asked == [
        ("<text>", "classify"),
        ("<text>", "details"),
        ("<text>", "casualties"),
        ("<text>", "key_facts"),
    ]


def test_invented_quote_is_fed_back_and_the_retry_is_used():
    bad = {**CLASSIFY, "event_quote": "Rockets rained down on the compound all night long"}
    result, script = run([bad, CLASSIFY, DETAILS, CASUALTIES, FACTS])
    reask = script.requests[1]["messages"]
    assert "is not in the article; copy the text exactly" in reask[-1]["content"]
    assert result.event_type_evidence[0].quote == CLASSIFY["event_quote"]
    assert result.metadata.attempts == 5 and result.flags == []


def test_quote_still_missing_after_retries_is_dropped_and_flagged():
    bad = {**CLASSIFY, "event_quote": "Rockets rained down on the compound all night long"}
    result, _ = run([bad, bad, DETAILS, CASUALTIES, FACTS])
    assert result.event_type == "rocket_or_missile_attack"
    assert result.event_type_evidence == []
    assert any(f.startswith("event_type: quote not found") for f in map(str, result.flags))
    assert all(is_grounded(e, ARTICLE) for _, e in result.evidence())


def test_number_from_the_wrong_sentence_is_reasked_then_dropped():
    misread = {
        **CASUALTIES,
        "killed_quote": "Three rockets hit the US embassy",
        "killed": 3,
        "injured_quote": None,
        "injured": None,
    }
    result, script = run([CLASSIFY, DETAILS, misread, misread, FACTS])
    assert "does not state that figure" in script.requests[3]["messages"][-1]["content"]
    assert any("casualties.killed: 3 is not stated" in f for f in map(str, result.flags))
    # The model's 3 is gone; the article's own "reported no casualties" is the toll, found by code.
    c = result.casualties
    assert (c.killed, c.injured) == (0, 0) and c.killed_evidence[0].quote == NO_CASUALTIES


def test_no_casualties_on_one_side_fills_the_other():
    one_sided = {**CASUALTIES, "injured_quote": None, "injured": None}
    result, _ = run([CLASSIFY, DETAILS, one_sided, FACTS])
    c = result.casualties
    assert (c.killed, c.injured) == (0, 0) and c.injured_evidence == c.killed_evidence


def test_a_weapon_named_as_perpetrator_is_reasked():
    weapon = {**DETAILS, "perpetrators": [{**DETAILS["perpetrators"][0], "name": "rockets"}]}
    result, script = run([CLASSIFY, weapon, DETAILS, CASUALTIES, FACTS])
    assert "is a weapon" in script.requests[2]["messages"][-1]["content"]
    assert [p.name for p in result.perpetrators] == ["Iran-backed militias"]


NOT_AN_INCIDENT = {
    "event_quote": "Washington blamed Iran-backed militias",
    "title": "Oil prices fall on oversupply worries",
    "summary": "Oil prices fell as traders worried about oversupply; stocks drifted near highs.",
}


def test_the_models_own_words_decide_the_type_and_whether_it_is_an_incident():
    result, script = run([CLASSIFY, DETAILS, CASUALTIES, FACTS])
    assert result.is_incident and result.event_type == "rocket_or_missile_attack"
    assert "event_type" not in script.requests[0]["response_format"]["schema"]["properties"]
    result, script = run([NOT_AN_INCIDENT])
    assert not result.is_incident and result.event_type == "other" and len(script.requests) == 1


def test_a_title_in_another_language_is_asked_again_in_english():
    in_german = {
        **CLASSIFY,
        "title": "Raketen treffen US-Botschaft",
        "summary": "Drei Raketen trafen die Botschaft in Bagdad.",
    }
    result, script = run([in_german, CLASSIFY, DETAILS, CASUALTIES, FACTS])
    assert result.title == CLASSIFY["title"] and result.event_type == "rocket_or_missile_attack"
    again = script.requests[1]["messages"]
    assert (
        json.loads(again[-2]["content"])["title"] == in_german["title"] and "English" in again[-1]["content"]
    )
    result, script = run([CLASSIFY, DETAILS, CASUALTIES, FACTS])
    assert len(script.requests) == 4  # an English title is not asked again


def test_invented_date_is_not_kept():
    result, _ = run([CLASSIFY, {**DETAILS, "date": "2020-02-03"}, CASUALTIES, FACTS])
    assert result.date is None and result.date_text == "Sunday, January 26, 2020"


def test_non_incident_stops_after_one_question():
    result, script = run([NOT_AN_INCIDENT])
    assert not result.is_incident and len(script.requests) == 1
    assert result.key_facts == [] and result.casualties.killed is None and result.perpetrators == []


def test_truncated_output_is_a_model_output_error():
    from summarizer.errors import ModelOutputError

    with pytest.raises(ModelOutputError, match="cut off"):
        run([Reply(completion('{"is_incident": tr', finish_reason="length"))])


def test_an_answer_cut_off_keeps_the_items_it_finished_and_is_flagged():
    finished = json.dumps(FACTS)[: json.dumps(FACTS).index("reported no casualties") + 5]
    result, _ = run([CLASSIFY, DETAILS, CASUALTIES, Reply(completion(finished, finish_reason="length"))])
    quotes = [f.evidence[0].quote for f in result.key_facts]
    assert any("Three rockets hit the US embassy" in q for q in quotes)  # the first two facts were finished
    assert [f.field for f in result.flags] == ["key_facts"] and "cut off" in result.flags[0].message


def test_chunks_cover_the_text_on_boundaries():
    text = "\n".join(f"Paragraph {i}. " + "word " * 300 for i in range(10))
    pieces = chunk(text, limit=4000)
    assert len(pieces) > 1
    assert "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= 4000


def test_zero_injured_without_a_quote_borrows_no_casualties_without_a_reask():
    quoteless = {**CASUALTIES, "injured_quote": None, "injured": 0}
    result, script = run([CLASSIFY, DETAILS, quoteless, FACTS])
    assert len(script.requests) == 4 and result.flags == []
    assert (result.casualties.killed, result.casualties.injured) == (0, 0)
    assert result.casualties.injured_evidence == result.casualties.killed_evidence


def test_no_one_killed_does_not_answer_injured():
    killed_only = {
        **CASUALTIES,
        "killed_quote": "Washington blamed Iran-backed militias for the attack.",
        "killed": 0,
        "injured_quote": None,
        "injured": 0,
    }
    result, script = run([CLASSIFY, DETAILS, killed_only, killed_only, FACTS])
    assert len(script.requests) == 5  # re-asked: neither quote states a figure
    # Both answers dropped; the 0s stand on the article's own sentence, found by code.
    c = result.casualties
    assert (c.killed, c.injured) == (0, 0)
    assert c.killed_evidence[0].quote == c.injured_evidence[0].quote == NO_CASUALTIES


def test_casualty_sentences_are_pointed_out_and_no_question_without_them():
    result, script = run([CLASSIFY, DETAILS, CASUALTIES, FACTS])
    assert (
        "mention casualties:\n- Iraqi security forces reported no casualties."
        in (script.requests[2]["messages"][-1]["content"])
    )
    quiet = ARTICLE.replace(" Iraqi security forces reported no casualties.", "")
    facts = {"facts": [f for f in FACTS["facts"] if "casualties" not in f["quote"]]}
    facts["facts"].append({"quote": "for the attack", "claim": "Blame was for this attack."})
    with (
        scripted_server([CLASSIFY, DETAILS, facts]) as (url, script),
        Summarizer(backend="local", base_url=url, model="scripted") as s,
    ):
        result = s.summarize(quiet)
    assert len(script.requests) == 3
    assert result.casualties.killed is None and result.casualties.injured is None


# Evidence by reference: the same answers, citing sentence numbers (see the
# numbered sentences of ARTICLE: 1 headline, 2 rockets, 3 casualties, 4 blame).
CLASSIFY_REF = {**CLASSIFY, "event_quote": 2}
DETAILS_REF = {
    **DETAILS,
    "location": {**DETAILS["location"], "location_quote": 2},
    "perpetrators": [{**DETAILS["perpetrators"][0], "quote": 4}],
    "targets": [{"quote": 2, "name": "US embassy"}],
    "weapons": [{"quote": 2, "name": "rockets", "count": 3}],
}
CASUALTIES_REF = {**CASUALTIES, "killed_quote": 3, "injured_quote": 3}
FACTS_REF = {"facts": [{"quote": n, "claim": f"Fact {n}."} for n in (2, 3, 4, 1, 2)]}


def run_by_reference(replies):
    with (
        scripted_server(replies) as (url, script),
        Summarizer(backend="local", base_url=url, model="scripted", cache=False, cite="sentence") as s,
    ):
        s.backend = Backend(dataclasses.replace(s.backend.config, validation_retries=1))
        return s.summarize(ARTICLE), script


def test_cited_sentence_numbers_become_sentence_spans():
    result, script = run_by_reference([CLASSIFY_REF, DETAILS_REF, CASUALTIES_REF, FACTS_REF])
    assert (
        result.event_type_evidence[0].quote
        == "Three rockets hit the US embassy in Baghdad on Sunday, January 26, 2020."
    )
    assert result.casualties.killed_evidence[0].quote == "Iraqi security forces reported no casualties."
    assert [f.evidence[0].quote for f in result.key_facts][:3] == [
        "Three rockets hit the US embassy in Baghdad on Sunday, January 26, 2020.",
        "Iraqi security forces reported no casualties.",
        "Washington blamed Iran-backed militias for the attack.",
    ]
    assert all(is_grounded(e, ARTICLE) for _, e in result.evidence()) and result.flags == []
    assert result.metadata.cite == "sentence"
    body = script.requests[0]
    assert body["response_format"]["schema"]["properties"]["event_quote"] == {"type": "integer", "minimum": 1}
    assert "[2] Three rockets hit the US embassy" in body["messages"][-1]["content"]


def test_a_sentence_number_out_of_range_is_reasked():
    result, script = run_by_reference(
        [{**CLASSIFY_REF, "event_quote": 9}, CLASSIFY_REF, DETAILS_REF, CASUALTIES_REF, FACTS_REF]
    )
    assert (
        "sentence 9 does not exist; cite a sentence number from 1 to 4"
        in script.requests[1]["messages"][-1]["content"]
    )
    assert result.event_type_evidence[0].start == ARTICLE.index("Three rockets")


def test_a_cited_sentence_must_state_the_casualty_figure():
    wrong = {**CASUALTIES_REF, "killed_quote": 2, "killed": 3, "injured_quote": None, "injured": None}
    result, script = run_by_reference([CLASSIFY_REF, DETAILS_REF, wrong, wrong, FACTS_REF])
    assert "does not state that figure" in script.requests[3]["messages"][-1]["content"]
    assert result.casualties.killed == 0  # not the model's 3: the article's "no casualties"
    assert result.casualties.killed_evidence[0].quote == NO_CASUALTIES


def test_a_sentence_number_still_out_of_range_is_dropped_and_flagged():
    bad = {**CLASSIFY_REF, "event_quote": 9}
    result, _ = run_by_reference([bad, bad, DETAILS_REF, CASUALTIES_REF, FACTS_REF])
    assert result.event_type_evidence == [] and result.event_type == "rocket_or_missile_attack"
    assert any("sentence 9, which does not exist" in f for f in map(str, result.flags))


def test_a_weapon_still_named_as_perpetrator_after_the_reask_is_dropped():
    weapon = {**DETAILS, "perpetrators": [{**DETAILS["perpetrators"][0], "name": "rockets"}]}
    result, _ = run([CLASSIFY, weapon, weapon, CASUALTIES, FACTS])
    assert result.perpetrators == []
    assert any("'rockets' is a weapon, not a perpetrator; dropped" in f for f in map(str, result.flags))


def test_another_figure_must_be_a_casualty_figure_its_quote_states():
    attacks = {
        **CASUALTIES,
        "other_figures": [{"quote": "Three rockets hit the US embassy", "kind": "injured", "count": 3}],
    }
    result, _ = run([CLASSIFY, DETAILS, attacks, FACTS])
    assert all(f.count != 3 for f in result.casualties.figures)
    assert any(f.startswith("casualties.figures[0]: 3 is not stated") for f in map(str, result.flags))


def test_article_text_is_sent_verbatim_even_if_it_looks_like_a_template():
    # instructor's create() renders every message as a Jinja template when a
    # validation context is given: "{{ source }}" became the article and
    # "{% if" was a TemplateSyntaxError. The backend must not template.
    article = ARTICLE + "\nA reader commented: {{ source }} and {% if x %} were in the leaflet."
    with (
        scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, script),
        Summarizer(backend="local", base_url=url, model="scripted", cache=False) as s,
    ):
        result = s.summarize(article)
    assert result.is_incident and result.flags == []
    assert "{{ source }} and {% if x %}" in script.requests[0]["messages"][1]["content"]


def test_compatible_server_is_asked_with_a_tool_and_its_tool_call_is_read():
    answers = {"ClassifyDraft": CLASSIFY, "DetailsDraft": DETAILS, "CasualtiesDraft": CASUALTIES}

    def respond(body):
        name = body["tools"][0]["function"]["name"]
        reply = completion("")
        reply["choices"][0]["message"] = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(answers.get(name, FACTS))},
                }
            ],
        }
        return Reply(reply)

    with (
        scripted_server(respond) as (url, script),
        Summarizer(backend="compatible", base_url=url, model="scripted", cache=False) as s,
    ):
        result = s.summarize(ARTICLE)
    assert [r["tool_choice"]["function"]["name"] for r in script.requests] == [
        "ClassifyDraft",
        "DetailsDraft",
        "CasualtiesDraft",
        "KeyFactsDraft",
    ]
    assert "response_format" not in script.requests[0]
    assert result.event_type == "rocket_or_missile_attack" and result.casualties.killed == 0
    assert result.flags == [] and all(is_grounded(e, ARTICLE) for _, e in result.evidence())


def test_an_answer_missing_optional_envelope_fields_is_still_read():
    # Some OpenAI-compatible servers leave out `id`, `created` or `object`;
    # such an answer is read leniently, as the openai SDK would.
    def bare(draft):
        return Reply(
            {"choices": [{"index": 0, "message": {"role": "assistant", "content": json.dumps(draft)}}]}
        )

    result, _ = run([bare(d) for d in (CLASSIFY, DETAILS, CASUALTIES, FACTS)])
    assert result.event_type == "rocket_or_missile_attack" and result.flags == []
    assert result.metadata.usage.prompt_tokens == 0


def test_places_are_filled_and_put_in_english_from_gazetteers():
    from summarizer.text import places

    assert places.normalise(None, "Mazar-i-Sharif") == ("Afghanistan", "Mazar-i-Sharif")
    assert places.normalise("Deutschland", "Duisburg") == ("Germany", "Duisburg")
    assert places.normalise("U.S.", "Los Angeles") == ("United States", "Los Angeles")
    assert places.normalise("Сирия", "Латакия") == ("Syria", "Latakia")
    assert places.normalise("Atlantis", "Nowhereville") == ("Atlantis", "Nowhereville")
    assert places.normalise(None, None) == (None, None)


def test_an_optional_step_is_asked_only_when_named_and_merged_by_its_own_definition():
    """Adding a step is its definition (`steps.definitions.KIND`: draft and
    merge) and its template (`prompts/steps/kind.j2`); `steps=["kind"]` or
    `SUMMARIZER_STEPS=kind` asks it after classify. Off, nothing changes:
    four requests, and a system prompt without it."""
    _, default = run([CLASSIFY, DETAILS, CASUALTIES, FACTS])
    assert len(default.requests) == 4
    assert 'Step "kind"' not in default.requests[0]["messages"][0]["content"]

    kind = {"event_quote": "Three rockets hit the US embassy", "kind": "fighting", "means": "rockets"}
    with (
        scripted_server([CLASSIFY, kind, DETAILS, CASUALTIES, FACTS]) as (url, script),
        Summarizer(backend="local", base_url=url, model="scripted", cache=False, steps=["kind"]) as s,
    ):
        result = s.summarize(ARTICLE)
    assert [r["messages"][-1]["content"].rsplit('"', 2)[1] for r in script.requests] == [
        "classify", "kind", "details", "casualties", "key_facts"
    ]  # fmt: skip
    system = script.requests[0]["messages"][0]["content"]
    assert 'Step "kind"' in system and all(r["messages"][0]["content"] == system for r in script.requests)
    assert result.event_type == "armed_clash"  # the kind's merge: "fighting" is a clash, whatever the means
    assert [e.quote for e in result.event_type_evidence] == ["Three rockets hit the US embassy"]
    assert result.casualties.killed == 0 and result.casualties.injured == 0


def test_an_unknown_optional_step_is_a_configuration_error():
    from summarizer import ConfigError
    from summarizer.settings import Settings

    assert Settings.from_env({"SUMMARIZER_STEPS": " kind, "}).steps == ("kind",)
    with pytest.raises(ConfigError, match="unknown step 'kinds'"):
        Summarizer(backend="local", base_url="http://127.0.0.1:9", model="m", cache=False, steps=["kinds"])
