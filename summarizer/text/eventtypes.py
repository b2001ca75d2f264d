"""The event type, read from the model's own English words.

Asked to choose from the list of event types, the 1.5B model answers the
first one listed (`rocket_or_missile_attack`) for a tram derailment, a
markets report and a cycling crash alike. Asked what happened, it says so
well: its title and summary read "Tram derails in London, seven dead",
"Oil prices fall on oversupply". So the pipeline names the type from those
words, by vocabulary, the way an analyst skims a headline: first whether
the text reports an event at all, then whether it was deliberate, then the
means that did the harm (LABELLING.md: the means that did the harm first).

Pure functions over English text; the words are the usual vocabulary of
incident reporting, not of any one article.
"""

from __future__ import annotations

import re

from summarizer.schema import EventType
from summarizer.text.figures import ARABIC_PROCLITICS


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _arabic(*words: str) -> str:
    """Arabic words as written in a quote: the proclitics casualty words take
    (`figures.ARABIC_PROCLITICS`) and the article may be written onto them
    ("والاشتباكات": and the clashes)."""
    return f"{ARABIC_PROCLITICS}(?:\u0627\u0644)?(?:" + "|".join(words) + ")"


SHOT_A_PERSON = (
    r"(was|were|been|being|got|get|gets|fatally|critically|seriously|reportedly) shot"
    r"|shot (dead|and|at|to death|by|in the|him|her|them|us|me|one|two|three|four|five|several|multiple|people|\d+)"
)
"""Images are "shot with" a phone: a shot that is harm hits someone."""

NOT_AN_EVENT = _words(
    r"sentenc\w*",
    r"trials?",
    r"verdicts?",
    r"convicted",
    r"pleads? guilty",
    r"anniversar\w*",
    r"commemorat\w*",
    r"(one|two|three|four|five|ten|\d+) years? (after|since|on)",
    r"marks? (one|two|three|four|five|ten|\d+|a) years?",
    r"court (appearance|hearing)s?",
    r"appears? in court",
    r"(committal|bail|extradition) hearings?",
    r"arraign\w*",
    r"testif(y|ies|ied)",
    r"death (penalty|row|sentences?|appeals?)",
    r"indict\w*",
    r"remembr\w*",
    r"remember(s|ed|ing)? (the )?(victims|dead|fallen)",
    r"in memory of",
    r"(pays?|paid|paying) tributes?",
    r"memorial (services?|ceremon(y|ies)|events?|days?|marches?)",
    r"(protests?|march(es)?|rall(y|ies)|vigils?|demonstrations?) (against|for) (terror\w*|violence|war|racism|hate|peace)",
)
"""A headline about the aftermath of an old event (a sentencing, an
anniversary) reports no new incident, however violent the old one."""

AFTERMATH = _words(
    r"vor Gericht|Prozess\w*|Urteil\w*|verurteilt\w*|Gedenk\w*|Jahrestag\w*",
    r"procès|condamn\w*|commémor\w*|hommage\w*|anniversaire",
    r"juicio|juzgad\w*|condenad\w*|aniversario|homenaje\w*|conmemor\w*",
    r"processo|condannat\w*|anniversario|commemora\w*",
    r"julgament\w*|aniversário|homenage\w*|relembr\w*",
    r"приговор\w*|осужд\w*|осуди\w*|перед судом|годовщин\w*|почт\w* памят\w*|памяти (погибших|жертв)",
    _arabic("محاكمة", "ذكرى", "الذكرى"),
)
"""The same aftermath in the article's own words, read in the model's
verbatim quote (LABELLING.md: a trial, an anniversary): "Messerstecher
steht vor Gericht", "почтят память погибших в терактах". A court building
alone is a place, not a trial: a bomb goes off outside one."""

