"""The questions the pipeline asks the model, one small schema per step.

A 1.5B model answers a focused question far better than one that asks for
everything at once, so the summary is built from four steps, asked in this
order over the same article (the server reuses the article's cached
prefix): classify, details, casualties, key facts. Each draft puts the quote
*before* the value it supports, so the model finds the evidence first.

Drafts are what the model writes: quotes as plain strings. A draft validates
only when every quote can be located in the article (the source is passed
through pydantic's validation context), so instructor feeds "quote X is not
in the article" back to the model as the retry prompt.
"""

from __future__ import annotations

import bisect
import copy
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, BeforeValidator, Field, ValidationInfo, model_validator

from summarizer.errors import ConfigError
from summarizer.schema import (
    Attribution,
    Casualties,
    CasualtyFigure,
    EventType,
    Evidence,
    IncidentSummary,
    Issue,
    IssueKind,
    KeyFact,
    Location,
    Party,
    Perpetrator,
    Weapon,
)
from summarizer.text.eventtypes import by_means
from summarizer.text.figures import NOBODY, one_victim, spelt_out
from summarizer.text.grounding import locate, sentences


def _cite(value: object, info: ValidationInfo) -> object:
    """A sentence number becomes the text of that sentence."""
    numbered: list[str] | None = (info.context or {}).get("sentences")
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    if not numbered:
        raise ValueError(f"{value} is a number; copy the words of the article instead")
    if not 1 <= value <= len(numbered):
        if (info.context or {}).get("lenient"):
            return f"(sentence {value}, which does not exist)"  # fails grounding: dropped and flagged
        raise ValueError(f"sentence {value} does not exist; cite a sentence number from 1 to {len(numbered)}")
    return numbered[value - 1]


_SCHEMAS: dict[tuple[Any, ...], dict[str, Any]] = {}

Name = Annotated[str, Field(max_length=100)]
Quote = Annotated[str, Field(json_schema_extra={"maxLength": 300}), BeforeValidator(_cite)]
"""maxLength is for the grammar (it stops runaway quotes); it is not checked,
because a cited sentence may be longer."""


def cite_by_number(schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema the model writes to when citing sentences: every quote
    field becomes an integer (the grammar then allows nothing else)."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "properties":
                    out[key] = {
                        name: _as_number(prop) if name.endswith("quote") else walk(prop)
                        for name, prop in value.items()
                    }
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(schema)  # type: ignore[no-any-return]


def _as_number(prop: dict[str, Any]) -> dict[str, Any]:
    nullable = any(option.get("type") == "null" for option in prop.get("anyOf", []))
    number = {"type": "integer", "minimum": 1}
    return {"anyOf": [number, {"type": "null"}]} if nullable else number


class Draft(BaseModel):
    """Base of every step's answer: its quotes must be in the article."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Cached: the schema is asked for on every request (by us and by
        instructor) and generating it costs milliseconds of CPU each time."""
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMAS[key])

    def quotes(self) -> Iterator[str]:
        """Every quote string in this draft, wherever it sits."""

        def walk(value: object, name: str = "") -> Iterator[str]:
            if isinstance(value, BaseModel):
                for field in type(value).model_fields:
                    yield from walk(getattr(value, field), field)
            elif isinstance(value, list):
                for item in value:
                    yield from walk(item, name)
            elif isinstance(value, str) and (name.endswith("quote") or name == "date_text"):
                yield value

        yield from walk(self)

    @model_validator(mode="after")
    def _quotes_are_in_the_article(self, info: ValidationInfo) -> Draft:
        source = (info.context or {}).get("source")
        if source is None:
            return self
        missing = [q for q in self.quotes() if q.strip() and locate(q, source) is None]
        if missing:
            raise ValueError(
                "; ".join(f"quote {q!r} is not in the article; copy the text exactly" for q in missing)
            )
        return self


class ClassifyDraft(Draft):
    """What happened, in the model's own words: the event type is read from
    them (`eventtypes.classify`), not chosen from a list, where the 1.5B
    model answers the first type listed whatever the article says."""

    event_quote: Quote
    title: str = Field(max_length=120)
    summary: str = Field(max_length=500)


