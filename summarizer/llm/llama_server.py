"""The embedded model's server: llama-cpp-python's own, sampling greedy
grammar-constrained output the way llama.cpp's C++ server does.

`python -m summarizer.llm.llama_server ARGS` takes the arguments of
`python -m llama_cpp.server`. The one change: under greedy decoding
(temperature 0, which every request of ours uses) with a grammar,
llama-cpp-python checks all 151,936 tokens of the vocabulary against the
grammar at every step, then takes the best. That check was about 30% of the
server's time per generated token (py-spy, seed 000). `GreedyGrammarSampler`
takes the best token first and checks only it; the whole vocabulary is
filtered only when the grammar rejects it. Greedy decoding picks the best
allowed token either way, so the tokens are the same; a test compares them
with llama-cpp-python's sampler on the real model.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import _internals


class GreedyGrammarSampler:
    """Repetition penalties, then the best token the grammar allows; the
    same steps as llama-cpp-python's sampler chain (penalties, grammar,
    greedy) with the grammar asked about one token instead of all."""

    def __init__(self, llama: llama_cpp.Llama, grammar: Any, penalties: dict[str, Any]) -> None:
        self.penalties = _internals.LlamaSampler()
        self.penalties.add_penalties(n_vocab=llama._n_vocab, **penalties)
        self.grammar = _internals.LlamaSampler()
        self.grammar.add_grammar(llama._model, grammar)
        n = llama._n_vocab
        self.candidates = (llama_cpp.llama_token_data * n)()
        self.view = np.ctypeslib.as_array(self.candidates)  # fields id, logit, p
        self.view["id"] = np.arange(n, dtype=np.int32)
        self.all = llama_cpp.llama_token_data_array(data=self.candidates, size=n, selected=-1, sorted=False)
        self.best = (llama_cpp.llama_token_data * 1)()
        self.one = llama_cpp.llama_token_data_array(data=self.best, size=1, selected=-1, sorted=False)
        self.n_vocab = n

    def sample(self, ctx: Any, idx: int = -1) -> int:
        logits = llama_cpp.llama_get_logits_ith(ctx.ctx, idx)
        self.view["logit"] = np.ctypeslib.as_array(logits, shape=(self.n_vocab,))
        self.all.size, self.all.selected, self.all.sorted = self.n_vocab, -1, False
        llama_cpp.llama_sampler_apply(self.penalties.sampler, ctypes.byref(self.all))
        token = int(self.view["logit"].argmax())  # the first of equals, as llama.cpp's greedy sampler
        self.best[0] = llama_cpp.llama_token_data(token, self.view["logit"][token], 0.0)
        self.one.size, self.one.selected, self.one.sorted = 1, -1, False
        llama_cpp.llama_sampler_apply(self.grammar.sampler, ctypes.byref(self.one))
        if not math.isfinite(self.best[0].logit):  # rejected: filter the whole vocabulary
            llama_cpp.llama_sampler_apply(self.grammar.sampler, ctypes.byref(self.all))
            token = int(self.view["logit"].argmax())
        self.penalties.accept(token)
        self.grammar.accept(token)
        return token

    def close(self) -> None:
        self.penalties.close()
        self.grammar.close()


_llama_sampler = llama_cpp.Llama._init_sampler


def _init_sampler(self: llama_cpp.Llama, *args: Any, **kwargs: Any) -> Any:
    """llama-cpp-python's sampler, except for greedy decoding with a grammar."""
    if args or not _plain_greedy(kwargs):
        return _llama_sampler(self, *args, **kwargs)
    penalties = {
        "penalty_last_n": self.last_n_tokens_size,
        "penalty_repeat": kwargs.get("repeat_penalty", 1.0),
        "penalty_freq": kwargs.get("frequency_penalty", 0.0),
        "penalty_present": kwargs.get("presence_penalty", 0.0),
    }
    return GreedyGrammarSampler(self, kwargs["grammar"], penalties)


def _plain_greedy(kwargs: dict[str, Any]) -> bool:
    return (
        kwargs.get("grammar") is not None
        and kwargs.get("temp") == 0.0
        and kwargs.get("logits_processor") is None
        and kwargs.get("mirostat_mode", 0) == 0
    )


def install() -> None:
    llama_cpp.Llama._init_sampler = _init_sampler  # type: ignore[method-assign]


if __name__ == "__main__":
    from llama_cpp.server.__main__ import main

    install()
    main()
