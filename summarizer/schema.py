"""The contract: what an incident summary is.

Everything the project produces is an `IncidentSummary`. Every fact-bearing
field carries `Evidence`: verbatim spans of the source located by character
offsets, so a reader can check each claim against the article. A reader can
learn the whole output format from this file alone.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

SCHEMA_VERSION = "1.2"
"""1.1: `flags` are `Issue` objects (field, kind, message), no longer strings.
1.2: evidence `match` may be `rule`: a span the pipeline's own rules found."""


Cite = Literal["quote", "sentence"]
"""How the model gives evidence: a `quote` copied from the article, or the
number of a `sentence` of the article (numbered in the prompt), which the
pipeline turns into that sentence's text. Numbers cost the model a few
tokens where a copied quote costs dozens, and cannot be misquoted."""


class MatchKind(StrEnum):
    """How a quote the model gave was found in the source.

    `exact`: the model's quote is a substring of the source. `normalised`: it
    matches once whitespace, case, quote marks and dashes are ignored.
    `fuzzy`: it aligns with a source span above `grounding.FUZZY_THRESHOLD`,
    or every word of it is in one source sentence (the evidence is then that
    whole sentence). `rule`: no quote of the model's; the pipeline's own rules
    found the span (the sentence of a casualty figure, a lead sentence as a
    key fact, a place name the gazetteer knows).
    In every case `Evidence.quote` is the *source's* text, never the model's.
    """

    exact = "exact"
    normalised = "normalised"
    fuzzy = "fuzzy"
    rule = "rule"


class Evidence(BaseModel):
    """A verbatim span of the source: `source[start:end] == quote`.

    Offsets are Python string indices (Unicode code points) into the whole
    source text as decoded; `start` is inclusive and `end` exclusive.
    """

    model_config = ConfigDict(frozen=True)

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    match: MatchKind


class EventType(StrEnum):
    """What kind of event the report describes, and how it maps onto ACLED.

    | value | ACLED event type / sub-event type |
    |---|---|
    | rocket_or_missile_attack | Explosions/Remote violence / Shelling, artillery, missile attack |
    | air_or_drone_strike | Explosions/Remote violence / Air or drone strike |
    | bombing | Explosions/Remote violence / Suicide bomb, Remote explosive/landmine/IED, Grenade |
    | shooting | Violence against civilians / Attack (firearms); Battles when both sides are armed |
    | armed_clash | Battles / Armed clash (also Government regains territory, Non-state actor overtakes territory) |
    | attack | Violence against civilians / Attack; Riots / Mob violence (other violent attacks) |
    | arson_or_sabotage | Strategic developments / Looting/property destruction; Riots / Violent demonstration |
    | accident | no ACLED equivalent (ACLED codes political violence only) |
    | other | no incident: anything else, including Protests and non-violent Strategic developments |

    `other` and `is_incident: false` go together: the pipeline derives one
    from the other.
    """

    rocket_or_missile_attack = "rocket_or_missile_attack"
    air_or_drone_strike = "air_or_drone_strike"
    bombing = "bombing"
    shooting = "shooting"
    armed_clash = "armed_clash"
    attack = "attack"
    arson_or_sabotage = "arson_or_sabotage"
    accident = "accident"
    other = "other"


class Attribution(StrEnum):
    """How the source attributes an act to a perpetrator."""

    claimed = "claimed"  # the perpetrator itself said it did it
    suspected = "suspected"  # someone believes or suspects it
    accused = "accused"  # someone formally or publicly blames it
    confirmed = "confirmed"  # established (arrest, conviction, official confirmation)


class Location(BaseModel):
    country: str | None = None
    region: str | None = None
    city: str | None = None
    site: str | None = None
    evidence: list[Evidence] = []


class Perpetrator(BaseModel):
    name: str
    attribution: Attribution
    attributed_by: str | None = Field(None, description="Who makes the attribution, if said.")
    evidence: list[Evidence] = []


class Party(BaseModel):
    """A named actor: a group that claimed the act, or a target."""

    name: str
    evidence: list[Evidence] = []


class Weapon(BaseModel):
    name: str
    count: int | None = Field(None, ge=0, description="How many, when the source says.")
    evidence: list[Evidence] = []


class CasualtyFigure(BaseModel):
    """One figure as the source states it; several may disagree."""

    kind: Literal["killed", "injured"]
    count: int = Field(ge=0)
    evidence: list[Evidence] = []


class Casualties(BaseModel):
    """Victims of this incident only: not attackers, not earlier or later events.

    `None` means the source gives no figure; `0` means it says there were none.
    Conflicting figures are all kept in `figures`, never averaged.
    """

    killed: int | None = Field(None, ge=0)
    injured: int | None = Field(None, ge=0)
    killed_evidence: list[Evidence] = []
    injured_evidence: list[Evidence] = []
    figures: list[CasualtyFigure] = []


