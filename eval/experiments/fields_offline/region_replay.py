"""Replay a relaxed `places.region` on saved predictions whose region is empty,
by dev half (tuned: old dev + dd + de; held: df + dg). Usage: region_replay.py PRED tuned|held [variant]"""
import json, glob, os, re, sys
ROOT = os.environ.get("ROOT", "/work/main"); sys.path.insert(0, ROOT)
from summarizer.text import places
from summarizer.text.places import _countries, _key, _LETTERS, _find, _subdivisions, _main_cities, SUBDIVISION_WORD
from summarizer.text.grounding import sentences
from summarizer.evaluation.evaluate import names_match
pred_dir, sub = sys.argv[1], sys.argv[2]; variant = sys.argv[3] if len(sys.argv) > 3 else "old"

def region(text, country_name, city_name):
    code = _countries().get(_key(country_name or ""))
    if code is None: return None
    words = [(m.start(), m.end(), _key(m.group())) for m in _LETTERS.finditer(text)]
    folded = [w for _, _, w in words]
    city_words = tuple(_key(city_name or "").split())
    exclude = {city_words, tuple(_key(country_name or "").split())}
    city_at = [(words[i][0], words[i + len(city_words) - 1][1]) for i in _find(folded, city_words)]
    anchor = city_at[0][0] if city_at else 0
    spans = sentences(text)
    city_sentences = [span for span in spans if any(span[0] <= c < span[1] for c, _ in city_at)] or spans[:1]
    best = None; named = set()
    for name in _subdivisions(code):
        if name in exclude: continue
        for i in _find(folded, name):
            start, end = words[i][0], words[i + len(name) - 1][1]
            after_city = any(re.fullmatch(r",\s*", text[e:start]) for _, e in city_at)
            near = text[max(0, start - 30): min(len(text), end + 30)]
            telling = 0 if after_city else 1 if SUBDIVISION_WORD.search(near) else 2
            in_city_sentence = any(s <= start < e for s, e in city_sentences)
            if variant == "old":
                if telling == 2 and " ".join(name) in _main_cities(): continue
                if telling and not in_city_sentence: continue
            elif variant == "word":  # a name beside "province" counts anywhere
                if telling == 2 and " ".join(name) in _main_cities(): continue
                if telling == 2 and not in_city_sentence: continue
            elif variant == "only":  # ... and the only subdivision the article names counts anywhere
                if telling == 2 and " ".join(name) in _main_cities() and not in_city_sentence: continue
                named.add(name)
            rank = (telling, abs(start - anchor), text[start:end])
            if best is None or rank[:2] < best[:2]: best = rank
    if variant == "only" and best and best[0] == 2 and len(named) > 1:
        return None
    return best[2] if best else None

stats = {"found": 0, "n": 0, "invented": 0, "none_gold": 0}
for f in sorted(glob.glob(ROOT + "/eval/data/*/gold/*.json")):
    g = json.load(open(f)); name = os.path.basename(f)
    if g["split"] != "dev" or not g["is_incident"]: continue
    if (sub == "held") != name.startswith(("df-", "dg-")): continue
    ds = f.split("/")[-3]; pr = json.load(open(f"{pred_dir}/{ds}/{name}"))
    if not pr["is_incident"]: continue
    loc = pr["location"]; text = open(f"{ROOT}/eval/data/{ds}/docs/{name[:-5]}.txt").read()
    if variant.startswith("prefer"):
        variant_ = variant; variant = "word" if variant == "prefer-word" else "old"
        found = region(text, loc.get("country"), loc.get("city")); variant = variant_
        said = loc.get("region")
        in_text = bool(said) and _key(said) in _key(text)
        r = found or (said if in_text else None)
    else:
        r = loc.get("region") or region(text, loc.get("country"), loc.get("city"))
    gr = g["location"].get("region")
    if gr:
        stats["n"] += 1; ok = names_match(r, gr); stats["found"] += ok
        if "-v" in sys.argv and sub != "held" and not ok: print("MISS", name[:30], gr, "|", r, "|", loc.get("country"), loc.get("city"))
    else:
        stats["none_gold"] += 1; stats["invented"] += bool(r)
        if "-v" in sys.argv and sub != "held" and r: print("INVENTED", name[:30], r)
print(sub, variant, stats)
