"""Fields found by code: the event type from the model's words, casualty
figures, places and lead sentences. Pure functions, made-up sentences."""

from __future__ import annotations

import pytest

from summarizer import pipeline
from summarizer.pipeline import MAX_KEY_FACTS, _choose_figures, _fill_facts
from summarizer.schema import (
    Casualties,
    EventType,
    Evidence,
    IncidentSummary,
    KeyFact,
    Location,
    MatchKind,
    Party,
    Perpetrator,
    RunMetadata,
)
from summarizer.text import eventtypes, parties, places
from summarizer.text.eventtypes import classify
from summarizer.text.figures import candidates
from summarizer.text.grounding import evidence_at


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Tram derails in Croydon, killing seven. The tram overturned on a bend.", "accident"),
        ("Ship crashes into bridge on the Rhine; 24 hurt.", "accident"),
        ("Truck ploughs into crowd in Nice, killing 84; police shot the driver.", "attack"),
        ("Suicide bomber rams car packed with explosives into consulate wall, killing four.", "bombing"),
        ("Rockets hit the US embassy in Baghdad; no casualties.", "rocket_or_missile_attack"),
        ("A drone fired two missiles at a car, killing three militants.", "air_or_drone_strike"),
        ("Gunman opens fire at a party, killing two.", "shooting"),
        ("Man stabs three people with a knife outside a school.", "attack"),
        (
            "Arsonists set fire to a phone mast; firefighters fought the flames for hours.",
            "arson_or_sabotage",
        ),
        ("Soldiers and rebels clash near the border; 16 killed in heavy fighting.", "armed_clash"),
        ("Police clash with protesters; three demonstrators killed.", "attack"),
        ("Oil prices fall on oversupply worries; stocks drift near highs.", "other"),
        ("Tennis player wins the final in straight sets.", "other"),
        ("Bomber sentenced to death for the 2013 marathon bombing.", "other"),
        ("Families mark one year since the plane crash.", "other"),
        ("A missile programme worries the neighbours.", "other"),  # a weapon, but nothing happened
        ("The phone's camera improves images shot with third-party apps.", "other"),  # no one was shot
        ("A man was shot dead outside a bar.", "shooting"),
        ("Fireworks explosion injures two at a beach display.", "accident"),
        ("Gas explosion at a chemical plant kills five workers.", "accident"),
        ("Massive explosion rocks petrochemical facility, killing three.", "accident"),  # works, no weapon
        ("Drone strike sparks fire at oil refinery, two killed.", "air_or_drone_strike"),  # a weapon named
        ("Six soldiers killed in a raid on an army base.", "attack"),  # a raid is meant
        ("Two unidentified aircraft attacks killed 15 militia fighters.", "air_or_drone_strike"),
        ("A bomb explosion at a factory kills five workers.", "bombing"),  # a bomb is meant
        ("Gunmen opened fire at a factory, killing five.", "shooting"),
    ],
)
def test_the_event_type_is_read_from_the_models_words(words, expected):
    assert classify(words) == EventType(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A car bomb exploded, killing at least four civilians and wounding 120 others.", {("killed", 4), ("injured", 120)}),
        ("Seven people died and 51 were injured when the tram overturned.", {("killed", 7), ("injured", 51)}),
        ("Quatre combattants du Hamas ont été tués et cinq soldats blessés.", {("killed", 4), ("injured", 5)}),
        ("Bei dem Unfall wurden zwölf Menschen verletzt.", {("injured", 12)}),
        ("Взрыв: в результате взрыва погибли двое человек, ещё двенадцать ранены.", {("killed", 2), ("injured", 12)}),
        ("По данным МЧС, погибли 12 человек, 40 пострадали.", {("killed", 12), ("injured", 40)}),
        ("Police named the man as Phillip Pitts, 41, who died at the scene.", set()),  # an age
        ("Three attackers were killed by police.", set()),  # attackers are not victims
        ("The 2016 crash killed nobody; it happened at 4 am.", set()),
        ("Prices rose 5 percent.", set()),
        ("At least 37 people drowned, including 10 children.", {("killed", 37)}),  # a part is not the toll
        ("Police placed bodies, some 10 children among them, in bags.", set()),
        ("Une roquette a été tirée, ne faisant ni blessé ni dégât.", {("killed", 0), ("injured", 0)}),
        ("Verletzt wurde niemand.", {("killed", 0), ("injured", 0)}),
        ("Three rockets killed two people.", {("killed", 2)}),  # a number of weapons is not a toll
        ("Five people including a suicide bomber were killed.", {("killed", 4)}),  # victims only
        ("Since October, attacks have killed 28 Israelis.", set()),  # a tally of many events
        ("Dos ataques aéreos mataron a 15 combatientes e hirieron a 20.", {("killed", 15), ("injured", 20)}),
    ],
)  # fmt: skip
def test_casualty_figures_are_found_near_their_words(sentence, expected):
    found = candidates(sentence)
    assert {(c.kind, c.count) for c in found} == expected
    assert all(sentence[c.start : c.end] == c.sentence for c in found)