class KeyFact(BaseModel):
    claim: str
    evidence: list[Evidence] = []


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )

    def __sub__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens - other.prompt_tokens,
            completion_tokens=self.completion_tokens - other.completion_tokens,
        )


class RunMetadata(BaseModel):
    """How this summary was made, so a result can be reproduced and compared."""

    schema_version: str = SCHEMA_VERSION
    model: str
    backend: str
    prompt_name: str
    prompt_hash: str = Field(description="sha256 of every rendered prompt message, in order.")
    prompt_version: str = Field(
        "", description="sha256 of the prompt templates alone: equal across documents for one prompt."
    )
    pipeline_version: str = Field(
        "", description="sha256 of the code and prompts that made this result (summarizer.store.identity)."
    )
    source_name: str | None = None
    source_sha256: str
    source_chars: int
    encoding: str = "utf-8"
    chunks: int = 1
    usage: Usage = Usage()
    attempts: int = Field(0, description="Model calls made, retries included.")
    seconds: float = 0.0
    cite: Cite = Field(
        "quote", description="How the model gave evidence: copied quotes, or sentence numbers."
    )
    cached: bool = Field(False, description="Served from the result cache: no model call was made.")


class IssueKind(StrEnum):
    quote_not_found = "quote_not_found"
    figure_not_stated = "figure_not_stated"
    not_a_perpetrator = "not_a_perpetrator"
    retries_exhausted = "retries_exhausted"
    other = "other"


class Issue(BaseModel):
    """Something the pipeline dropped or could not check, and where: a
    reader (and the evidence view) finds the field by `field`, never by
    parsing the message."""

    model_config = ConfigDict(frozen=True)

    field: str = Field(description='Path of the field: "casualties.killed", "key_facts[2]", or a step name.')
    kind: IssueKind
    message: str

    @property
    def top(self) -> str:
        """The top-level field it concerns ("casualties" for "casualties.killed")."""
        return re.split(r"[.\[]", self.field, maxsplit=1)[0]

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def _issue_from_text(value: Any) -> Any:
    """A flag saved as text by schema 1.0 ("field: message") read as an Issue."""
    if isinstance(value, str):
        field, _, message = value.partition(": ")
        return {"field": field, "kind": IssueKind.other, "message": message or value}
    return value


class IncidentSummary(BaseModel):
    """A validated, evidence-backed summary of one incident report."""

    schema_version: str = SCHEMA_VERSION
    is_incident: bool = Field(description="False when the text reports no incident at all.")
    title: str
    summary: str = Field(description="One to four neutral sentences.")
    event_type: EventType | None = None
    event_type_evidence: list[Evidence] = []
    date_text: str | None = Field(None, description="The date or time as written in the source.")
    date: str | None = Field(None, description="ISO 8601 date, only when the text itself fixes it.")
    date_evidence: list[Evidence] = []
    location: Location = Location()
    perpetrators: list[Perpetrator] = []
    claimed_by: list[Party] = []
    targets: list[Party] = []
    weapons: list[Weapon] = []
    casualties: Casualties = Casualties()
    key_facts: list[KeyFact] = []
    flags: list[Annotated[Issue, BeforeValidator(_issue_from_text)]] = Field(
        default_factory=list,
        description="Fields whose evidence could not be located and was dropped, and other warnings.",
    )
    metadata: RunMetadata

    def evidence(self) -> list[tuple[str, Evidence]]:
        """Every (field path, evidence) pair, for checking and display."""
        found: list[tuple[str, Evidence]] = []

        def walk(path: str, value: Any) -> None:
            if isinstance(value, Evidence):
                found.append((path, value))
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(f"{path}.{name}" if path else name, getattr(value, name))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    walk(f"{path}[{i}]", item)

        walk("", self)
        return found

    _html: ClassVar[Callable[[IncidentSummary], str] | None] = None
    """How a notebook shows a summary: set by `summarizer.render.records` when it is
    imported (as `import summarizer` does), so the schema imports no rendering."""

    def __repr__(self) -> str:
        """One line: what happened, where, the toll and how much evidence
        (the whole record is `model_dump_json(indent=2)`)."""
        place = ", ".join(x for x in (self.location.city, self.location.country) if x) or None
        return (
            f"IncidentSummary(title={textwrap.shorten(self.title, 80)!r}, event_type={str(self.event_type)!r}, place={place!r}, "
            f"killed={self.casualties.killed}, injured={self.casualties.injured}, "
            f"key_facts={len(self.key_facts)}, flags={len(self.flags)})"
        )

    def _repr_html_(self) -> str | None:
        html = type(self)._html
        return html(self) if html is not None else None