class KindDraft(Draft):
    """What kind of event, asked apart from the type (an optional step,
    `SUMMARIZER_STEPS=kind`): a 1.5B model names the kind (attack, fighting,
    accident, none) better than it picks one type of a long list, and the
    means in its own words (eval/experiments/kind_first.py). Measured worse
    than reading the type from the classify step's words on incident or not
    (eval/experiments/2026-12-01-kind-first-v2.md), so it is off by default."""

    event_quote: Quote
    kind: Literal["attack", "fighting", "accident", "no_incident"]
    means: str = Field(max_length=60)


class LocationDraft(BaseModel):
    location_quote: Quote | None
    country: Name | None
    region: Name | None
    city: Name | None
    site: Name | None


class PerpetratorDraft(BaseModel):
    quote: Quote
    name: Name
    attribution: Attribution
    attributed_by: Name | None


class PartyDraft(BaseModel):
    quote: Quote
    name: Name


class WeaponDraft(BaseModel):
    quote: Quote
    name: Name
    count: int | None


_WEAPON = re.compile(
    r"\b(rockets?|missiles?|bombs?|drones?|guns?|mortars?|shells?|grenades?|explosives?|ieds?|weapons?)\b",
    re.IGNORECASE,
)


def is_weapon(name: str) -> bool:
    """ "rockets", "a drone": a name that is a weapon, not who used it."""
    return bool(_WEAPON.search(name))


class DetailsDraft(Draft):
    date_text: str | None = Field(max_length=80)
    date: str | None = Field(max_length=10)
    location: LocationDraft
    perpetrators: list[PerpetratorDraft] = Field(max_length=3)
    claimed_by: list[PartyDraft] = Field(max_length=2)
    targets: list[PartyDraft] = Field(max_length=3)
    weapons: list[WeaponDraft] = Field(max_length=3)

    @model_validator(mode="after")
    def _perpetrators_are_not_weapons(self, info: ValidationInfo) -> DetailsDraft:
        """The small model's most common slip: "rockets" as the perpetrator."""
        if (info.context or {}).get("source") is None:
            return self
        weapons = [p.name for p in self.perpetrators if is_weapon(p.name)]
        if weapons:
            raise ValueError(
                "; ".join(
                    f"perpetrator {name!r} is a weapon; perpetrators are the people or groups who "
                    "carried it out or are blamed (an empty list if the article names none)"
                    for name in weapons
                )
            )
        return self


class FigureDraft(BaseModel):
    quote: Quote
    kind: Literal["killed", "injured"]
    count: int