def test_the_models_figure_stands_when_code_found_it_in_the_lead():
    text = "A blast killed 12 people on Monday. By evening the toll had risen to 15 dead."
    c = Casualties(killed=15)
    _choose_figures(c, candidates(text), text)
    assert c.killed == 15
    recalled = "A blast killed 12 people. " + "Officials spoke. " * 5 + "A 2014 crash killed 298 people."
    c = Casualties(killed=298, injured=4)  # an earlier event's toll; an injured figure nowhere in the text
    _choose_figures(c, candidates(recalled), recalled)
    assert (c.killed, c.injured) == (12, 4)


def test_a_toll_counted_with_its_attackers_is_the_victims_wherever_it_is_written():
    text = "Suicide bombing kills five in Istanbul. Five people including a suicide bomber were killed."
    assert {(c.kind, c.count) for c in candidates(text)} == {("killed", 4)}


def test_a_lead_saying_nobody_was_hurt_is_a_toll_of_zero():
    text = "A rocket hit Ashdod; no one was hurt. On Saturday 35 others were wounded in Gaza."
    c = Casualties(injured=35)  # the model took the earlier days' figure
    _choose_figures(c, candidates(text), text)
    assert (c.killed, c.injured) == (0, 0)
    assert c.injured_evidence[0].quote.startswith("A rocket hit Ashdod")
    assert {(f.kind, f.count) for f in c.figures} == {("injured", 35)}  # a 0 is no figure to list


def test_otherwise_the_first_figure_found_is_the_toll_and_a_model_zero_stands():
    text = "A blast killed 12 people on Monday. Officials later said nine children were among them."
    c = Casualties(killed=9, injured=0)  # 9 is tied to no word for deaths
    _choose_figures(c, candidates(text), text)
    assert c.killed == 12 and c.killed_evidence[0].match == MatchKind.rule
    assert text[c.killed_evidence[0].start : c.killed_evidence[0].end] == c.killed_evidence[0].quote
    assert c.injured == 0  # "no one was hurt" has no number for code to find
    assert {(f.kind, f.count) for f in c.figures} == {("killed", 12)}


def test_a_place_the_model_left_out_comes_from_the_gazetteer():
    text = "Police said the tram overturned in Croydon, south London, early on Wednesday."
    country, city, span = places.mentioned(text)
    assert (country, city) == ("United Kingdom", "Croydon")
    assert span is not None and text[span[0] : span[1]] == "Croydon"
    assert places.mentioned("The weather was fine and And it rained.") == (None, None, None)
    assert places.mentioned("Ein Unfall in Deutschland.")[0] == "Germany"


def test_a_shared_city_name_is_the_one_in_the_country_the_article_names():
    essex = "A pedestrian died in hospital after being hit by a car in Brentwood, Essex, on Friday."
    assert places.normalise(None, "Brentwood", essex) == ("United Kingdom", "Brentwood")
    assert places.normalise(None, "Brentwood", "A pedestrian died in Brentwood.") == (
        "United States",
        "Brentwood",
    )
    spain = "Un incendio en un almacén de Valencia (España) dejó dos heridos."
    assert places.normalise(None, "Valencia", spain) == ("Spain", "Valencia")
    assert places.normalise(None, "Valencia", "A fire in Valencia left two injured.") == (
        "Venezuela",
        "Valencia",
    )
    # The model's country stands where the article backs it, or backs no other ...
    assert places.normalise("United States", "Paris", "Shots were fired in Paris, Texas.") == (
        "United States",
        "Paris",
    )
    assert places.normalise("Lebanon", "Tripoli", "A blast hit Tripoli.") == ("Lebanon", "Tripoli")
    # ... and gives way when the article names another country the city is in.
    pekin = "Une voiture a foncé sur la foule place Tiananmen à Pékin, a annoncé la Chine."
    assert places.normalise("United States", "Pékin", pekin) == ("China", "Beijing")
    assert places.mentioned("Police said a woman died in Brentwood, Essex.")[:2] == (
        "United Kingdom",
        "Brentwood",
    )


def test_an_airport_code_is_not_a_citys_name():
    assert places.normalise(None, "Pia") == (None, "Pia")  # "PIA" is Peoria's airport


def test_the_models_region_is_cut_to_the_subdivision_it_names():
    assert places.tidy_region("coastal Canakkale province", "Turkey") == "Canakkale"
    assert places.tidy_region("Balkh province", "Afghanistan") == "Balkh"
    assert places.tidy_region("New York", "United States") == "New York"
    assert places.tidy_region("South Caucasus", "Azerbaijan") == "South Caucasus"  # names none: as given


def test_countries_get_their_usual_english_names():
    assert places.normalise("Türkiye", "Ayvacik") == ("Turkey", "Ayvacik")
    assert places.normalise("Côte d’Ivoire", None) == ("Ivory Coast", None)
    assert places.normalise("Allemagne", None) == ("Germany", None)