SPORT = _words(
    r"seasons?",
    r"victor(y|ies)",
    r"defeat(s|ed)?",
    r"match(es)?",
    r"tournaments?",
    r"championships?",
    r"league",
    r"scor(e|es|ed|ing)",
    r"goals?",
    r"play-?offs?",
    r"coach(es)?",
    r"teams?",
    r"\d+-\d+",
)
MARKETS = _words(
    r"stocks?",
    r"shares",
    r"stock ?markets?",
    r"investors?",
    r"ind(ex|ices)",
    r"dax|dow( jones)?|nasdaq|ftse|nikkei|cac 40|s&p",
    r"bourses?",
    r"trading|traders?",
    r"currenc(y|ies)",
    r"bonds?",
)
_HURT = (
    r"kill(s|ed|ing)?",
    r"dead",
    r"died",
    r"deaths?",
    r"injur\w*",
    r"wound\w*",
    r"casualt\w*",
    r"victims?",
    r"bodies",
    r"tués?|morts?|bless[ée]s?|muert[oa]s?|herid[oa]s?|mort[io]|ferit[io]|mortos|feridos?|Tote[nr]?|verletzt\w*|getötet",
    r"погиб\w*|ранен\w*|убит\w*|пострада\w*",
    _arabic("قتل", "قتيل", "قتلى", "مقتل", "جرحى", "أصيب", "مصرع"),
)
"""Words that people were killed or hurt, in every language read here."""

PEOPLE_HARM = _words(*_HURT, r"fatal\w*", r"feridas?")
"""A sports report "attacks" and a market "crashes": in their vocabulary,
with nobody killed or hurt, the words of harm are figures of speech."""

TRIAL_RUN = _words(
    r"tests?|testing|tested|test-fir\w*",
    r"((military|joint|naval|army|air) )?(exercise|drill)s|(military|joint|naval|army) (exercise|drill)|manoeuvres?|maneuvers?",
    r"war ?games",
    r"training",
    r"experiment(al|s)?",
    r"space|spacecraft|satellites?|orbit\w*|astronauts?|nasa|spacex|lift(s|ed)? off|blast(s|ed)? off",
    r"испытательн\w*|испытани\w*|учебн\w*|учени\w*|essai\w*|ensayo\w*|prueba\w*|esercitazion\w*|Übung\w*|Manöver\w*",
)
"""A missile fired in a test, an exercise or to put a satellite in orbit
harms no one: "Russia successfully test-launched a Topol missile",
"SpaceX to launch world's most powerful rocket"."""

STATISTICS = _words(
    r"statistic\w*",
    r"annual(ly)?",
    r"per year|a year|(the )?(previous|last) year|year-on-year",
    r"compared (to|with)",
    r"per ?cent|%",
    r"(de|in)creas(e|es|ed)",
    r"averag\w*",
    r"figures",
)
"""A year's road deaths are counted, not reported as one event: "3,059
people died in traffic accidents in 2019, a decrease of 6.6% compared to
the previous year"."""

FIGHTING = _words(
    r"clash(es|ed)?",
    r"fighting(?! (the |a )?(fires?|blazes?|flames))",
    r"fought(?! (the |a )?(fires?|blazes?|flames))",
    r"gun ?battles?",
    r"fire ?fights?",
    r"exchanges? of fire",
    r"exchanged fire",
    r"shoot-?outs?",
    r"skirmish(es)?",
    r"battles?",
    r"offensive",
    r"affrontements?|accrochages?|enfrentamientos?|scontri|confrontos?|перестрелк\w*|Gefecht\w*|Feuergefecht\w*",
    _arabic("اشتباك", "اشتباكات", "معارك", "مواجهات مسلحة"),
)
"""Two armed sides fighting (ACLED's battles)."""

UNARMED = _words(
    r"protesters?",
    r"demonstrators?",
    r"mourners",
    r"marchers",
    r"unarmed",
    r"brawls?",
    r"scuffles?",
    r"fist ?fights?",
)
"""Force against people who were not fighting back, or a brawl with no
weapons, is an attack, not a clash (LABELLING.md: mob violence)."""