class CasualtiesDraft(Draft):
    killed_quote: Quote | None
    killed: int | None
    injured_quote: Quote | None
    injured: int | None
    other_figures: list[FigureDraft] = Field(max_length=3)

    def figures(self) -> list[tuple[Literal["killed", "injured"], int | None, str | None]]:
        """(kind, count, quote) for killed and injured. "No casualties" answers
        both, so a 0 without a quote borrows the other side's if it says that."""
        pairs: list[tuple[Literal["killed", "injured"], int | None, str | None]] = [
            ("killed", self.killed, self.killed_quote),
            ("injured", self.injured, self.injured_quote),
        ]
        return [
            (
                kind,
                count,
                quote or (other if count == 0 and other and CASUALTIES_WORD.search(other) else None),
            )
            for (kind, count, quote), (_, _, other) in zip(pairs, reversed(pairs), strict=True)
        ]

    @model_validator(mode="after")
    def _figures_are_in_their_quotes(self, info: ValidationInfo) -> CasualtiesDraft:
        source = (info.context or {}).get("source")
        if source is None:
            return self

        def located(quote: str | None) -> str | None:
            found = locate(quote, source) if quote else None
            return found.quote if found else quote

        problems = [
            f"{kind}={count} but {kind}_quote {quote!r} does not state that figure; "
            f"quote the sentence that gives the number of people {kind}, or use null"
            for kind, count, quote in self.figures()
            if not figure_supported(count, located(quote), kind)
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self


CASUALTIES_WORD = re.compile(r"casualt|causalt|causalit", re.IGNORECASE)
"""Words that cover killed and injured alike (with a common misspelling)."""

_NONE = re.compile(
    r"\b(no|none|nobody|no one|not|without|zero|neither|unharmed|unhurt|kein\w*|niemand)\b"
    r"|\u0644\u0627 |\u0644\u0645 |\u062f\u0648\u0646 ",  # Arabic: la, lam, doon
    re.IGNORECASE,
)


DEATH = re.compile(
    r"kill|dead|died|dies|death|fatal|lives|bodies|body|murder|slain|casualt|causalt|causalit"
    r"|tot\b|tote|getötet|starb|leiche|erstach|erschoss|ermordet|tué|tuée|morts?\b|abattu|décès|décéd|muert|fallec|asesin|cadáver"
    r"|mort[aoie]\b|uccis|decedut|morreu|morreram|mortos?\b|mortas?\b|cadavere|corpo\b"
    r"|убит|погиб|смерт|тело|тела|жертв|скончал|умер|umgebracht|erschlag|erschlug"
    r"|doden|dode\b|omgekom|gedood|zemřel|mrtv|zahynul"
    r"|\u0642\u062a\u0644|\u0645\u0648\u062a|\u0648\u0641\u0627\u0629|\u0636\u062d\u0627\u064a\u0627",
    re.IGNORECASE,
)
"""Words for deaths, in the gold sets' languages (a killed figure's quote must have one)."""

INJURY = re.compile(
    r"injur|wound|hurt|burns\b|hospital|casualt|causalt|causalit|verletz|blessé|bless|hôpital|herid|lesionad|ferit|ferid"
    r"|hospital|ранен|пострада|госпитал|травм|verwundet|gewond|zraněn|zranil|intossicat|intoxiqu|intoxicad|\u062c\u0631\u062d|\u0645\u0635\u0627\u0628",
    re.IGNORECASE,
)
"""Words for injuries (an injured figure's quote must have one)."""

CASUALTY = re.compile(
    f"{DEATH.pattern}|{INJURY.pattern}|(?<!fell )victim|opfer|victime|víctima", re.IGNORECASE
)
"""Any casualty word: the sentences the casualties step is pointed at."""


def figure_supported(count: int | None, quote: str | None, kind: str | None = None) -> bool:
    """A casualty figure must be written in a quote about casualties.

    Small models copy a number from the wrong sentence ("three rockets" as
    three killed) or the wounded as the dead; this check turns that into a
    re-ask, then a drop. The quote must speak of casualties of the `kind`
    ("killed": a word for deaths; "injured": for injuries; "casualties"
    covers both) and state the number (or a "none" for 0).
    """
    if count is None:
        return True
    if count == 0 and quote and NOBODY.search(quote):
        return True  # "nobody was hurt", "никто не пострадал": 0 killed and 0 injured (LABELLING.md)
    if not quote or not CASUALTY.search(quote):
        return False
    if kind is not None and not (DEATH if kind == "killed" else INJURY).search(quote):
        return False  # "11 injured" is not a killed figure
    if count == 0:
        return bool(_NONE.search(quote))
    if count == 1 and one_victim(quote):
        return True
    digits = {str(count), f"{count:,}", f"{count:,}".replace(",", ".")}
    return any(
        re.search(rf"(?<![\d.,]){re.escape(d)}(?![\d])", text) for text in spelt_out(quote) for d in digits
    )


class FactDraft(BaseModel):
    quote: Quote
    claim: str = Field(max_length=200)


class KeyFactsDraft(Draft):
    facts: list[FactDraft] = Field(max_length=8, json_schema_extra={"minItems": 5})
    """At least five is asked for (the grammar), not checked: an answer cut
    off at the token limit keeps the facts it finished."""


D = TypeVar("D", bound=Draft)


@functools.cache
def by_number(draft: type[D]) -> type[D]:
    """`draft` as the model writes it when citing sentences: the same model,
    whose JSON schema (`cite_by_number`) has a number for every quote. The
    backend just sends the schema it is given; which fields are quotes is
    the steps' business, not the backend's."""

    def model_json_schema(cls: type[D], *args: Any, **kwargs: Any) -> dict[str, Any]:
        return cite_by_number(draft.model_json_schema(*args, **kwargs))

    return type(draft.__name__, (draft,), {"model_json_schema": classmethod(model_json_schema)})


class Piece(Protocol):
    """The chunk of the article a step's answer came from, as its merge sees
    it: whether it is the first, how a quote is located in it (offsets into
    the whole article), and where a dropped quote or figure is flagged."""

    first: bool

    def ground(self, quote: str | None, path: str) -> list[Evidence]: ...

    def flag(self, issue: Issue) -> None: ...


@dataclass(frozen=True)
class Step(Generic[D]):
    """One question the pipeline asks, defined once: its name (its template
    is `prompts/steps/NAME.j2`), the draft the model writes, the sentences
    of the article it is pointed at (`leads`, found by code and shown after
    the article under `leads_label`; with `only_with_leads`, a chunk with
    none is not asked), and how its answer goes into the summary (`merge`).
    Adding a step is a definition here and its template."""

    name: str
    draft: type[D]
    leads: re.Pattern[str] | None = None
    leads_label: str = ""
    merge: Callable[[IncidentSummary, D, Piece], None] | None = None
    only_with_leads: bool = False

    def lead_sentences(self, text: str) -> list[str]:
        return lead_sentences(text, self.leads) if self.leads is not None else []


TIME = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight"
    r"|morning|afternoon|evening|night|dawn|midnight|noon|january|february|march|april|june|july"
    r"|august|september|october|november|december|montag|dienstag|mittwoch|donnerstag|freitag"
    r"|samstag|sonntag|gestern|heute|morgen|abend|nacht|uhr|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche|hier|soir|matin|lunes|martes|miércoles|jueves|viernes|sábado|domingo|ayer|noche"
    r"|понедельник|вторник|среда|среду|четверг|пятница|пятницу|суббота|субботу|воскресенье|вчера|ночью|утром|вечером)\b"
    r"|\d{1,2}[:.]\d{2}|\d\s?[ap]\.?m\b",
    re.IGNORECASE,
)
"""Words that date an event ("may" is left out: mostly the verb), for pointing the details step at the sentences that say when."""