def test_a_region_is_the_state_or_province_the_article_names_with_the_city():
    text = "Two men were shot dead in Rochester, New York, on Sunday. Police in Kunduz said nothing."
    assert places.region(text, "United States", "Rochester") == "New York"
    afghan = (
        "A bomb hit the consulate in Mazar-i-Sharif, the capital of Balkh province. "
        "Last week the Taliban attacked the northern city of Kunduz, and fighting spread to the province of Helmand."
    )
    assert places.region(afghan, "Afghanistan", "Mazar-i-Sharif") == "Balkh"
    assert (
        places.region("A bomb hit a consulate. Kunduz and Helmand saw fighting.", "Afghanistan", "Mazar")
        is None
    )
    assert places.region("Tiroteo en Cadereyta, Nuevo León.", "Mexico", "Cadereyta") == "Nuevo León"
    assert places.region("A blast in Islamabad.", "Pakistan", "Islamabad") is None  # the city, not a region


def test_key_facts_widen_to_sentences_and_lead_sentences_fill_the_rest():
    text = (
        "Headline here\n\nA tram overturned in Croydon on Wednesday morning, killing seven people. "
        "More than 50 people were injured, police said on Wednesday. "
        "The driver was arrested on suspicion of manslaughter by police. "
        "Investigators are examining the speed of the tram on the bend."
    )
    start = text.index("killing seven")
    quote = Evidence(quote="killing seven people", start=start, end=start + 20, match=MatchKind.exact)
    summary = IncidentSummary(
        is_incident=True,
        title="t",
        summary="s",
        event_type=EventType.accident,
        key_facts=[KeyFact(claim="Seven people were killed.", evidence=[quote])],
        metadata=RunMetadata(
            model="", backend="", prompt_name="", prompt_hash="", source_sha256="", source_chars=0
        ),
    )
    _fill_facts(summary, text)
    first = summary.key_facts[0]
    assert first.claim == "Seven people were killed." and first.evidence[0].quote.startswith(
        "A tram overturned"
    )
    assert first.evidence[0].match == MatchKind.exact
    assert len(summary.key_facts) == 4 <= MAX_KEY_FACTS  # "Headline here" is too short to be a fact
    for fact in summary.key_facts:
        e = fact.evidence[0]
        assert text[e.start : e.end] == e.quote
    assert [f.evidence[0].match for f in summary.key_facts[1:]] == [MatchKind.rule] * 3


def test_the_site_is_the_specific_place_the_models_quotes_or_the_lead_name():
    lead = "Blast hits city\n\nA bomb exploded outside the Grand Palace Hotel on Monday. Police sealed off the area."
    assert places.site(["the German consulate in the northern city"], lead) == "German consulate"
    assert places.site(["in the north of the country"], lead) == "Grand Palace Hotel"
    # A Title Case headline makes every word look like a name: its sentence is read last.
    titled = "Rebels Strike Army Checkpoint Near Border\n\nRebels attacked a military checkpoint on Sunday."
    assert places.site([], titled) == "military checkpoint"
    # Too vague to be a site, and a hospital in the lead is where the wounded went.
    assert places.site(["on the road"], "A car hit a wall. Two were taken to Mercy General Hospital.") is None


def test_a_russian_place_the_gazetteer_does_not_know_is_romanised_as_english_news_does():
    assert places.normalise("Россия", "Наурская") == ("Russia", "Naurskaya")
    assert places.normalise(None, "Новониколаевка") == (None, "Novonikolayevka")
    assert places.normalise("Россия", "Москва") == ("Russia", "Moscow")  # GeoNames' English name first


@pytest.mark.parametrize(
    "sentence",
    [
        "A 14-year-old girl was wounded.",
        "Стрельба в школе: ранена 14-летняя девочка.",
        "Ein 17-jähriger wurde schwer verletzt.",
        "Un niño de 12 años murió en el accidente.",
    ],
)
def test_an_age_is_not_a_toll_in_any_language(sentence):
    assert candidates(sentence, one=False) == []
    assert all(c.count == 1 for c in candidates(sentence))  # the one victim may count; the age never


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        ("Fire breaks out in a house in Springfield", "A body was found after the fire.", EventType.accident),
        (
            "Worker falls from a ladder in a warehouse",
            "A 51-year-old worker was injured.",
            EventType.accident,
        ),
        ("Boy drowns in a lake", "A boy died while swimming.", EventType.accident),
        (
            "Youths set fire to cars",
            "A fire broke out and spread to a shop; two were hurt.",
            EventType.arson_or_sabotage,
        ),
        ("Brawl in the town centre", "A brawl turned into clashes that left four injured.", EventType.attack),
        ("Gunman appears in court over mall shooting", "He is charged with killing two.", EventType.other),
        ("Kidnappers killed in shoot-out with army", "Six kidnappers died.", EventType.armed_clash),
        (
            "Road deaths in Germany fall",
            "3,059 people died in 2019, a decrease of 6.6% compared to the previous year.",
            EventType.other,
        ),
        (
            "Russia launched a Topol rocket",
            "An experimental launch from the Kapustin Yar test site.",
            EventType.other,
        ),
        (
            "SpaceX to launch its most powerful rocket",
            "The rocket will blast off on Tuesday.",
            EventType.other,
        ),
        (
            "Rocket launched at a town",
            "The rocket hit a house and killed two.",
            EventType.rocket_or_missile_attack,
        ),
        ("Protest against terrorism in Sweden", "Thousands marched after the attack.", EventType.other),
        (
            "Shots fired at a house in Berlin",
            "Police found cartridge cases after shooting at a house.",
            EventType.shooting,
        ),
        ("Training flight crashes", "Two pilots were killed.", EventType.accident),
    ],
)
def test_the_type_read_from_words_knows_falls_fires_brawls_hearings_statistics_tests_and_marches(
    title, summary, expected
):
    assert classify(title, summary) is expected


