"""Offline: a city the article names only in its dateline ("OSLO (Reuters) -")
is where the reporter filed from; replace it by the next city the article
names, and the country with that city's. Usage: dateline.py PRED_DIR SPLIT"""
import glob, json, os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
sys.path.insert(0, ROOT)
from summarizer.text import places
from summarizer.evaluation.evaluate import location_match

DATELINE = re.compile(r"^([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})\b(?:,\s*[A-Z][\w .]+?)?\s*(?:\((?:AP|Reuters|AFP|dpa|Xinhua)\))?\s*[—–-]*\s*")
pred_dir, split = sys.argv[1], sys.argv[2]
before = after = n = 0
for f in sorted(glob.glob(ROOT + "/eval/data/*/gold/*.json")):
    g = json.load(open(f))
    if g["split"] != split or not g["is_incident"]:
        continue
    ds, name = f.split("/")[-3], os.path.basename(f)
    p = f"{pred_dir}/{ds}/{name}"
    if not os.path.exists(p):
        continue
    text = open(f"{ROOT}/eval/data/{ds}/docs/{name[:-5]}.txt").read()
    loc = {k: json.load(open(p))["location"].get(k) for k in ("country", "region", "city", "site")}
    m0 = location_match(loc, g["location"])
    new = dict(loc)
    paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    if len(paragraphs) > 1:
        at, body = paragraphs[1]
        d = DATELINE.match(body)
        city = loc.get("city") or ""
        if d and city and places._key(d.group(1)) == places._key(city):
            rest = text[at + d.end():]
            if not re.search(re.escape(city), rest, re.IGNORECASE):
                country, other, _ = places.mentioned(rest)
                new["city"] = other
                if other is not None:
                    new["country"] = country
                print(f"{name[:34]:34} dateline {d.group(1)!r}: {loc['country']}/{city} -> {new['country']}/{new['city']} (gold {g['location'].get('country')}/{g['location'].get('city')})")
    m1 = location_match(new, g["location"])
    if m0 is not None:
        before += m0; after += m1; n += 1
print(f"location {before/n:.3f} -> {after/n:.3f} over {n}")
