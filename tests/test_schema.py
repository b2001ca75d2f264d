"""The contract: drafts validate only with grounded quotes; outputs round-trip."""

import pytest
from pydantic import ValidationError

from summarizer.schema import EventType, Evidence, IncidentSummary, MatchKind, RunMetadata
from summarizer.steps.definitions import STEPS, CasualtiesDraft, KeyFactsDraft

ARTICLE = "Three rockets were hurled at the embassy. Iraqi forces reported no causalities so far."


def test_draft_with_quotes_from_the_article_validates():
    draft = CasualtiesDraft.model_validate(
        {
            "killed_quote": "reported no causalities so far",
            "killed": 0,
            "injured_quote": "reported no causalities so far",
            "injured": 0,
            "other_figures": [],
        },
        context={"source": ARTICLE},
    )
    assert draft.killed == 0


def test_draft_with_an_invented_quote_fails_with_a_reask_message():
    with pytest.raises(ValidationError, match="is not in the article; copy the text exactly"):
        CasualtiesDraft.model_validate(
            {
                "killed_quote": "Five people died in the attack",
                "killed": 5,
                "injured_quote": None,
                "injured": None,
                "other_figures": [],
            },
            context={"source": ARTICLE},
        )


def test_without_a_source_the_draft_is_parsed_leniently():
    draft = CasualtiesDraft.model_validate(
        {
            "killed_quote": "invented",
            "killed": 1,
            "injured_quote": None,
            "injured": None,
            "other_figures": [],
        }
    )
    assert draft.killed == 1


def test_key_facts_are_asked_five_to_eight_and_at_most_eight_kept():
    """Five is the grammar's minimum, not a check: an answer cut off at the
    token limit keeps the facts it finished."""
    fact = {"quote": "Three rockets", "claim": "Rockets were fired."}
    assert KeyFactsDraft.model_json_schema()["properties"]["facts"]["minItems"] == 5
    assert len(KeyFactsDraft.model_validate({"facts": [fact] * 2}).facts) == 2
    with pytest.raises(ValidationError):
        KeyFactsDraft.model_validate({"facts": [fact] * 9})


def test_draft_schemas_cap_every_list():
    """Uncapped lists let a small model generate until the context is full."""

    def arrays(schema):
        if isinstance(schema, dict):
            if schema.get("type") == "array":
                yield schema
            for value in schema.values():
                yield from arrays(value)
        elif isinstance(schema, list):
            for value in schema:
                yield from arrays(value)

    for draft in (step.draft for step in STEPS):
        for array in arrays(draft.model_json_schema()):
            assert "maxItems" in array, draft.__name__


def test_summary_round_trips_and_lists_its_evidence():
    ev = Evidence(quote="Three rockets", start=0, end=13, match=MatchKind.exact)
    summary = IncidentSummary(
        is_incident=True,
        title="Rockets hit embassy",
        summary="Three rockets were fired at the embassy.",
        event_type=EventType.rocket_or_missile_attack,
        event_type_evidence=[ev],
        metadata=RunMetadata(
            model="m",
            backend="local",
            prompt_name="p",
            prompt_hash="h",
            source_sha256="s",
            source_chars=1,
        ),
    )
    again = IncidentSummary.model_validate_json(summary.model_dump_json())
    assert again == summary
    assert again.evidence() == [("event_type_evidence[0]", ev)]
    assert "Three rockets" in summary._repr_html_()


def test_evidence_rejects_negative_offsets():
    with pytest.raises(ValidationError):
        Evidence(quote="x", start=-1, end=0, match=MatchKind.exact)


def test_flags_are_structured_and_schema_1_0_text_flags_still_load():
    from summarizer.schema import Issue, IssueKind, RunMetadata

    meta = RunMetadata(
        model="m", backend="b", prompt_name="p", prompt_hash="", source_sha256="", source_chars=0
    )
    old = IncidentSummary.model_validate(
        {"is_incident": True, "title": "t", "summary": "s", "metadata": meta.model_dump(),
         "flags": ["casualties.killed: 3 is not stated in its quote 'x'; dropped"]}
    )  # fmt: skip
    issue = old.flags[0]
    assert issue == Issue(
        field="casualties.killed", kind=IssueKind.other, message="3 is not stated in its quote 'x'; dropped"
    )
    assert issue.top == "casualties" and str(issue).startswith("casualties.killed: 3")
    again = IncidentSummary.model_validate_json(old.model_dump_json())
    assert again.flags == old.flags and again.model_dump()["flags"][0]["field"] == "casualties.killed"