@pytest.mark.parametrize(
    ("quote", "kind", "supported"),
    [
        ("A 63-year-old woman pedestrian who died in hospital was named.", "killed", True),
        ("Sie erstachen den 11-Jährigen und warfen den Leichnam in einen Brunnen.", "killed", True),
        ("Une femme a été blessée par balle.", "injured", True),
        ("Пострадала 55-летняя пассажирка.", "injured", True),
        ("A man opened fire, killing 5 people.", "killed", False),  # the one is the attacker; 5 is stated
        ("Police said a gunman was arrested.", "killed", False),  # no word for a death
        ("Rettungskräfte bergen verkohlte Leiche", "killed", True),  # a single body
        ("Una donna è morta nell'incidente.", "killed", True),
        ("Um homem ficou ferido.", "injured", True),
        ("The governing body said 3 were killed.", "killed", False),
    ],
)
def test_one_victim_in_words_supports_a_figure_of_one(quote, kind, supported):
    from summarizer.steps.definitions import figure_supported

    assert figure_supported(1, quote, kind) is supported


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("A 63-year-old woman pedestrian died in the crash.", [("killed", 1)]),
        ("Eine Frau wurde schwer verletzt.", [("injured", 1)]),
        ("Un homme a été tué devant la gare.", [("killed", 1)]),
        ("Водитель погиб на месте.", [("killed", 1)]),
        ("A man died and two women were injured.", [("injured", 2), ("killed", 1)]),
        ("A man was arrested after three people were killed.", [("killed", 3)]),  # the one is not the victim
        ("A spokesman said the market fell.", []),
        ("Morreu um homem de 40 anos.", [("killed", 1)]),  # 40 is an age
        ("Due persone sono morte e tre ferite.", [("injured", 3), ("killed", 2)]),
    ],
)
def test_a_victim_counted_in_words_is_a_candidate_figure_of_one(sentence, found):
    assert sorted((c.kind, c.count) for c in candidates(sentence)) == sorted(found)


@pytest.mark.parametrize(
    "quote",
    [
        "к счастью, в результате происшествия никто не пострадал",
        "Il n'y a pas eu de blessés",
        "Des inconnus ont ouvert le feu sans faire de victimes",
        "Nobody was hurt in the blast.",
    ],
)
def test_nobody_hurt_supports_none_killed_and_none_injured(quote):
    from summarizer.steps.definitions import figure_supported

    assert figure_supported(0, quote, "killed") and figure_supported(0, quote, "injured")
    assert sorted((c.kind, c.count) for c in candidates(quote)) == [("injured", 0), ("killed", 0)]


def test_a_placeholder_names_no_perpetrator():
    assert parties.is_placeholder("unknown")
    assert parties.is_placeholder("Not specified.")
    assert parties.is_placeholder("N/A")
    assert not parties.is_placeholder("unknown assailants")  # a description, as an article may write it
    assert not parties.is_placeholder("Unbekannter")


def test_a_claim_is_said_in_set_phrases_in_every_language():
    for sentence in (
        "The Taliban claimed responsibility for the attack.",
        "Islamic State claimed the suicide bombing on its news agency.",
        "L'attentat a été revendiqué par l'État islamique.",
        "El grupo reivindicó el ataque en un comunicado.",
        "Eine linksextreme Gruppe bekannte sich zu dem Anschlag.",
        "Ответственность за теракт взяла на себя группировка.",
    ):
        assert parties.claims(sentence), sentence
    for sentence in (
        "The attack claimed ten lives.",
        "The government claimed the drones used were commercial models.",
        "Soldiers remained at the base, mostly responsible for training.",
    ):
        assert not parties.claims(sentence), sentence


