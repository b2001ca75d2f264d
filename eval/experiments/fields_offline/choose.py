"""Replay `pipeline._choose_figures` over saved predictions: the saved
killed/injured (already chosen once) as the model's answer, today's
candidates from `figures`. Approximate: the model's raw figure is not saved.
Usage: choose.py PRED_DIR SPLIT [-v]"""
import glob, json, os, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
sys.path.insert(0, ROOT)
from summarizer.text import figures
from summarizer.pipeline import _choose_figures
from summarizer.schema import Casualties

pred_dir, split = sys.argv[1], sys.argv[2]
verbose = "-v" in sys.argv
right = {"killed": [0, 0], "injured": [0, 0]}
abst = [0, 0]
both = [0, 0]
for f in sorted(glob.glob(ROOT + "/eval/data/*/gold/*.json")):
    g = json.load(open(f))
    if g["split"] != split or not g["is_incident"]:
        continue
    ds, name = f.split("/")[-3], os.path.basename(f)
    p = f"{pred_dir}/{ds}/{name}"
    if not os.path.exists(p):
        continue
    pr = json.load(open(p))
    text = open(f"{ROOT}/eval/data/{ds}/docs/{name[:-5]}.txt").read()
    saved = pr["casualties"]
    c = Casualties(killed=saved.get("killed"), injured=saved.get("injured"))
    _choose_figures(c, figures.candidates(text), text)
    ok = True
    for kind in ("killed", "injured"):
        gv, v = g["casualties"].get(kind), getattr(c, kind)
        if gv is None:
            abst[0] += 1
            abst[1] += v is None
        else:
            right[kind][0] += 1
            right[kind][1] += v == gv
        ok &= v == gv
        if verbose and v != gv:
            print(f"  {name[:40]:40} {kind:8} gold {gv} got {v} (saved {saved.get(kind)})")
    both[0] += 1
    both[1] += ok
k, i = right["killed"], right["injured"]
print(f"killed {k[1]}/{k[0]}={k[1]/k[0]:.2f} injured {i[1]}/{i[0]}={i[1]/i[0]:.2f} "
      f"abstained {abst[1]}/{abst[0]} both {both[1]}/{both[0]}={both[1]/both[0]:.2f}")
