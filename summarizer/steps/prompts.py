"""Render the prompt templates in `prompts/` into chat messages.

The system message is static (it holds every step's instructions) and comes
first, then the article, then one line naming the step. A llama.cpp server
reuses the longest cached prefix of the previous request, so the system
prompt is read once per run and the article once per document: on 2 cores
prompt reading runs at about 40 tokens/s, so each token kept out of the
per-step tail saves time four times per article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from summarizer.steps.definitions import STEPS, Step
from summarizer.text.grounding import sentences

PROMPT_NAME = "incident-v1"

Message = dict[str, str]


def template_dir() -> Path:
    """Templates ship inside the wheel; in a checkout they live at the top level."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "prompts", package.parent / "prompts"):
        if (candidate / "system.j2").is_file():
            return candidate
    raise FileNotFoundError(f"prompt templates not found next to {package}")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,  # templates are read once per process, not stat'ed on every render
    )


@cache
def _system(cite: str, names: tuple[str, ...]) -> str:
    """The static system prompt: the same for every step and document of a run."""
    return _environment().get_template("system.j2").render(steps=names, cite=cite).strip()


_DELIMITERS = re.compile(r"<\s*/?\s*article\s*>|<\|\s*(im_start|im_end|endoftext)\s*\|>", re.IGNORECASE)
"""The article's own delimiter in any case or spacing ("</ARTICLE >"), and
the chat-template tokens of Qwen and OpenAI models ("<|im_start|>system")."""


def fence(article: str) -> str:
    """Keep the article from closing its delimiter or opening a chat turn:
    every such token inside it is shown with its brackets escaped."""
    return _DELIMITERS.sub(lambda m: m.group().replace("<", "&lt;").replace(">", "&gt;"), article)


ADDRESSED_TO_MODEL = re.compile(
    r"\b(ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(instructions?|rules|prompts?|above|previous)\b"
    r"|\b(system|developer) (prompt|instructions?)\b|\b(system|developer) (note|message) to\b"
    r"|\bnote to the (ai|assistant|model|summari[sz]er|llm)\b"
    r"|\byou are (now )?(an? |the )?(ai|assistant|language model|summari[sz]er|llm)\b"
    r"|\bas an (ai|assistant|language model)\b"
    r"|\bis_incident\b|\bevent_type\b|\bkey_facts\b"
    r"|\b(do not|don't) (summari[sz]e|report|extract|classify|analy[sz]e)\b|\bnew (rules?|instructions?):"
    r"|\b(summari[sz]e|classify|label) this (article|text|story) as\b"
    rf"|{_DELIMITERS.pattern}",
    re.IGNORECASE,
)
"""Words that address the model, not the reader: orders to ignore the
instructions, notes to the AI, the schema's own field names, and the
delimiters and chat tokens `fence` escapes.
News does not write them; an injected article does."""


def addressed_to_model(article: str) -> list[tuple[int, int]]:
    """The sentences of `article` that address the model (`ADDRESSED_TO_MODEL`)."""
    return [(s, e) for s, e in sentences(article) if ADDRESSED_TO_MODEL.search(article[s:e])]


def hide(article: str, spans: list[tuple[int, int]]) -> str:
    """`article` with each span blanked to spaces of the same length: the
    model never reads an injected order, and every offset still points at
    the same character of the article."""
    chars = list(article)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def render(
    step: Step[Any],
    article: str,
    leads: list[str] | None = None,
    numbered: list[str] | None = None,
    asked: Sequence[Step[Any]] = STEPS,
) -> list[Message]:
    """The chat messages that ask one step's question about `article`.

    `leads` are sentences of the article the pipeline found for this step
    (those that mention casualties): pointing a small model at the right
    sentences works better than asking it to search the whole article.
    They come after the article, so the cached prefix is unchanged.
    `numbered`: the article's sentences, when the model cites them by number
    (see `schema.Cite`); the article is then shown one numbered sentence a line.
    `asked`: every step of the run, whose instructions the system prompt holds.
    """
    system = _system("sentence" if numbered else "quote", tuple(s.name for s in asked))
    user = (
        _environment()
        .get_template("user.j2")
        .render(
            article=fence(article),
            step=step.name,
            leads=leads or [],
            leads_label=step.leads_label,
            numbered=[fence(s) for s in numbered or []],
        )
        .strip()
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


@cache
def template_hash(cite: str = "quote", asked: tuple[Step[Any], ...] = STEPS) -> str:
    """sha256 of every step's prompt with a placeholder article: the prompt's
    identity across documents, for caches, resumed batches and eval reports."""
    numbered = ["{sentence}"] if cite == "sentence" else None
    return prompt_hash(m for step in asked for m in render(step, "{article}", ["{lead}"], numbered, asked))


def prompt_hash(messages: Iterable[Message]) -> str:
    """sha256 over rendered messages, so outputs name the exact prompt used."""
    digest = hashlib.sha256()
    for message in messages:
        digest.update(message["role"].encode())
        digest.update(b"\0")
        digest.update(message["content"].encode())
        digest.update(b"\0")
    return digest.hexdigest()
