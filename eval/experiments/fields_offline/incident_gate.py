"""Round 5 experiment: ask a yes/no 'did an incident happen' question on the
documents the pipeline read as no incident (saved predictions), dev only.
Usage: gate.py PRED_DIR tuned|held OUT.jsonl"""
import glob, json, os, sys, time
from typing import Literal
ROOT = os.environ.get("ROOT", "/work/main")
sys.path.insert(0, ROOT)
from summarizer.pipeline import Summarizer
from summarizer.steps.definitions import CLASSIFY, Draft
from summarizer.steps import prompts

class YesNo(Draft):
    answer: Literal["yes", "no"]

class Kind(Draft):
    kind: Literal["none", "attack", "fighting", "accident"]

QUESTIONS = {
    "q1": (YesNo, "Question: does this article report a specific violent or harmful event that happened "
           "(an attack, bombing, shooting, stabbing, assault, arson, armed clash, or an accident such as a crash, "
           "fire, explosion, fall or drowning) in which people were killed, hurt, held or threatened, or property "
           "was damaged? Answer \"no\" if it only reports politics, business, markets, sport, culture, weather, "
           "a trial or an anniversary. Answer in JSON."),
    "q2": (YesNo, "Question: were people killed or injured, or was property damaged, in an event this article reports? Answer in JSON."),
    "q3": (Kind, "Question: what main event does this article report? \"none\" if it reports no violent or harmful event "
           "(politics, business, markets, sport, culture, weather, a trial, an anniversary); \"attack\" if someone deliberately "
           "harmed people or property; \"fighting\" if two armed sides fought; \"accident\" for an unintended crash, fire, "
           "explosion, fall or drowning. Answer in JSON."),
}

pred_dir, sub, out = sys.argv[1], sys.argv[2], sys.argv[3]
docs = []
for f in sorted(glob.glob(ROOT + "/eval/data/*/gold/*.json")):
    g = json.load(open(f)); name = os.path.basename(f)
    if g["split"] != "dev": continue
    if (sub == "held") != name.startswith(("df-", "dg-")): continue
    ds = f.split("/")[-3]
    pr = json.load(open(f"{pred_dir}/{ds}/{name}"))
    if pr["is_incident"]: continue
    docs.append((ds, name, g["is_incident"]))
print(len(docs), "documents", file=sys.stderr)
s = Summarizer()
with open(out, "a") as fh:
    for ds, name, gold in docs:
        text = open(f"{ROOT}/eval/data/{ds}/docs/{name[:-5]}.txt").read()[:6000]
        row = {"name": name, "gold": gold}
        for key, (model, question) in QUESTIONS.items():
            messages = prompts.render(CLASSIFY, text)
            messages[-1]["content"] = messages[-1]["content"].rsplit("\n", 1)[0] + "\n" + question
            t = time.monotonic()
            a = s.backend.extract(messages, model, source=text)
            row[key] = a.draft.model_dump()
            row[key + "_s"] = round(time.monotonic() - t, 1)
        print(json.dumps(row), file=fh, flush=True)
        if sub != "held": print(row, file=sys.stderr)
s.close()