DELIBERATE = _words(
    r"attack(s|ed|ers?)?",
    r"(army|troops|soldiers|forces|police|officers?|rebels|militia\w*|militants?|gunmen) (\w+ )?(killed|shot|stormed|raided)",
    r"stormed",
    r"desecrat\w*",
    r"vandali[sz]\w*",
    r"attentat|atentado|attentato|Anschlag|теракт\w*|нападени\w*|напал\w*",
    r"terror\w*",
    r"deliberate(ly)?",
    r"intentional(ly)?",
    r"ramm(ed|ing)|rams?",
    r"plough(ed|s)?|plow(ed|s)?",
    r"drove into",
    r"gunm[ae]n",
    r"bomb(s|er|ers|ing|ings|ed)?",
    r"arson\w*",
    r"set (on )?fire",
    r"set alight",
    r"torched",
    r"assault\w*",
    r"murder\w*",
    r"stab(s|bed|bing|bings)?",
    r"raid(s|ed)?",
    r"militants?",
    r"insurgents?",
    r"gang",
)
"""Words that say someone meant the harm: a truck "crashed into a crowd"
that ploughed into it on purpose is an attack, not an accident."""

ACCIDENT = _words(
    r"accident(s|al|ally)?",
    r"crash(es|ed)?",
    r"derail\w*",
    r"overturn\w*",
    r"collisions?",
    r"collid\w*",
    r"capsiz\w*",
    r"sank|sunk|sinks?",
    r"ran aground",
    r"malfunction\w*",
    r"misfir\w*",
    r"went off",
    r"gas (leak|explosion)s?",
    r"(fireworks?|gas|boiler|chemicals?|factory|plant|warehouse|refinery|pipeline|tanker|industrial)"
    r" (explosions?|blasts?|fires?)",
    r"(explosions?|blasts?) (at|in) an? (fireworks?|chemical|gas|oil)? ?(factory|plant|warehouse|refinery|depot|display)",
    r"collapsed?",
    r"mishaps?",
    r"drown\w*",
    r"fires? (broke|breaks|had broken) out",
    r"caught fire",
    r"house fires?",
    r"(fires?|blaze|flames) (has |have |had )?(destroyed|damaged|gutted|ravaged|engulfed|swept through)",
    r"(destroyed|damaged|gutted) (by|in) (a |the )?(fire|blaze|flames)",
    r"(fängt|fing|geriet|gerät)\b[^.]{0,40}\b(Feuer|in Brand)",
    r"(incendie|incendio|пожар\w*)",
    r"accidente?s?|incidente stradale|acidentes?|авари\w*|ДТП|Unfall\w*|Zusammensto(ß|ss)|colisi[óo]n|colisão"
    r"|déraill\w*|descarril\w*|deragli\w*|naufrag\w*|entgleis\w*",
    r"(left|leaves|leaving|came off|comes off|jumped|jumps) the (tracks|rails|road)",
    r"off the (tracks|rails)",
    r"(fuoriuscit\w*|uscit\w*) dai binari|uscit\w* di strada|sortie? de (la )?route|sortie de route"
    r"|(se )?sali[óo] de la (vía|carretera)|saiu da (pista|estrada)|saiu dos trilhos|von der (Fahrbahn|Straße) abgekommen"
    r"|сош[её]л \u0441 рельс\w*|сход\w* \u0441 рельс\w*|съехал\w* в кювет|опрокинул\w*|перевернул\w*",
    _arabic("حادث سير", "حادث مروري", "تصادم", "اصطدام", "غرق"),
    r"stumbl\w*",
    r"slipp(ed|ing)",
    r"(fell|falls?|fallen|falling) (from|off) (a|an|the|his|her|their)",
)
"""An unintended crash, collision, derailment, fire, fall, drowning or
explosion (a fire someone set is deliberate: `DELIBERATE`)."""

