"""Casualty figures found by code: every number the article ties to a word
for deaths or injuries, with the sentence that says it.

The 1.5B model reads a casualty figure from the wrong sentence, takes the
injured for the killed, or leaves a figure out that the article's lead
gives. Finding the candidates is a job for code: a number, and the nearest
word for deaths or injuries in the same clause ("killing at least four",
"120 wounded", "cinq morts", "погибли двое"), in the languages of the gold
sets. Number words become digits with text2num (and number-parser for Russian),
libraries made for that; Arabic ones, which neither reads, by num2words'
spellings read backwards (`_arabic_numbers`).
The pipeline then decides among the candidates (`pipeline`).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from num2words import num2words
from number_parser import parse as parse_numbers
from text_to_num import alpha2digit

from summarizer.text.grounding import sentences
from summarizer.text.language import language

Kind = Literal["killed", "injured"]

NUMBER_LANGUAGES = ("en", "fr", "es", "de", "it", "pt")
"""Languages whose number words text2num turns into digits ("cinq morts")."""

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
"""A sentence with Cyrillic letters gets its Russian number words read by
number-parser ("двенадцать человек погибли"), which text2num cannot."""

COLLECTIVE = {
    "двое": 2, "двоих": 2, "трое": 3, "троих": 3, "четверо": 4, "четверых": 4, "пятеро": 5, "пятерых": 5,
    "шестеро": 6, "шестерых": 6, "семеро": 7, "семерых": 7, "восьмеро": 8, "восьмерых": 8,
    "девятеро": 9, "девятерых": 9, "десятеро": 10, "десятерых": 10,
}  # fmt: skip
"""Russian collective numerals, the usual way to count people ("двое
погибших": two dead); number-parser reads cardinals only."""
_COLLECTIVE = re.compile(r"\b(" + "|".join(COLLECTIVE) + r")\b", re.IGNORECASE)

ARABIC_PROCLITICS = "[\u0648\u0641]?[\u0628\u0644]?"
""""and" or "so", then "by" or "for", written onto an Arabic word: "وأصيب" (and were hurt)."""

DEATH_WORD = re.compile(
    r"^(kill\w*|dead|died|dies|deaths?|fatalit\w*|lives|bodies|slain|perished|drown\w*|ertrunk\w*|ertrank\w*|noyé\w*|ahogad\w*|утонул\w*|утону\w*"
    r"|tote?n?|getötet\w*|starben|leichen|tués?|tuées?|morts?|abattue?s?|décès|décédé\w*|muertos?|muertas?|fallecid\w*|fallecieron|murieron|muri[óo]|mueren?|mat(a|an|ó|aron|ando)|tuant|tötete\w*"
    r"|martyrs?|martyres|mártires|martiri|asesinad\w*|cadáveres|mort[aoie]|uccis\w*|decedut\w*|morreu|morreram|mortos|mortas|убит\w*|погиб\w*|смерт\w*|тел|жертв\w*"
    r"|erstoch\w*|erstach\w*|erschoss\w*|erschlag\w*|erschlug\w*|ermordet\w*|umgebracht|скончал\w*|умер\w*"
    r"|doden|dode|omgekomen|gedood|zemřel\w*|zemřu\w*|mrtv\w*|zahynul\w*"
    r"|Todesopfer\w*"
    rf"|{ARABIC_PROCLITICS}(قتل\w*|مقتل|قتيل\w*|موتى|وفاة|وفيات|مصرع\w*|توفي\w*|حتف\w*|شهيد\w*|شهداء|استشهد\w*|استشهاد|جثث|جثة))$",
    re.IGNORECASE,
)
"""A word that counts deaths (the whole word, lowered); an Arabic one with
the conjunctions and prepositions written onto it ("وقتل": and killed)."""

INJURY_WORD = re.compile(
    r"^(injur\w*|wound\w*|hurt|burns|hospitali[sz]ed|verletz\w*|blessés?|blessées?|blessant|heridos?|heridas?|hiri(ó|eron|endo)|lesionad\w*|ferit[oaie]|ferid[oa]s?|intossicat\w*|intoxiqu\w*|intoxicad\w*"
    r"|verwundet\w*|gewond\w*|zraněn\w*|zranil\w*|ранен\w*|пострадал\w*"
    r"|\w+verletzt\w*|hospitalisé\w*|hospitalizad\w*|ricoverat\w*"
    rf"|{ARABIC_PROCLITICS}(جرح\w*|جريح\w*|مصاب\w*|[إا]صاب\w*|[أا]صيب\w*|جروح))$",
    re.IGNORECASE,
)
"""A word that counts injuries."""

ATTACKER = re.compile(
    r"^(attackers?|assailants?|gunm[ae]n|bombers?|shooters?|suspects?|terrorists?|hijackers?|perpetrators?)$",
    re.IGNORECASE,
)
"""A number of attackers is not a toll: "three attackers were killed"."""

_TOKEN = re.compile(r"\d{1,3}(?:[,.]\d{3})+(?![\d])|\d+|[^\W\d_]+|[,;:()\u060c]", re.UNICODE)
_NOT_A_COUNT_AFTER = re.compile(
    r"^(%|percent|per|a\.?m|p\.?m|years?|year-old|km|kilomet\w*|miles?|metres?|meters?|mph|kg|tons?|tonnes?"
    r"|hours?|minutes?|seconds?|days?|weeks?|months?|o'clock|uhr|h|j[aä]hr\w*|ans|años|anos|anni|лет|летн\w*|года?)$",
    re.IGNORECASE,
)
MEANS = re.compile(
    r"^(rockets?|missiles?|strikes?|airstrikes?|air|bombs?|shells?|mortars?|attacks?|explosions?|blasts?|grenades?"
    r"|drones?|shots?|rounds?|projectiles?|vehicles?|cars?|trucks?|buses|planes?|aircraft|helicopters?|ships?|boats?"
    r"|houses?|buildings?|homes?|ataques?|cohetes?|misiles?|bombas?|explosiones?|disparos?|roquettes?|frappes?"
    r"|attaques?|bombes?|obus|tirs?|raketen?|angriffe?|bomben?|explosionen?|schüsse|ракет\w*|удар\w*|снаряд\w*"
    r"|взрыв\w*|атак\w*)$",
    re.IGNORECASE,
)
"""A number of weapons, strikes or buildings is not a number of people:
"three rockets killed two people", "dos ataques aéreos mataron a 15"."""

ARABIC_DUAL = re.compile(
    r"(?<![\d\u0660-\u0669] )\b(\u0642\u062a\u064a\u0644(?:\u0627\u0646|\u064a\u0646)"  # qatilan, qatilayn: two killed
    r"|\u062c\u0631\u064a\u062d(?:\u0627\u0646|\u064a\u0646)"  # jarihan, jarihayn: two wounded
    r"|\u0634\u062e\u0635(?:\u0627\u0646|\u064a\u0646))\b"  # shakhsan, shakhsayn: two people
)
"""Arabic counts two with the dual ending and no numeral ("أوقعت قتيلين و24
جريحًا": two killed and 24 wounded; "قتل شخصان": two people killed)."""

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_HAMZA_ALEF = re.compile(r"[\u0622\u0623\u0625]")
"""Alef with hamza or madda, which Arabic news writes as often without: "أربعة" and "اربعة"."""


@cache
def _arabic_numbers() -> dict[str, int]:
    """Arabic number words from 2 to 99 -> their value: num2words' form
    (nominative, masculine counted: "ثلاثة و عشرون"), also with the "و"
    joined, the tens and two in the other cases ("عشرين", "اثنين") and 3 to 10
    counting feminine nouns ("ثلاث"), with hamzas as `_HAMZA_ALEF` drops them.
    One is left out: "واحد" also means "a single" and news writes a victim
    as a noun ("قتل شخص")."""
    forms: dict[str, int] = {}
    for n in range(2, 100):
        word = _HAMZA_ALEF.sub("\u0627", num2words(n, lang="ar"))
        joined = word.replace("\u0648 ", "\u0648")
        for form in (word, joined, re.sub("\u0648\u0646$", "\u064a\u0646", joined)):
            forms[form] = n
        if n == 2:
            forms["\u0627\u062b\u0646\u064a\u0646"] = 2
        if 3 <= n <= 10:
            forms[word[:-1]] = n
    return forms


@cache
def _arabic_number_words() -> re.Pattern[str]:
    """`_arabic_numbers`' words as whole words, longest first, with a "و"
    (and) written on kept apart in group 1."""
    words = "|".join(map(re.escape, sorted(_arabic_numbers(), key=len, reverse=True)))
    return re.compile(rf"(?:(?<=[\s(])|^)(\u0648?)({words})(?!\w)", re.MULTILINE)


WINDOW = 6
"""Words between a number and its casualty word, at most."""


@dataclass(frozen=True)
class Candidate:
    """A casualty figure the article states, and the sentence that states it."""

    kind: Kind
    count: int
    start: int
    end: int
    sentence: str
    parts: tuple[int, ...] = ()
    """The groups' counts when the figure is their sum ("3 soldiers and 7
    militants killed": 10, from 3 and 7); empty for a figure written as one."""


NOBODY = re.compile(
    r"\b(no(body| one)|none|no (people|persons?|residents|civilians|passengers|workers|staff|employees|children)) (\w+ )?"
    r"(was|were|has been|had been|have been)? ?(hurt|injured|wounded|harmed|killed)"
    r"|\bno (reported |immediate )?(casualties|injuries|deaths|fatalities|victims)"
    r"|\bno (immediate )?(reports?|word) of (any )?(casualties|injuries|deaths)"
    r"|\bwithout (causing )?(any )?(casualties|injuries)"
    r"|\bni bless\w*|\baucun(e)? (bless\w*|victime\w*|mort\w*)|\bpas (eu )?de (bless\w*|victime\w*)"
    r"|\bsans faire de (bless\w*|victime\w*)"
    r"|\bniemand (\w+ )?(verletzt|getötet)|(verletzt|getötet) wurde (\w+ )?(niemand|keiner)|\bkeine (Verletzten|Toten|Opfer)"
    r"|\bno hubo (heridos|víctimas|muertos)|\bsin (causar )?(heridos|víctimas)|\bningún herido"
    r"|никто не (пострадал|погиб|ранен)|без пострадавших|без жертв|(пострадавших|жертв) нет"
    r"|\bnon (ci sono stati|ci sono|si registrano|risultano|ha causato|ha provocato) (\w+ )?(feriti|vittime)|\bnessun ferito"
    r"|\bsenza (causare )?(feriti|vittime)"
    r"|\bnão (houve|há|deixou|causou) (\w+ )?(feridos|vítimas|mortos)|\bninguém (\w+ )?(ficou ferido|se feriu|morreu)"
    r"|\bsem (deixar )?(feridos|vítimas)",
    re.IGNORECASE,
)
"""A sentence that says nobody was hurt ("ni blessé ni dégât", "никто не
пострадал"): a figure of 0 for both kinds (LABELLING.md: "no one was hurt"
means 0 and 0), which has no number for `_figures` to find."""


SINCE = re.compile(
    r"^\W*(since|so far this|depuis|seit|desde|\u0441 начала|\u0441 (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря))\b",
    re.IGNORECASE,
)
"""A sentence that opens with "Since October, ..." tallies many events, not this one."""

ATTACKERS_AMONG = re.compile(
    r"\b(including|among them|dont|darunter|incluido)\s+(?P<n>a|an|the|one|two|three|\d+|un|une|deux|trois|ein\w*|zwei|drei)?\s*"
    r"(suicide\s+|kamikaze\s+)?(?P<who>bombers?|attackers?|assailants?|gunm[ae]n|perpetrators?|kamikazes?"
    r"|assaillants?|attentäter\w*)\b",
    re.IGNORECASE,
)
"""The dead counted with their attackers: "Five people including a suicide
bomber were killed" is four victims (LABELLING.md: victims only)."""
_SMALL = {"two": 2, "deux": 2, "zwei": 2, "three": 3, "trois": 3, "drei": 3}
"""Counts of attackers written as words; any other word ("a", "the", "ein") is one."""


def _attackers_among(sentence: str) -> int:
    """How many attackers the sentence counts among its dead (0 if none):
    a number if written, else one, or two for a bare plural ("including gunmen")."""
    m = ATTACKERS_AMONG.search(sentence)
    if m is None:
        return 0
    n = (m.group("n") or "").lower()
    if n.isdigit():
        return int(n)
    if n:
        return _SMALL.get(n, 1)
    return 2 if m.group("who").lower().endswith(("s", "en")) else 1


def candidates(text: str, one: bool = True) -> list[Candidate]:
    """Every (kind, count) the article ties together, in order of the text;
    a sentence saying nobody was hurt gives (killed, 0) and (injured, 0); a
    toll counted with its attackers is given without them; a sentence that
    tallies since a date gives none; with `one`, a victim counted in words
    ("a woman was killed") is a figure of 1 (`counted_one`)."""
    found: dict[tuple[Kind, int, int], Candidate] = {}
    # A toll the article counts with its attackers somewhere -> the victims
    # alone: the headline's "kills five" is the lead's "five including a bomber".
    with_attackers: dict[int, int] = {}
    languages = number_languages(text)
    for start, end in sentences(text):
        sentence = text[start:end]
        if SINCE.search(sentence):
            continue
        nobody = NOBODY.search(sentence)
        if nobody:
            for kind in ("killed", "injured"):
                found.setdefault((kind, 0, start), Candidate(kind, 0, start, end, sentence))
        attackers = _attackers_among(sentence)
        for version in (
            *spelt_out(sentence, languages),
            *([counted_one(sentence)] if one and not nobody else []),
        ):
            for kind, count, parts in _figures(version):
                if kind == "killed" and 0 < attackers < count:
                    with_attackers[count] = count - attackers
                found.setdefault((kind, count, start), Candidate(kind, count, start, end, sentence, parts))
    victims = (
        replace(c, count=with_attackers[c.count]) if c.kind == "killed" and c.count in with_attackers else c
        for c in found.values()
    )
    return sorted({(c.kind, c.count, c.start): c for c in victims}.values(), key=lambda c: (c.start, c.kind))


def number_languages(text: str) -> tuple[str, ...]:
    """The languages whose number words are read in `text`: its own, when it
    is one of `NUMBER_LANGUAGES` (`language`), else all of them. Read in
    every language, Italian "non" (not) is Portuguese for nine."""
    own = language(text)
    return (own,) if own in NUMBER_LANGUAGES else NUMBER_LANGUAGES


def spelt_out(sentence: str, languages: tuple[str, ...] = NUMBER_LANGUAGES) -> list[str]:
    """The sentence, and with its number words as digits in each of `languages`."""
    versions = [sentence]
    for code in languages:
        with contextlib.suppress(Exception):  # text2num rejects some inputs
            converted = alpha2digit(sentence, code, threshold=0)
            if converted not in versions:
                versions.append(converted)
    if ARABIC_DUAL.search(sentence):
        versions.append(ARABIC_DUAL.sub(r"2 \1", sentence))
    if ARABIC_LETTER.search(sentence):
        plain = _HAMZA_ALEF.sub("\u0627", sentence)
        converted = _arabic_number_words().sub(lambda m: f"{m[1]} {_arabic_numbers()[m[2]]}", plain)
        if converted != plain:
            versions.append(converted)
    if CYRILLIC.search(sentence):
        collective = _COLLECTIVE.sub(lambda m: str(COLLECTIVE[m.group().lower()]), sentence)
        with contextlib.suppress(Exception):  # a parser's failure leaves the digits-only version
            converted = parse_numbers(collective, language="ru")
            if converted not in versions:
                versions.append(converted)
    return versions


def _figures(sentence: str) -> list[tuple[Kind, int, tuple[int, ...]]]:
    """(kind, count, parts) of every figure in `sentence`; a list of groups
    sharing one casualty word gives their sum first (LABELLING.md: "2 crew
    and 10 passengers killed" is 12), then the group the word is next to."""
    tokens = [m.group() for m in _TOKEN.finditer(sentence)]
    out: list[tuple[Kind, int, tuple[int, ...]]] = []
    for i, token in enumerate(tokens):
        if not _a_count(tokens, i):
            continue
        count = _number(token)
        found = _nearest_kind(tokens, i)
        if found is not None and not _either(tokens, found[1]):
            kind, j = found
            groups = _listed_with(tokens, i, j)
            if groups:
                parts = (count, *groups) if j > i else (*reversed(groups), count)
                out.append((kind, sum(parts), tuple(sorted(parts))))
            out.append((kind, count, ()))
    return out


_OR = re.compile(r"^(or|ou|o|oder|или|\u0623\u0648)$", re.IGNORECASE)


def _either(tokens: list[str], j: int) -> bool:
    """Whether the casualty word at `j` is one of "killed or wounded": a
    figure that does not tell the dead from the hurt is neither (LABELLING.md)."""
    for a, b in ((j + 1, j + 2), (j - 1, j - 2)):
        if 0 <= b < len(tokens) and _OR.match(tokens[a]):
            other = tokens[b]
            if (DEATH_WORD.match(tokens[j]) and INJURY_WORD.match(other)) or (
                INJURY_WORD.match(tokens[j]) and DEATH_WORD.match(other)
            ):
                return True
    return False


def _number(token: str) -> int:
    return int(re.sub(r"[,.]", "", token))


def _a_count(tokens: list[str], i: int) -> bool:
    """Whether the token at `i` is a number that may count people: not a
    year, an amount, an age, a part of a toll, or a number of weapons or attackers."""
    if not tokens[i][0].isdigit():
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    before = tokens[i - 1] if i > 0 else ""
    if (
        1900 <= _number(tokens[i]) <= 2100
        or _NOT_A_COUNT_AFTER.match(after)
        or before in ("$", "No", "no", "#")
    ):
        return False
    return not (ATTACKER.match(after) or MEANS.match(after) or _age(tokens, i) or _part(tokens, i))


def _listed_with(tokens: list[str], i: int, word: int) -> list[int]:
    """The counts of the other groups listed with the one at `i`, away from
    its casualty word: each a number and one to three words, joined by a
    comma or "and" ("3 Pakistani soldiers, 7 militants killed"; "killing 2
    crew and 10 passengers"). A casualty word or a verb in between ends the list:
    "5 killed and 20 injured" are two figures, and so is a number with a
    casualty word of its own ("погибли 12 человек, 40 пострадали")."""
    step = -1 if word > i else 1
    counts: list[int] = []
    while True:
        # Going back: "N words SEP [i]"; going forward: "[i] words SEP N".
        words = _group_words(tokens, i + step, step) if step > 0 else 0
        sep = i + step * (words + 1)
        if not 0 <= sep < len(tokens) or not (tokens[sep] == "," or _AND.match(tokens[sep])):
            return counts
        k = sep + step
        if step < 0:
            words = _group_words(tokens, k, step)
            k += step * words
            if words == 0:
                return counts
        if not 0 <= k < len(tokens) or not _a_count(tokens, k) or (k > 0 and tokens[k - 1][:1].isupper()):
            return counts  # "Brigade 604": a name, not a count
        if (own := _nearest_kind(tokens, k)) is not None and own[1] != word:
            return counts
        if step > 0 and _group_words(tokens, k + 1, step) == 0:
            return counts
        counts.append(_number(tokens[k]))
        i = k


def _group_words(tokens: list[str], start: int, step: int) -> int:
    """How many plain words (one or two: "soldiers", "police officers") run
    from `start` in direction `step`."""
    n = 0
    j = start
    while 0 <= j < len(tokens) and n < 2 and _plain(tokens[j]):
        n += 1
        j += step
    return n


def _plain(token: str) -> bool:
    return (
        token[0].isalpha()
        and not _NOT_IN_A_GROUP.match(token)
        and not (DEATH_WORD.match(token) or INJURY_WORD.match(token) or CONJUNCTION.match(token))
        and not PART_BEFORE.match(token)
        and token.lower() != "among"
    )


_NOT_IN_A_GROUP = re.compile(r"^(was|were|is|are|has|have|had|been|of|de|von)$", re.IGNORECASE)
"""Verbs and prepositions no group of victims is named with: "Brigade 604 was shattered and 200 killed" lists no groups."""

_AND = re.compile(r"^(and|und|et|y|e|и)$", re.IGNORECASE)


RUSSIAN_ONE = "погиб|погибла|скончался|скончалась|убит|убита|ранен|ранена|пострадал|пострадала|госпитализирован|госпитализирована"
"""Russian verbs in the singular: one victim, without a noun to count ("водитель погиб")."""

ARABIC_ONE_VERB = "قتل|مقتل|مصرع|وفاة|توفي|استشهد|استشهاد|[أا]صيب|[إا]صابة|جرح"
ARABIC_ONE_NOUN = "شخص|رجل|امرأة|سيدة|طفل|طفلة|شاب|فتاة|مواطن|مواطنة|مقيم|شرطي|جندي|عسكري|ضابط|سائق|عامل|مدني|أحد|آخر|ثالث|رابع"
"""Arabic puts the verb first and counts one victim by a noun in the
singular: "قتل شاب" (a young man was killed), "وأصيب آخر" (and another was
hurt), "مقتل أحد الجنود" (one of the soldiers killed)."""

ONE_VICTIM = re.compile(
    r"\b(a|an|one)\s+(?:[\w'-]+\s+){0,3}?(man|woman|boy|girl|child|baby|person|pedestrian|driver|motorist"
    r"|cyclist|passenger|worker|officer|policeman|policewoman|soldier|resident|student|teenager|teen|tourist"
    r"|guard|civilian|journalist|judge|farmer|victim|body|\d+-year-old)\b"
    r"|\b(ein|eine|einen|einem|einer)\s+(?:[\w-]+\s+){0,2}?(Mann|Frau|Junge\w*|Mädchen|Kind|Baby|Person"
    r"|Fußgänger\w*|Fahrer\w*|Radfahrer\w*|Arbeiter\w*|Polizist\w*|Soldat\w*|Bewohner\w*|\d+-Jährige\w*)"
    r"|\b(der|die|den|dem)\s+\d+-Jährige\w*"
    r"|\b(un|une|le|la)\s+(?:[\w'-]+\s+){0,2}?(homme|femme|garçon|fille|enfant|bébé|personne|piéton\w*"
    r"|conducteur|conductrice|passag\w*|ouvrier\w*|policier\w*|gendarme|soldat|habitant\w*|adolescent\w*|corps)"
    r"|\b(un|una|el|la)\s+(?:[\w-]+\s+){0,2}?(hombre|mujer|niñ[oa]|joven|bebé|persona|peatón|conductor\w*"
    r"|pasajer[oa]|obrer[oa]|trabajador\w*|policía|soldado|agente|menor|cadáver|cuerpo)"
    r"|\b(un|una|uno)\s+(?:[\w'-]+\s+){0,2}?(uomo|donna|ragazz[oa]|bambin[oa]|persona|pedone|conducente"
    r"|automobilista|autista|passegger[oa]|operaio|agente|soldato|cadavere|corpo)"
    r"|\b(um|uma)\s+(?:[\w-]+\s+){0,2}?(homem|mulher|rapaz|menin[oa]|criança|pessoa|pedestre|peão"
    r"|motorista|condutor\w*|passageir[oa]|trabalhador\w*|polícia|soldado|corpo|cadáver)"
    r"|\b(Leiche|cadavre|тело|труп)\b"
    rf"|\b({RUSSIAN_ONE})\b"
    rf"|(?<!\w){ARABIC_PROCLITICS}({ARABIC_ONE_VERB})\s+({ARABIC_ONE_NOUN})(?!\w)",
    re.IGNORECASE,
)
"""One victim written without a numeral: "a 63-year-old woman pedestrian
who died", "den 11-Jährigen", "une femme a été blessée", a single body
("verkohlte Leiche", "a body was found"), and Russian
verbs in the singular ("погибла"). Local news mostly counts one victim
this way."""


ONE_REFERENT = re.compile(
    r"\b(the|this|that)\s+(?:[\w'-]+\s+){0,2}?(man|woman|boy|girl|child|baby|person|pedestrian|driver|motorist"
    r"|cyclist|passenger|worker|officer|policeman|policewoman|soldier|resident|student|teenager|teen|tourist"
    r"|guard|civilian|journalist|judge|farmer|victim)\b|\b(he|she|his|her)\b"
    r"|\b(der|die|den|dem)\s+(?:[\w-]+\s+){0,2}?(Mann|Frau|Junge\w*|Mädchen|Kind|Fahrer\w*|Arbeiter\w*|Opfer)\b"
    r"|\b(Er|Sie)\s+(erlitt|wurde|starb|ist|war)\b"
    r"|\b(l'homme|la femme|le conducteur|la victime|il|elle)\b"
    r"|\b(el hombre|la mujer|el conductor|la víctima|él|ella)\b",
    re.IGNORECASE,
)
"""One victim the article has already introduced: "where the man died",
"Er erlitt schwere Verletzungen" (he was badly hurt). Enough to back a
figure of one that the model read (`one_victim`), not to make one: code's
own candidates count only a victim introduced as one (`ONE_VICTIM`)."""


def one_victim(quote: str) -> bool:
    """Whether `quote` counts one victim in words (one introduced or one
    already named) and gives no number of them."""
    return bool(ONE_VICTIM.search(quote) or ONE_REFERENT.search(quote)) and not candidates(quote, one=False)


_ONE_BEFORE = re.compile(rf"^({RUSSIAN_ONE})$", re.IGNORECASE)


def counted_one(sentence: str) -> str:
    """`sentence` with each victim counted in words written as the digit 1,
    so that `_figures` ties it to its casualty word like any number: "a
    63-year-old woman pedestrian who died" -> "1 63-year-old ...", "eine Frau
    wurde verletzt" -> "1 Frau wurde verletzt", "водитель погиб" -> "водитель 1 погиб".
    An age in the phrase is dropped ("der 11-Jährige" -> "1 person")."""

    def one(m: re.Match[str]) -> str:
        phrase = m.group()
        if _ONE_BEFORE.match(phrase):
            return "1 " + phrase
        if ARABIC_LETTER.match(phrase):
            verb, _, noun = phrase.rpartition(" ")
            return f"{verb} 1 {noun}"
        rest = phrase.partition(" ")[2]
        rest = " ".join(re.sub(r"\b\d+-\w+(-\w+)*", "", rest).split())
        return f"1 {rest or 'person'}"

    return ONE_VICTIM.sub(one, sentence)


PART_BEFORE = re.compile(
    r"^(including|includes|included|dont|darunter|incluidos?|incluidas?|entre|среди|включая)$",
    re.IGNORECASE,
)
PART_AFTER = re.compile(r"^(among|unter|parmi|entre|среди)$", re.IGNORECASE)


def _part(tokens: list[str], i: int) -> bool:
    """A part of a toll, not the toll: "including 3 children" (the word just
    before), "among the dead were 2 police officers" (up to four words
    before), "some 10 children among them" (up to three after)."""
    before = tokens[max(0, i - 4) : i]
    return (
        any(PART_BEFORE.match(t) for t in before[-2:])
        or any(t.lower() == "among" for t in before)
        or any(PART_AFTER.match(t) for t in tokens[i + 1 : i + 4])
    )


def _age(tokens: list[str], i: int) -> bool:
    """ "Phillip Pitts, 41, who...": a number between commas after a name is an age."""
    return (
        i >= 2
        and i + 1 < len(tokens)
        and tokens[i - 1] == ","
        and tokens[i + 1] == ","
        and tokens[i - 2][:1].isupper()
    )


def _nearest_kind(tokens: list[str], i: int) -> tuple[Kind, int] | None:
    """The casualty word nearest the number at `i`, not past another number
    or a clause break; after it first ("12 killed") at equal distance."""
    for distance in range(1, WINDOW + 2):
        for j in (i + distance, i - distance):
            if not 0 <= j < len(tokens) or _blocked(tokens, i, j) or (j > i and _and_then(tokens[j])):
                continue
            if DEATH_WORD.match(tokens[j]):
                return "killed", j
            if INJURY_WORD.match(tokens[j]):
                return "injured", j
    return None


def _and_then(token: str) -> bool:
    """An Arabic casualty word with "و" (and) written onto it opens the next
    clause: in "مقتل 13 وإصابة تسعة" (13 killed and nine injured) the 13
    belongs to the word before it, as "killed 13 and injured nine" does."""
    return token[:1] == "\u0648" and bool(DEATH_WORD.match(token[1:]) or INJURY_WORD.match(token[1:]))


CONJUNCTION = re.compile(r"^(and|und|et|y|e|и|\u0430|while|but|aber|mais|pero|plus|as well)$", re.IGNORECASE)
"""A number's casualty word is in its own clause: in "killing 4 civilians
and wounding 120", 4 is not wounded."""


def _blocked(tokens: list[str], i: int, j: int) -> bool:
    lo, hi = sorted((i, j))
    between = tokens[lo + 1 : hi]
    return any(t[0].isdigit() or t in (";", "(", ")") or CONJUNCTION.match(t) for t in between)