def test_items_the_article_does_not_support_are_dropped():
    text = "Gunmen attacked a checkpoint. The army said six soldiers died. No group has claimed it yet."

    def at(name: str, source: str = text) -> list[Evidence]:
        start = source.index(name)
        return [evidence_at(source, start, start + len(name), MatchKind.exact)]

    summary = IncidentSummary(
        is_incident=True,
        title="Gunmen attack checkpoint",
        summary="Gunmen attacked a checkpoint.",
        event_type="shooting",
        perpetrators=[
            Perpetrator(name="unknown", attribution="suspected", evidence=at("Gunmen")),
            Perpetrator(name="Gunmen", attribution="confirmed", evidence=at("Gunmen")),
        ],
        claimed_by=[Party(name="The army", evidence=at("The army"))],
        targets=[Party(name="checkpoint", evidence=at("checkpoint")), Party(name="police station")],
        metadata=RunMetadata(
            model="", backend="", prompt_name="", prompt_hash="", source_sha256="", source_chars=0
        ),
    )
    flags = pipeline._check_parties(summary, text)
    assert [p.name for p in summary.perpetrators] == ["Gunmen"]
    assert summary.claimed_by == []
    assert [t.name for t in summary.targets] == ["checkpoint"]  # "police station" has no quote in the article
    assert [f.field for f in flags] == ["perpetrators[0]", "claimed_by[0]", "targets[1]"]
    claimed = "Gunmen attacked a checkpoint. The Front claimed responsibility for the attack."
    summary.claimed_by = [Party(name="The Front", evidence=at("The Front", claimed))]
    assert pipeline._check_parties(summary, claimed) == []
    assert [c.name for c in summary.claimed_by] == ["The Front"]


@pytest.mark.parametrize(
    ("quote", "kind", "supported"),
    [
        ("They were both taken to hospital, where the man died.", "killed", True),
        ("Er erlitt schwere Verletzungen.", "injured", True),
        ("She said three people died.", "killed", False),  # a number is stated: it is not one
        ("The man was arrested at the scene.", "killed", False),  # no word for a death
    ],
)
def test_a_victim_already_named_backs_the_models_figure_of_one(quote, kind, supported):
    from summarizer.steps.definitions import figure_supported

    assert figure_supported(1, quote, kind) is supported


def test_a_victim_already_named_is_not_a_candidate_figure_by_itself():
    # Code counts only a victim introduced as one; "the man" may be anybody already counted.
    assert candidates("Police said the man died in hospital.") == []


def test_a_figure_given_as_the_wrong_kind_moves_to_the_kind_its_quote_states():
    from summarizer.steps.definitions import CasualtiesDraft, _merge_casualties

    text = "A bus overturned near the village. Two passengers were injured, police said."
    quote = "Two passengers were injured, police said."
    flags: list[object] = []

    class Piece:
        first = True

        def ground(self, q: str | None, path: str) -> list[Evidence]:
            start = text.index(q) if q else 0
            return [evidence_at(text, start, start + len(q), MatchKind.exact)] if q else []

        def flag(self, issue: object) -> None:
            flags.append(issue)

    def merged(draft: CasualtiesDraft) -> Casualties:
        summary = IncidentSummary(
            is_incident=True,
            title="Bus overturns",
            summary="A bus overturned.",
            event_type=EventType.accident,
            metadata=RunMetadata(
                model="", backend="", prompt_name="", prompt_hash="", source_sha256="", source_chars=0
            ),
        )
        _merge_casualties(summary, draft, Piece())
        return summary.casualties

    moved = merged(
        CasualtiesDraft(killed_quote=quote, killed=2, injured_quote=None, injured=None, other_figures=[])
    )
    assert (moved.killed, moved.injured) == (None, 2) and "moved" in str(flags[0])
    # The answer gave injured itself: its killed figure is dropped, not moved over it.
    both = merged(
        CasualtiesDraft(killed_quote=quote, killed=2, injured_quote=quote, injured=2, other_figures=[])
    )
    assert (both.killed, both.injured) == (None, 2)