MAX_KEY_FACTS = 8


def _merge_details(summary: IncidentSummary, d: DetailsDraft, at: Piece) -> None:
    """When and where from the first chunk (a later one only fills what is
    missing); perpetrators, claims, targets and weapons added without repeats."""
    if at.first or summary.date_text is None:
        evidence = at.ground(d.date_text, "date_text")
        summary.date_text = evidence[0].quote if evidence else None
        summary.date_evidence = evidence
        summary.date = d.date
    loc = d.location
    if at.first or not any([summary.location.country, summary.location.city]):
        summary.location = Location(
            country=loc.country,
            region=loc.region,
            city=loc.city,
            site=loc.site,
            evidence=at.ground(loc.location_quote, "location"),
        )
    names = {p.name.casefold() for p in summary.perpetrators}
    for i, p in enumerate(d.perpetrators):
        if is_weapon(p.name):  # still a weapon after the re-ask
            at.flag(
                Issue(
                    field=f"perpetrators[{i}]",
                    kind=IssueKind.not_a_perpetrator,
                    message=f"{p.name!r} is a weapon, not a perpetrator; dropped",
                )
            )
        elif p.name.casefold() not in names:
            summary.perpetrators.append(
                Perpetrator(
                    name=p.name,
                    attribution=p.attribution,
                    attributed_by=p.attributed_by,
                    evidence=at.ground(p.quote, f"perpetrators[{i}]"),
                )
            )
    for field_name, drafts in (("claimed_by", d.claimed_by), ("targets", d.targets)):
        parties: list[Party] = getattr(summary, field_name)
        seen = {p.name.casefold() for p in parties}
        for i, party in enumerate(drafts):
            if party.name.casefold() not in seen:
                parties.append(
                    Party(
                        name=party.name,
                        evidence=at.ground(party.quote, f"{field_name}[{i}]"),
                    )
                )
    seen_weapons = {w.name.casefold() for w in summary.weapons}
    for i, w in enumerate(d.weapons):
        if w.name.casefold() not in seen_weapons:
            summary.weapons.append(
                Weapon(
                    name=w.name,
                    count=w.count if w.count is None or w.count >= 0 else None,
                    evidence=at.ground(w.quote, f"weapons[{i}]"),
                )
            )