BLAST = _words(r"explosions?", r"blasts?", r"exploded", r"fires?", r"blaze")
WORKS = _words(
    r"(petro)?chemicals?",
    r"factory|factories",
    r"plants?",
    r"refiner(y|ies)",
    r"facility|facilities",
    r"mines?",
    r"warehouses?",
    r"depots?",
    r"pipelines?",
    r"tankers?",
    r"boilers?",
    r"fireworks?",
    r"gas",
    r"oil",
    r"industrial",
)
"""A blast at works (a plant, a mine, a refinery) with nobody said to have
meant it, and no weapon named, is an industrial accident: "Massive explosion
rocks petrochemical facility"."""

_SET_ON_FIRE = (
    r"arson\w*",
    r"set (on )?fire",
    r"set alight",
    r"firebomb\w*",
    r"incendie criminel|incendiaire|incendio (provocado|doloso|intencional)|incêndio criminoso|поджог\w*|Brandstift\w*",
    _arabic("أضرم", "أضرموا", "إضرام", "حريق متعمد"),
)
"""Words that a fire was set, in every language read here."""

MEANS: tuple[tuple[EventType, re.Pattern[str]], ...] = (
    (
        EventType.air_or_drone_strike,
        _words(
            r"air ?strikes?",
            r"air ?raids?",
            r"drones?",
            r"warplanes?",
            r"(fighter )?jets? (struck|hit|bombed|attacked)",
            r"aerial (attack|bombardment|strike)s?",
            r"(aircraft|air) attacks?",
            r"unmanned (aircraft|aerial vehicles?)",
            r"uavs?",
            r"helicopter gunships?",
            r"bombers?(?= (aircraft|planes?))",
            r"frappes? aériennes?|raids? aériens?|ataques? aéreos?|bombardeos? aéreos?|raid aere[io]|bombardamenti aerei"
            r"|авиаудар\w*|авианалет\w*|беспилотн\w*|дрон(ы|\u0430|ов|ом|ами)?|БПЛА|Luftangriff\w*|Drohnen\w*",
            _arabic("غارة", "غارات", "طائرة بدون طيار", "طائرات بدون طيار", "طائرة مسيرة", "قصف جوي"),
        ),
    ),
    (
        EventType.rocket_or_missile_attack,
        _words(
            r"rockets?",
            r"missiles?",
            r"mortars?",
            r"shell(s|ing|ed)",
            r"artillery",
            r"katyushas?",
            r"projectiles?",
            r"roquettes?|cohetes?|razz[io]|raketen?|ракет\w*|obus",
            r"misiles?|missili|mísseis|míssil|foguetes?|снаряд\w*|Granaten\w*|mortiers?|morteros?",
            _arabic("صاروخ", "صواريخ", "قذيفة", "قذائف", "هاون"),
        ),
    ),
    (
        EventType.bombing,
        _words(
            r"bomb(s|er|ers|ing|ings|ed)?",
            r"car ?bombs?",
            r"explosives?",
            r"ieds?",
            r"grenades?",
            r"suicide",
            r"blasts?",
            r"explosions?",
            r"exploded",
            r"detonat\w*",
            r"attentats? à la bombe|voitures? piégées?|coches? bomba|autobomba|carro-bomba|ordigno|взрывн\w*|смертник\w*"
            r"|Sprengs(atz|toff)\w*|Autobombe|bombas?|bomben?|бомб\w*",
            _arabic("تفجير", "تفجيرات", "عبوة ناسفة", "عبوات ناسفة", "مفخخة", "انتحاري", "قنبلة", "قنابل"),
        ),
    ),
    (
        EventType.attack,
        _words(
            r"ramm(ed|ing)|rams?",
            r"plough(ed|s)?|plow(ed|s)?",
            r"drove into",
            r"(truck|lorry|car|van|vehicle) attack",
        ),
    ),
    (
        EventType.shooting,
        _words(
            r"shoot(ing|ings|er|ers)",
            SHOT_A_PERSON,
            r"gunm[ae]n",
            r"gunfire",
            r"guns?",
            r"opened fire",
            r"fired (on|at|into)",
            r"snipers?",
            r"rifles?",
            r"firearms?",
            r"fusillades?|coups? de feu|tiroteos?|balaceras?|disparos|sparatori[ae]|tiroteios?|стрельб\w*|застрел\w*"
            r"|Schüsse|Schießerei|erschossen|angeschossen|Schützen?|tireurs?|atirador\w*|tirador\w*|homem armado"
            r"|hombre armado|uomo armato|balead[oa]s?|baleou|выстрел\w*|стрелял\w*|стрелок|открыл\w* огонь",
            _arabic("إطلاق نار", "إطلاق النار", "اطلاق نار", "اطلاق النار", "رصاص"),
        ),
    ),
    (
        EventType.attack,
        _words(
            r"stab(s|bed|bing|bings)?",
            r"knife|knives",
            r"machetes?",
            r"cleavers?",
            r"axes?",
            r"swords?",
            r"acid",
            r"beat(en|ing)?",
            r"mob",
            r"lynch\w*",
            r"couteau|poignard\w*|cuchill\w*|apuñal\w*|acuchill\w*|coltell\w*|accoltell\w*|facadas?|esfaque\w*|нож\w*"
            r"|Messer\w*",
            _arabic("طعن", "طعنا", "طعنات", "سكين"),
        ),
    ),
    (
        EventType.arson_or_sabotage,
        _words(
            *_SET_ON_FIRE,
            r"torch(ed)?",
            r"burn(ed|t)? down",
            r"incendiar\w*",
            r"molotov",
            r"sabotag\w*",
            r"vandal\w*",
            r"desecrat\w*",
            r"smash(ed|ing)",
            r"fires? (was |were )?(lit|started|set)",
            r"riots?",
            r"молотов\w*",
        ),
    ),
)
"""The means that did the harm, most specific first: missiles from a drone
are an air strike, a suicide car bomb a bombing, a truck driven into a
crowd an attack even when police then shot the driver."""