@pytest.mark.parametrize(
    ("title", "summary", "quote", "expected"),
    [
        ("Fire at a restaurant", "A fire has destroyed a restaurant overnight.", "", EventType.accident),
        (
            "Incendie dans un commerce",
            "A shop burned.",
            "Un incendie a endommagé un commerce",
            EventType.accident,
        ),
        ("Graves desecrated", "Vandals desecrated a cemetery.", "", EventType.arson_or_sabotage),
        (
            "Roquette tirée vers Israël",
            "A roquette was fired; nobody was hurt.",
            "Une roquette tirée",
            EventType.rocket_or_missile_attack,
        ),
        ("Hostages freed", "The army killed six of the kidnappers.", "", EventType.attack),
        (
            "Firefighters fought a blaze",
            "A blaze was put out; a house was damaged by fire.",
            "",
            EventType.accident,
        ),
        ("Army parade in the capital", "Soldiers marched past the president.", "", EventType.other),
        (
            "Molotov cocktail thrown at parliament",
            "A bottle burned on the steps.",
            "",
            EventType.arson_or_sabotage,
        ),
        (
            "Petrol bomb attack on a family home",
            "The family escaped injury.",
            "",
            EventType.arson_or_sabotage,
        ),
        ("Car bomb kills four", "A bomb exploded at a checkpoint.", "", EventType.bombing),
        (
            "Rescue at a house",
            "Firefighters rescued three.",
            "Das Haus fängt in der Nacht zum Freitag Feuer.",
            EventType.accident,
        ),
        (
            "Attack in Aleppo",
            "Several people were killed.",
            "قتل 5 أشخاص بقذائف هاون في حلب",
            EventType.rocket_or_missile_attack,
        ),
        (
            "Second death in the city",
            "A man died in hospital.",
            "Une fusillade a éclaté rue de la Paix",
            EventType.shooting,
        ),
        ("Two cars on a road", "Three people died.", "تصادم سيارتين أدى إلى مقتل 3", EventType.accident),
        ("Militants and troops", "Five were killed.", "اشتباكات بين مسلحين والجيش", EventType.armed_clash),
        (
            "Explosion in Mogadishu",
            "Thirteen were killed.",
            "انفجار سيارة مفخخة أمام فندق",
            EventType.bombing,
        ),
        ("Markets fall", "Shares fell on Monday.", "Las bolsas cayeron el lunes", EventType.other),
    ],
)
def test_fires_petrol_bombs_desecration_and_words_left_in_the_articles_language_are_read(
    title, summary, quote, expected
):
    assert classify(title, summary, quote) is expected


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("No people were hurt in the fire.", [("injured", 0), ("killed", 0)]),
        (
            "وقوع عملية انتحارية أوقعت قتيلين و24 جريحًا.",
            [("injured", 24), ("killed", 2)],
        ),  # a dual: two killed
        ("Un homme abattu devant chez lui.", [("killed", 1)]),
        ("Tre persone sono rimaste intossicate dal fumo.", [("injured", 3)]),
    ],
)
def test_nobody_hurt_arabic_duals_and_more_casualty_words_are_read(sentence, found):
    assert sorted((c.kind, c.count) for c in candidates(sentence)) == sorted(found)


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        ("One person killed, another injured in a store", "Two people were attacked.", EventType.attack),
        ("Second death in Paris", "A second victim has died.", EventType.attack),
        ("Serial killer testifies in death appeal", "The court heard him.", EventType.other),
        ("Three bodies found abandoned on a farm", "Police found three bodies.", EventType.attack),
        ("Nike brand sales rise", "The brand sold more shoes.", EventType.other),
        ("Airline shares hurt by oil prices", "Stocks fell.", EventType.other),
        ("Injured Nadal withdraws from final", "He pulled out.", EventType.other),
        ("Senate kills tax bill", "The bill failed.", EventType.other),
        ("Actor dies at 90", "He died at home.", EventType.other),
        ("Bayern stormed to victory", "They won 4-0.", EventType.other),
        ("Bolt smashed the world record", "He ran fast.", EventType.other),
        (
            "Fire destroys a building",
            "Police say the fire was started deliberately.",
            EventType.arson_or_sabotage,
        ),
        ("Shares fall in Tokyo", "Stocks lost ground.", EventType.other),
    ],
)
def test_a_headline_that_counts_victims_is_an_incident_and_a_fire_set_on_purpose_is_arson(
    title, summary, expected
):
    assert classify(title, summary) is expected


def test_a_city_is_read_by_the_state_written_after_it_and_by_its_own_name_first():
    # The gazetteer's only "Bancroft" is an old name of a Zambian town; "Iowa" says the country.
    assert places.normalise(None, "Bancroft", "BANCROFT, Iowa, April 7 - An explosion") == (
        "United States",
        "Bancroft",
    )
    # "Islamabad" is the main name of Pakistan's capital and an old name of Chittagong.
    assert places.normalise(None, "Islamabad", "Warplanes struck villages, officials said.")[0] == "Pakistan"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("3 Pakistani soldiers, 7 militants killed in clashes", [("killed", 10), ("killed", 7)]),
        ("The crash killed 2 crew and 10 passengers.", [("killed", 12), ("killed", 2)]),
        ("5 killed and 20 injured", [("injured", 20), ("killed", 5)]),  # two figures, no sum
        ("По данным МЧС, погибли 12 человек, 40 пострадали.", [("injured", 40), ("killed", 12)]),
        ("Two rockets and 3 mortars killed 4 people.", [("killed", 4)]),  # weapons are no group of victims
    ],
)
def test_groups_listed_with_one_casualty_word_are_summed(sentence, found):
    assert sorted((c.kind, c.count) for c in candidates(sentence)) == sorted(found)