def _merge_casualties(summary: IncidentSummary, c: CasualtiesDraft, at: Piece) -> None:
    """Each figure whose quote states it; the first of a kind is the toll
    (`pipeline` then chooses among these and code's candidates)."""
    current = summary.casualties
    figures = list(current.figures)
    figures_given = c.figures()
    answered = {
        kind
        for kind, count, quote in figures_given
        if count is not None and figure_supported(count, quote, kind)
    }
    for kind, count, quote in figures_given:
        if count is None or count < 0:
            continue
        other: Literal["killed", "injured"] = "injured" if kind == "killed" else "killed"
        if kind not in answered:
            if count > 0 and other not in answered and figure_supported(count, quote, other):
                # "Two people were injured" given as killed=2: the figure is the
                # other kind's, for which the answer has no figure its quote states.
                at.flag(
                    Issue(
                        field=f"casualties.{kind}",
                        kind=IssueKind.figure_not_stated,
                        message=f"{count} is a figure of {other}, not {kind}, in its quote {quote!r}; moved",
                    )
                )
                kind = other
            else:
                at.flag(
                    Issue(
                        field=f"casualties.{kind}",
                        kind=IssueKind.figure_not_stated,
                        message=f"{count} is not stated in its quote {quote!r}; dropped",
                    )
                )
                continue
        evidence = at.ground(quote, f"casualties.{kind}")
        if getattr(current, kind) is None:
            setattr(current, kind, count)
            setattr(current, f"{kind}_evidence", evidence)
        figures.append(CasualtyFigure(kind=kind, count=count, evidence=evidence))
    _no_casualties_means_neither(current)
    for i, f in enumerate(c.other_figures):
        if f.count >= 0 and not figure_supported(f.count, f.quote, f.kind):
            at.flag(
                Issue(
                    field=f"casualties.figures[{i}]",
                    kind=IssueKind.figure_not_stated,
                    message=f"{f.count} is not stated in its quote {f.quote!r}; dropped",
                )
            )
        elif f.count >= 0:
            evidence = at.ground(f.quote, f"casualties.figures[{i}]")
            figures.append(CasualtyFigure(kind=f.kind, count=f.count, evidence=evidence))
    current.figures = unique_figures(figures)