HARM = _words(
    *_HURT,
    r"desecrat\w*",
    r"vandali[sz]\w*",
    r"tirée?s?",
    _arabic("جرح", "إصابة", "جثة", "جثث"),
    r"hurt",
    r"attack(s|ed)?",
    r"assault\w*",
    r"fires?",
    r"ablaze",
    r"blaze",
    r"flames",
    r"destroy\w*",
    r"damag\w*",
    r"launch(es|ed)?",
    r"shots? at|shooting at|Schüsse auf|tirs? (sur|contre)|disparos contra|spari contro|tiros contra",
    r"fired",
    r"struck",
    r"hit",
    SHOT_A_PERSON,
    r"stab(s|bed|bing|bings)?",
    r"riots?",
)
"""Something happened to people or places: a type's words without these are
not yet an incident ("drone footage", "a missile programme")."""


INCENDIARY = _words(
    r"molotov\w*",
    r"molotow\w*",
    r"молотов\w*",
    r"(petrol|gasoline|fire) ?bombs?",
    r"firebomb\w*",
    r"incendiary (device|bomb)s?",
)
"""Devices that set fires: what they do is arson, though they are "bombs"."""

FIRE = _words(
    r"fires?",
    r"blaze",
    r"flames",
    r"burn(ed|t|ing)",
    r"incendi\w*",
    r"in Brand",
    r"Brand(anschlag|stift)\w*",
    r"Feuer|Brand|feu|fuego|fuoco|fogo",
    r"пожар\w*",
    _arabic("حريق", "النيران"),
)
"""A fire: set on purpose, it is arson, whatever else the words say."""

_COUNT = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|several|many)"
VICTIMS = _words(
    r"killed",
    rf"kills? (at least )?{_COUNT}",
    rf"{_COUNT} (\w+ ){{0,2}}(dead|killed|injured|wounded|hurt|died)",
    rf"({_COUNT}|first|second|third|fourth|fifth|another) (\w+ )?deaths?",
    r"death toll",
    r"bod(y|ies) (\w+ )?(found|discovered|recovered|dumped|abandoned)",
    r"found dead",
)
"""A headline that counts people killed or hurt reports an incident, even
when it names no means ("One person killed, another injured in Swedish
store", "Second death in Paris"): it is read as an attack, the type that
assumes least. Counted, not bare: "Injured Nadal withdraws", "Shares hurt
by oil prices", "Senate kills tax bill" and an obituary's "dies at 90"
report no incident."""