def test_the_models_figure_for_one_group_becomes_the_sum_of_the_groups():
    text = "Clashes left three soldiers and seven militants dead on Monday. Officials said two were injured."
    c = Casualties(killed=7, injured=None)
    _choose_figures(c, candidates(text), text)
    assert c.killed == 10 and c.killed_evidence[0].quote.startswith("Clashes left")


def test_a_figure_of_killed_or_wounded_is_neither():
    assert candidates("The brigade was shattered and 200 of its men killed or wounded.") == []
    assert [(c.kind, c.count) for c in candidates("Officials said 12 were killed.")] == [("killed", 12)]


def test_a_possessive_names_its_country_and_a_region_gives_its_country():
    assert (
        places.mentioned("Clashes in Pakistan's Bajaur tribal region bordering Afghanistan")[0] == "Pakistan"
    )
    assert places.country_of_region("Курганская область") == "Russia"
    assert places.country_of_region("Texas") == "United States"
    assert places.country_of_region("Nowhere Land") is None


def test_the_arabic_dual_of_person_counts_two():
    assert [(c.kind, c.count) for c in candidates("قتل شخصان طعنا في متجر.")] == [("killed", 2)]


def test_a_city_the_article_never_names_is_dropped_but_a_translated_one_is_kept():
    assert not places.written("Rome", "Incendio in via Marinai d'Italia alla Farnesiana, a Piacenza.")
    assert places.written("Cairo", "Une fusillade au Caire a visé un hôtel.")  # GeoNames: "Le Caire"
    assert places.written("Krasnoyarsk", "председателя Красноярского краевого суда")  # a declined form
    location = Location(city="Rome", country=None)
    pipeline._place(location, "Incendio in via Marinai d'Italia alla Farnesiana, a Piacenza.", [])
    assert location.city in (None, "Piacenza")


def test_a_city_named_only_in_the_dateline_is_not_where_it_happened():
    filed = "Afghan raids\n\nISLAMABAD, March 25 - Afghan warplanes bombed three Pakistani villages, officials said."
    assert places.only_in_dateline("Islamabad", filed)
    assert not places.only_in_dateline("Baghdad", "Bomb\n\nBAGHDAD, May 1 - A bomb exploded in Baghdad.")
    location = Location(city="ISLAMABAD", country=None)
    pipeline._place(location, filed, [])
    assert location.city is None and location.country == "Pakistan"


def test_a_country_is_found_in_arabic_script_and_in_russian_cases():
    # Arabic has no capitals, and writes "in" and "and" onto the word.
    assert places.mentioned("قتل رجل طعنا في أحد المتاجر بالسويد مساء الاثنين.")[0] == "Sweden"
    assert places.mentioned("أعلنت وزارة الخارجية في المملكة العربية السعودية.")[0] == "Saudi Arabia"
    # "عمان" is Oman and Amman, "مالي" Mali and "financial": neither names a country.
    assert places.mentioned("وصل الوفد إلى عمان لبحث الوضع المالي.")[0] is None
    assert places.mentioned("Взрыв произошел на юге России в среду.")[0] == "Russia"
    assert places.mentioned("Новости из Сирии и Ирана.")[0] == "Syria"
    assert places.mentioned("Губернатор штата Индиана заявил.")[0] != "India"


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("لقي 5 أشخاص مصرعهم في حادث سير.", [("killed", 5)]),
        ("قتل 3 جنود وأصيب 7 آخرون في الهجوم.", [("injured", 7), ("killed", 3)]),  # "and were hurt"
        ("استشهد 4 فلسطينيين برصاص الجيش.", [("killed", 4)]),
        ("Bei dem Unfall gab es zwei Schwerverletzte und drei Todesopfer.", [("injured", 2), ("killed", 3)]),
        ("Tre persone sono state ricoverate in ospedale.", [("injured", 3)]),
    ],
)
def test_more_casualty_words_are_read_in_arabic_german_and_italian(sentence, found):
    assert sorted((c.kind, c.count) for c in candidates(sentence)) == sorted(found)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("مقتل خمسة مسلحين في اشتباك.", [("killed", 5)]),
        ("قتل ثلاثة أشخاص وأصيب عشرة آخرون.", [("injured", 10), ("killed", 3)]),
        ("مقتل ثلاثة وعشرين شخصا.", [("killed", 23)]),  # "و" written onto the tens, which are oblique
        ("إصابة اثنين من رجال الشرطة.", [("injured", 2)]),
        ("قتل ثلاث نساء.", [("killed", 3)]),  # counting feminine nouns
        ("قتل شخص واحد.", [("killed", 1)]),  # a victim written as a noun, not "واحد"
        ("قتل شخصان طعنا وأصيب ثالث بجروح.", [("injured", 1), ("killed", 2)]),  # "and a third was hurt"
        ("مقتل أحد الجنود وإصابة 3 آخرين.", [("injured", 3), ("killed", 1)]),
        ("وصل شخص إلى المنزل.", []),
    ],
)
def test_arabic_number_words_and_single_victims_are_read_as_figures(sentence, found):
    assert sorted((c.kind, c.count) for c in candidates(sentence)) == sorted(found)