def unique_figures(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """The figures without repeats: the same kind and count from the same place, first kept."""
    unique: dict[tuple[str, int, int | None], CasualtyFigure] = {}
    for fig in figures:
        unique.setdefault((fig.kind, fig.count, fig.evidence[0].start if fig.evidence else None), fig)
    return list(unique.values())


def _no_casualties_means_neither(c: Casualties) -> None:
    """'No casualties' is a figure for killed and injured alike: the model
    often fills one side and leaves the other null."""
    for have, missing in (("killed", "injured"), ("injured", "killed")):
        evidence: list[Evidence] = getattr(c, f"{have}_evidence")
        if (
            getattr(c, have) == 0
            and getattr(c, missing) is None
            and evidence
            and CASUALTIES_WORD.search(evidence[0].quote)
        ):
            setattr(c, missing, 0)
            setattr(c, f"{missing}_evidence", list(evidence))


def _merge_facts(summary: IncidentSummary, k: KeyFactsDraft, at: Piece) -> None:
    """Key facts with a located quote, without repeats, up to `MAX_KEY_FACTS`."""
    seen = {f.evidence[0].start for f in summary.key_facts if f.evidence}
    claims = {f.claim.casefold() for f in summary.key_facts}
    for i, fact in enumerate(k.facts):
        if len(summary.key_facts) >= MAX_KEY_FACTS:
            return
        evidence = at.ground(fact.quote, f"key_facts[{i}]")
        if not evidence or evidence[0].start in seen or fact.claim.strip().casefold() in claims:
            continue  # a key fact is only as good as its quote (drops are flagged); no repeats
        seen.update(e.start for e in evidence)
        claims.add(fact.claim.strip().casefold())
        summary.key_facts.append(KeyFact(claim=fact.claim.strip(), evidence=evidence))


def _merge_kind(summary: IncidentSummary, k: KindDraft, at: Piece) -> None:
    """The kind decides an accident or a clash; an attack's type is its means
    where the model names one (`eventtypes.by_means`). Whether anything
    happened stays the classify step's call: by the time this answer is
    merged, the other steps have been asked."""
    if not at.first:
        return
    kinds = {"accident": EventType.accident, "fighting": EventType.armed_clash}
    typed = kinds.get(k.kind) or (by_means(k.means) if k.kind == "attack" else None)
    if typed is None or typed is summary.event_type:
        return
    summary.event_type = typed
    summary.event_type_evidence = at.ground(k.event_quote, "event_type") or summary.event_type_evidence


KIND = Step("kind", KindDraft, merge=_merge_kind)
"""Optional (`OPTIONAL_STEPS`): asked after classify, before the others, when named in `SUMMARIZER_STEPS`."""
CLASSIFY = Step("classify", ClassifyDraft)
"""Asked first and on its own: its answer decides whether the others are asked (`pipeline`)."""
DETAILS = Step("details", DetailsDraft, leads=TIME, leads_label="say when", merge=_merge_details)
CASUALTIES = Step(
    "casualties",
    CasualtiesDraft,
    leads=CASUALTY,
    leads_label="mention casualties",
    merge=_merge_casualties,
    only_with_leads=True,
)
KEY_FACTS = Step("key_facts", KeyFactsDraft, merge=_merge_facts)

STEPS: tuple[Step[Any], ...] = (CLASSIFY, DETAILS, CASUALTIES, KEY_FACTS)
"""The steps asked by default, in order."""

OPTIONAL_STEPS: dict[str, Step[Any]] = {"kind": KIND}
"""Steps asked only when named (`Settings.steps`, `Summarizer(steps=...)`),
after classify and before the others: a new question is tried here, off by
default, until the eval has measured it."""


def asked(optional: tuple[str, ...] = ()) -> tuple[Step[Any], ...]:
    """The steps a run asks, in order: the default ones with the named
    optional ones after classify. An unknown name is a `ConfigError`."""
    unknown = [name for name in optional if name not in OPTIONAL_STEPS]
    if unknown:
        raise ConfigError(f"unknown step {unknown[0]!r} (optional steps: {', '.join(OPTIONAL_STEPS)})")
    return (STEPS[0], *(OPTIONAL_STEPS[name] for name in optional), *STEPS[1:])


MAX_LEADS = 8


def lead_sentences(text: str, pattern: re.Pattern[str]) -> list[str]:
    """The sentences of `text` that `pattern` finds something in, in order.

    One scan of the whole text, then each hit mapped to its sentence: the
    word lists are long alternations, and searching sentence by sentence
    was a tenth of a batch's CPU."""
    spans = sentences(text)
    starts = [start for start, _ in spans]
    hit: dict[int, None] = {}
    lowered = text.lower()  # a case-sensitive scan of lowered text is 2-4x faster than IGNORECASE
    if len(lowered) != len(text):  # lowering changed lengths ("İ"): offsets would drift
        lowered = text
    for m in _case_sensitive(pattern).finditer(lowered):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < spans[i][1] and pattern.search(text[spans[i][0] : spans[i][1]]):
            hit[i] = None
    found = [text[spans[i][0] : spans[i][1]] for i in hit]
    return list(dict.fromkeys(found))[:MAX_LEADS]


@functools.cache
def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` without IGNORECASE, for lowered text (its words are written in lower case)."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