FIREFIGHTING = _words(r"fire ?fighters?", r"fire (crews?|services?|brigades?)", r"extinguish\w*")
"""Firefighters "fought the flames": a sentence about them is not a battle."""


def _fighting(text: str) -> bool:
    return any(FIGHTING.search(s) and not FIREFIGHTING.search(s) for s in re.split(r"(?<=[.!?])\s+", text))


def by_means(text: str) -> EventType | None:
    """The event type the means named in `text` point to, most specific first; None if it names none."""
    return next((event_type for event_type, words in MEANS if words.search(text)), None)


def _distinct(words: re.Pattern[str], text: str) -> int:
    return len({m.group().casefold() for m in words.finditer(text)})


def _figurative(text: str) -> bool:
    """Sport, markets, a test or a launch into space, with nobody killed or
    hurt; or a year's statistics, whoever died."""
    if _distinct(STATISTICS, text) >= 3:
        return True
    figurative = any(_distinct(words, text) >= 2 for words in (SPORT, MARKETS)) or TRIAL_RUN.search(text)
    return bool(figurative) and not PEOPLE_HARM.search(text)


FIRE_SET = _words(
    *_SET_ON_FIRE,
    r"torched",
    r"Brandanschl(a|ä)g\w*|vorsätzlich (gelegt|entfacht)\w*",
    r"incendie volontaire|incêndio proposital",
)
"""An article's words that a fire was set: a fire the model calls an
accident ("a fire broke out") is arson when the article says it was set
("Bei einem vorsätzlich gelegten Feuer")."""


def named_in(event_type: EventType, article: str) -> EventType:
    """`event_type` as checked against the `article` itself: a means the
    model names that the article never does, in any language read here,
    gives way to the means the article names, most specific first. Asked
    again in English, the model calls a gunman's attack "Car bomb kills
    three" and a car driven into a crowd "Car bomb explodes in London".
    An attack stays one: it is the type that assumes least, read from words
    that someone meant harm, with no means named. A fire called an accident
    is arson when the article says it was set (`FIRE_SET`)."""
    if event_type is EventType.accident and FIRE.search(article) and FIRE_SET.search(article):
        return EventType.arson_or_sabotage
    words = [pattern for means, pattern in MEANS if means is event_type]
    if event_type is EventType.attack or not words or any(pattern.search(article) for pattern in words):
        return event_type
    return by_means(article) or event_type


def classify(title: str, summary: str = "", *quotes: str) -> EventType:
    """The event type that a `title`, `summary` and `quotes` about the same
    text report (title and summary in English, quotes verbatim); `other`
    when they report no incident. Only the title and the quotes are read
    for an aftermath: a summary of an attack may well end with a sentencing."""
    if NOT_AN_EVENT.search(title) or any(AFTERMATH.search(words) for words in (title, *quotes)):
        return EventType.other
    text = " ".join((title, summary, *quotes))
    if _figurative(text):
        return EventType.other
    deliberate = DELIBERATE.search(text)
    means = by_means(text)
    if _fighting(text):
        return EventType.attack if UNARMED.search(text) and not means else EventType.armed_clash
    if ACCIDENT.search(text) and not deliberate:
        return EventType.accident
    if BLAST.search(text) and WORKS.search(text) and not deliberate and means in (None, EventType.bombing):
        return EventType.accident
    if INCENDIARY.search(text):
        # A petrol bomb is an arsonist's device (LABELLING.md), not a bombing.
        return EventType.arson_or_sabotage
    if means is None and deliberate and FIRE.search(text):
        return EventType.arson_or_sabotage  # a fire someone set (LABELLING.md)
    if means is not None and HARM.search(text):
        return means
    if deliberate and HARM.search(text):
        return EventType.attack
    if VICTIMS.search(title):
        return EventType.attack
    return EventType.other
