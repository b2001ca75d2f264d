"""Run Google's langextract on one article against an OpenAI-compatible
server; print one JSON line with its extractions and their grounding.

Runs in the peer's own virtual environment (benchmarks/peers.py makes it):
langextract pins its own client libraries, which the project's do not
match. Usage: python peer_langextract.py BASE_URL MODEL ARTICLE
"""

import json
import sys
import time

import langextract as lx
from langextract.providers.openai import OpenAILanguageModel

PROMPT = (
    "Extract the facts of the one incident this news article reports: the event, its date, "
    "location, perpetrators, targets, weapons, number killed, number injured, and key facts. "
    "Use exact text from the article for each extraction; do not paraphrase."
)
EXAMPLE = lx.data.ExampleData(
    text=(
        "Two rockets hit a police station in Kirkuk on Tuesday night, wounding three officers. "
        "Police blamed the Islamic State group. No one was killed."
    ),
    extractions=[
        lx.data.Extraction(
            "event", "Two rockets hit a police station", attributes={"type": "rocket_or_missile_attack"}
        ),
        lx.data.Extraction("date", "Tuesday night"),
        lx.data.Extraction("location", "Kirkuk"),
        lx.data.Extraction("perpetrator", "the Islamic State group", attributes={"attribution": "accused"}),
        lx.data.Extraction("target", "a police station"),
        lx.data.Extraction("weapon", "Two rockets", attributes={"count": "2"}),
        lx.data.Extraction("injured", "wounding three officers", attributes={"count": "3"}),
        lx.data.Extraction("killed", "No one was killed", attributes={"count": "0"}),
        lx.data.Extraction("key_fact", "Police blamed the Islamic State group"),
    ],
)


def main() -> None:
    base_url, model, path = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    started = time.perf_counter()
    result = lx.extract(
        text_or_documents=text,
        prompt_description=PROMPT,
        examples=[EXAMPLE],
        model=OpenAILanguageModel(
            model_id=model, api_key="no-key", base_url=base_url, temperature=0.0, max_workers=1
        ),
        use_schema_constraints=False,
        show_progress=False,
    )
    seconds = time.perf_counter() - started
    extractions = []
    for e in result.extractions or []:
        interval = e.char_interval
        start = interval.start_pos if interval else None
        end = interval.end_pos if interval else None
        extractions.append(
            {
                "class": e.extraction_class,
                "text": e.extraction_text,
                "start": start,
                "end": end,
                "verbatim": start is not None and text[start:end] == e.extraction_text,
                "located": start is not None,
            }
        )
    print(json.dumps({"seconds": round(seconds, 1), "extractions": extractions}))


if __name__ == "__main__":
    main()
