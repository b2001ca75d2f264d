"""Region when the model gives none (or one not in the text): the first
top-level subdivision (pycountry, ISO 3166-2) of the record's country that
the article names. Usage: region.py PRED_DIR dev [keep]"""

import json, glob, os, sys, re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
sys.path.insert(0, ROOT)
import pycountry
from summarizer.text import places
from summarizer.evaluation.evaluate import location_match, names_match

pred_dir = sys.argv[1]
split = sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else "fill"


def subdivisions(country):
    try:
        c = pycountry.countries.lookup(country)
    except LookupError:
        return []
    return [s for s in pycountry.subdivisions.get(country_code=c.alpha_2) or [] if s.parent_code is None]


def region_in(text, loc):
    best = None
    key_text = places._key(text)
    for s in subdivisions(loc.get("country") or ""):
        name = re.sub(r"\s*\[.*\]", "", s.name)
        k = places._key(name)
        if not k or k in (places._key(loc.get("city") or ""), places._key(loc.get("country") or "")):
            continue
        m = re.search(r"\b" + re.escape(k) + r"\b", key_text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


L = [0, 0]
L0 = [0, 0]
for f in sorted(glob.glob(ROOT + "/eval/data/*/gold/*.json")):
    g = json.load(open(f))
    if g["split"] != split or not g["is_incident"]:
        continue
    ds = f.split("/")[-3]
    name = os.path.basename(f)
    p = f"{pred_dir}/{ds}/{name}"
    if not os.path.exists(p):
        continue
    pr = json.load(open(p))
    loc = dict(pr["location"])
    text = open(ROOT + f"/eval/data/{ds}/docs/{name[:-5]}.txt").read()
    gl = g["location"]
    m0 = location_match(loc, gl)
    r = loc.get("region")
    if mode == "replace" and r and places._key(r) not in places._key(text):
        r = None
    if not r:
        r = (
            places.region(text, loc.get("country"), loc.get("city"))
            if "new" in sys.argv
            else region_in(text, loc)
        )
    loc["region"] = r
    m = location_match(loc, gl)
    if m is None:
        continue
    L[0] += 1
    L[1] += m
    L0[1] += m0
    if m != m0 or gl.get("region") or (r and not pr["location"].get("region")):
        print(
            name[:28].ljust(28),
            f"{m0:.2f}->{m:.2f}",
            gl.get("region"),
            "|",
            pr["location"].get("region"),
            "->",
            r,
        )
print(f"location {L0[1] / L[0]:.2f} -> {L[1] / L[0]:.2f}")