def test_the_models_country_in_arabic_is_read_in_its_short_forms_too():
    assert places.country("بريطانيا") == "United Kingdom"  # "Britain"
    assert places.country("السعودية") == "Saudi Arabia"
    assert places.country("كويت") == "Kuwait"  # without the article CLDR writes
    assert places.country("أمريكا") == "United States"


@pytest.mark.parametrize(
    ("title", "summary", "quote", "expected"),
    [
        ("Canadiens prepare for season", "The team attacked in a 3-2 victory.", "", EventType.other),
        ("Banks fail to calm investors", "The stock market crashed and the DAX fell.", "", EventType.other),
        ("Stadium attack", "The team's match ended when a bomb killed two.", "", EventType.bombing),
        ("Knife attacker", "He injured a woman.", "Messerstecher steht vor Gericht", EventType.other),
        ("Victims remembered", "A ceremony.", "почтят память погибших в терактах", EventType.other),
        ("Remember the victims of the attacks in Kirov", "Balloons will be released.", "", EventType.other),
        ("Bomb explodes outside appeals court", "The blast caused damage.", "", EventType.bombing),
        ("Trolley car left the tracks", "No casualties.", "", EventType.accident),
        ("Train", "A train.", "Un treno è fuoriuscito dai binari", EventType.accident),
    ],
)
def test_sport_markets_trials_and_remembrance_are_no_incident_but_a_court_is_a_place(
    title, summary, quote, expected
):
    assert classify(title, summary, quote) is expected


def test_a_means_the_article_never_names_gives_way_to_the_one_it_does():
    gunman = "Atirador matou três pessoas e fez reféns num supermercado."
    assert eventtypes.named_in(EventType.bombing, gunman) is EventType.shooting
    assert (
        eventtypes.named_in(EventType.bombing, "Uma bomba explodiu; o atirador fugiu.") is EventType.bombing
    )
    assert eventtypes.named_in(EventType.bombing, "Três pessoas morreram.") is EventType.bombing  # none named
    assert eventtypes.named_in(EventType.attack, gunman) is EventType.attack  # assumes least


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("استشهاد 13 وإصابة تسعة مصلين في تفجير.", [("injured", 9), ("killed", 13)]),
        ("مقتل 5 وإصابة 20 في انفجار.", [("injured", 20), ("killed", 5)]),
        ("L'armée déplore 22 martyrs, 31 blessés.", [("injured", 31), ("killed", 22)]),
    ],
)
def test_an_arabic_casualty_word_after_and_opens_the_next_clause_and_martyrs_are_dead(sentence, found):
    assert sorted((c.kind, c.count) for c in candidates(sentence)) == sorted(found)


def test_a_city_in_an_article_in_another_language_is_named_in_english():
    portuguese = (
        "Um homem atropelou pedestres na ponte de Westminster, no centro de Londres, na quarta-feira."
    )
    assert places.normalise(None, "Londres", portuguese) == ("United Kingdom", "London")
    assert places.normalise(None, "Mazar-i-Sharif", "Gunmen attacked the consulate in Mazar-i-Sharif.") == (
        "Afghanistan",
        "Mazar-i-Sharif",
    )


def test_a_russian_city_copied_in_another_case_is_found():
    assert places.normalise(None, "Ашкелоне", "Ракета разорвалась в Ашкелоне.") == ("Israel", "Ashkelon")
    assert places.normalise(None, "Казани", "Пожар в Казани.") == ("Russia", "Kazan")


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Non ci sono stati feriti e non risultano disagi al traffico.", [("injured", 0), ("killed", 0)]),
        ("L'incidente non ha causato feriti.", [("injured", 0), ("killed", 0)]),
        ("Não houve feridos.", [("injured", 0), ("killed", 0)]),
        ("Nove persone sono rimaste ferite.", [("injured", 9)]),
    ],
)
def test_number_words_are_read_in_the_articles_own_language(sentence, found):
    # Read as Portuguese, Italian "non" (not) is nine.
    assert sorted((c.kind, c.count) for c in candidates(sentence)) == sorted(found)


def test_a_fire_called_an_accident_is_arson_when_the_article_says_it_was_set():
    set_on_purpose = (
        "Bei einem vorsätzlich gelegten Feuer in einem Asylbewerberheim wurden sieben Menschen verletzt."
    )
    assert eventtypes.named_in(EventType.accident, set_on_purpose) is EventType.arson_or_sabotage
    broke_out = "In einem Wohnhaus brach ein Feuer aus; sieben Menschen wurden verletzt."
    assert eventtypes.named_in(EventType.accident, broke_out) is EventType.accident


def test_nobody_hurt_is_read_with_an_adverb_in_between():
    found = candidates("Verletzt wurde glücklicherweise niemand.")
    assert sorted((c.kind, c.count) for c in found) == [("injured", 0), ("killed", 0)]
