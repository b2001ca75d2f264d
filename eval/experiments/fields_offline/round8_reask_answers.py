"""The dropped re-ask of round 8 (log section 3): for every document whose
tape holds the details step asked again "as English news names them", the
model's first and second place names. Usage: round8_reask_answers.py TAPES"""
import glob, hashlib, json, sys

import yaml

tapes = sys.argv[1]
n = 0
for f in sorted(glob.glob("eval/data/*/docs/*.txt")):
    sha = hashlib.sha256(open(f, "rb").read()).hexdigest()
    try:
        t = yaml.safe_load(open(f"{tapes}/{sha}.yaml"))
    except FileNotFoundError:
        continue
    for it in t["interactions"]:
        body = json.loads(it["request"]["body"])
        if "as English news names them" in body["messages"][-1]["content"]:
            first = json.loads(body["messages"][-2]["content"])["location"]
            ans = json.loads(json.loads(it["response"]["body"]["string"])["choices"][0]["message"]["content"])
            n += 1
            print(f.split("/")[-1][:6], {k: first[k] for k in ("country", "city")}, "->",
                  {k: ans["location"][k] for k in ("country", "region", "city")})
print(n, "asked again")
