#!/usr/bin/env python3
"""Seeded synthetic agent traces for CostTrace tests and benchmarks.

Writes runs of three realistic agent shapes, drawn at random:

* research agent: planner, 2-5 researcher sub-agents (web_search tool calls, retrieval with an
  embedding, an LLM summary that sometimes fails and is retried), then a writer; the researchers
  sometimes run concurrently and sometimes in a separate worker process (own `resource`);
* coding agent: iterations of a GPU rerank span (`gpu: {device, count, busy_ns}`), an LLM
  "propose patch" call (one model per run; the prompt cache is written on the first iteration
  and read on the next) and a "run tests" tool call, then a review and sometimes a GPU reindex;
* support workflow: classify, then 1-3 turns of retrieve + answer (Anthropic prompt cache
  reads and writes when the run's `variant` is `cached-context`), optional review, send reply.

Models are real ids (gpt-4.1, gpt-4.1-mini, gpt-4.1-nano, gpt-4o, o4-mini,
text-embedding-3-small, claude-sonnet-4-5, claude-haiku-4-5, claude-opus-4-1, gemini-2.5-flash,
gemini-2.5-pro, mistral-large-latest, deepseek-chat) plus, on about 2% of LLM calls, a
self-hosted model that no price book knows (`acme-llama-3.3-70b-ft`, always with a GPU child
span). About 3% of LLM spans are failed attempts (status error, no usage) followed by a retry.
Root spans carry `user.id`, `team`, `project`, `workflow`, `variant` and `environment`; about
10% of runs put `team` in the `resource` only.

Formats:

* `costtrace` (default): the line format of docs/trace-format.md, one span per line, spans of a
  run in the order they end (children before parents), `usage` in CostTrace's buckets and
  `raw_usage` in the provider's own convention (openai_chat, openai_responses, anthropic,
  gemini, otel_genai on some spans, costtrace).
* `otlp`: one OTLP/JSON ExportTraceServiceRequest per line, as the OpenTelemetry Collector's
  file exporter writes it; usage as OpenTelemetry GenAI attributes (`gen_ai.usage.input_tokens`
  includes cache reads and writes, `gen_ai.usage.output_tokens` includes reasoning), int64
  values as JSON strings, roots with `"parentSpanId":""`, status `{}` (unset), `{"code":1}` or
  `{"message":...,"code":2}`. Operations: chat, embeddings, execute_tool (+ `gen_ai.tool.name`),
  invoke_agent, invoke_workflow, retrieval; steps carry OpenLLMetry's `traceloop.span.kind: task`;
  GPU spans, for which no convention exists, carry `costtrace.kind: gpu` and
  `costtrace.gpu.device` / `.count` / `.busy_ns`. Providers use the OTel names
  (`gcp.gemini`, `mistral_ai`). Spans with the same resource in one document share a
  `resourceSpans`; researcher spans of a worker process have their own.

The same arguments and seed always give the same bytes (ids come from the seeded generator, not
from os.urandom). Format, --otlp-batch and --otlp-split do not change the runs: a seed's OTLP
output describes the same spans, ids and times as its costtrace output.

--spans-per-run scales the outer repeat counts (researchers, coding iterations, support turns);
the mean lands within a few percent of the target from about 15 up; below about 12 the smallest
shapes set the floor. With --otlp-split, each batch's first document holds the spans that ended
first in each run and its second (with the roots) is written after the next batch's first, so
a reader must assemble traces across non-adjacent lines.

Usage:

    # 50 runs to stdout
    tools/generate-traces.py --runs 50

    # about 1,000,000 spans for a benchmark, November 2026, over 30 days
    tools/generate-traces.py --runs 40000 --seed 7 --start 2026-11-01 --out /tmp/1m.jsonl

    # OTLP, 20 runs per ExportTraceServiceRequest, each trace split over two documents
    tools/generate-traces.py --runs 1000 --format otlp --otlp-batch 20 --otlp-split --out /tmp/otlp.jsonl

    # bigger runs (about 60 spans each) over a single day
    tools/generate-traces.py --runs 100 --spans-per-run 60 --days 1

A one-line summary (runs, spans, seconds) goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time

NS = 1_000_000_000
MS = 1_000_000

SELF_HOSTED_MODEL = "acme-llama-3.3-70b-ft"

# model -> (provider, raw_usage convention, OTel gen_ai.provider.name, cache style, reasoning, tokens/s)
# cache style: "explicit" (Anthropic cache_control: reads and 5m/1h writes), "auto" (provider caches
# long prefixes by itself: reads only), "none". Reasoning: None, "always", "sometimes".
MODELS = {
    "gpt-4.1": ("openai", "openai_chat", "openai", "auto", None, 80),
    "gpt-4.1-mini": ("openai", "openai_chat", "openai", "auto", None, 120),
    "gpt-4.1-nano": ("openai", "openai_chat", "openai", "auto", None, 200),
    "gpt-4o": ("openai", "openai_chat", "openai", "auto", None, 90),
    "o4-mini": ("openai", "openai_responses", "openai", "auto", "always", 130),
    "text-embedding-3-small": ("openai", "costtrace", "openai", "none", None, 0),
    "claude-sonnet-4-5": ("anthropic", "anthropic", "anthropic", "explicit", None, 70),
    "claude-haiku-4-5": ("anthropic", "anthropic", "anthropic", "explicit", None, 140),
    "claude-opus-4-1": ("anthropic", "anthropic", "anthropic", "explicit", None, 40),
    "gemini-2.5-flash": ("google", "gemini", "gcp.gemini", "auto", "sometimes", 180),
    "gemini-2.5-pro": ("google", "gemini", "gcp.gemini", "auto", "always", 90),
    "mistral-large-latest": ("mistral", "openai_chat", "mistral_ai", "none", None, 70),
    "deepseek-chat": ("deepseek", "openai_chat", "deepseek", "auto", None, 60),
    SELF_HOSTED_MODEL: ("self-hosted", "costtrace", "self-hosted", "none", None, 50),
}


def _pool(*weighted):
    """A list to index with int(random() * len): each model repeated by its weight."""
    out = []
    for model, weight in weighted:
        assert model in MODELS, model
        out.extend([model] * weight)
    return out


PLAN = _pool(("claude-sonnet-4-5", 8), ("gpt-4.1", 5), ("gemini-2.5-pro", 3), ("claude-opus-4-1", 2), ("o4-mini", 2))
SUMMARISE = _pool(
    ("gpt-4.1-mini", 6), ("claude-haiku-4-5", 4), ("gemini-2.5-flash", 4), ("deepseek-chat", 2),
    ("mistral-large-latest", 2), ("gpt-4o", 2),
)
WRITE = _pool(("claude-sonnet-4-5", 6), ("claude-opus-4-1", 2), ("gpt-4.1", 3), ("gemini-2.5-pro", 2))
CRITIQUE = _pool(("gemini-2.5-flash", 3), ("o4-mini", 2), ("gpt-4.1-mini", 1))
CODE = _pool(
    ("claude-sonnet-4-5", 7), ("gpt-4.1", 4), ("deepseek-chat", 2), ("gemini-2.5-pro", 2), ("o4-mini", 2),
    ("mistral-large-latest", 1),
)
REVIEW = _pool(("o4-mini", 4), ("claude-opus-4-1", 2), ("gemini-2.5-pro", 1))
CLASSIFY = _pool(("gpt-4.1-nano", 5), ("gemini-2.5-flash", 2), ("claude-haiku-4-5", 2), ("gpt-4.1-mini", 1))
ANSWER = _pool(("claude-sonnet-4-5", 10), ("claude-haiku-4-5", 7), ("gpt-4.1", 2), ("gpt-4o", 1))
SUPPORT_REVIEW = _pool(("claude-haiku-4-5", 3), ("gpt-4.1-mini", 2))

# provider -> ((error message, OTel error.type, min seconds, max seconds), ...)
ERRORS = {
    "openai": (("429 rate_limit_exceeded", "429", 0.05, 0.4), ("500 server_error", "500", 0.5, 4.0),
               ("timeout after 60s", "timeout", 60.0, 60.5)),
    "anthropic": (("529 overloaded_error", "529", 0.2, 2.0), ("429 rate_limit_error", "429", 0.05, 0.4),
                  ("timeout after 60s", "timeout", 60.0, 60.5)),
    "google": (("429 RESOURCE_EXHAUSTED", "429", 0.05, 0.4), ("503 UNAVAILABLE", "503", 0.3, 3.0)),
    "mistral": (("429 rate limit exceeded", "429", 0.05, 0.4), ("503 service unavailable", "503", 0.3, 3.0)),
    "deepseek": (("503 server overloaded", "503", 0.5, 5.0), ("timeout after 120s", "timeout", 120.0, 120.5)),
    "self-hosted": (("vllm: request queue full", "503", 0.01, 0.1), ("CUDA out of memory", "500", 0.5, 3.0)),
}
ERROR_TYPE = {m: t for errors in ERRORS.values() for m, t, _, _ in errors}

P_LLM_FAIL = 0.03  # chance that an LLM attempt fails (and is retried, at most twice)
P_OTEL_RECORDED = 0.08  # LLM spans recorded through the OTel GenAI attributes (raw_usage otel_genai)
P_SELF_HOSTED = 0.02  # LLM calls routed to the self-hosted model
P_TEAM_IN_RESOURCE = 0.10

TEAMS = {
    "research": ["research"] * 6 + ["search"] * 3 + ["growth"],
    "coding": ["platform"] * 7 + ["search"] * 2 + ["research"],
    "support": ["support"] * 8 + ["growth"] * 2,
}
PROJECTS = {
    "search": ["ranking", "query-understanding", "index-quality"],
    "support": ["helpdesk", "billing-assist"],
    "platform": ["devtools", "ci-agents", "infra-copilot"],
    "research": ["market-intel", "paper-digest"],
    "growth": ["onboarding", "lead-scoring", "campaigns"],
}
ENVIRONMENTS = ["production"] * 16 + ["staging"] * 3 + ["dev"]
TOPICS = [
    "spot vs on-demand", "H100 supply", "inference-optimised chips", "vector database pricing",
    "EU AI Act timelines", "agent evaluation methods", "prompt caching economics", "open-weight models",
    "GPU cloud margins", "token price trends", "retrieval quality metrics", "customer churn drivers",
]
TASKS = [
    "flaky auth test", "date parsing bug", "slow query", "null pointer in exporter", "race in cache",
    "wrong currency rounding", "memory leak in worker", "broken pagination",
]
RERANK_GPUS = (("L4", 1), ("L4", 1), ("A10G", 1), ("L40S", 1))
SELF_HOSTED_GPUS = (("H100", 2), ("H100", 2), ("A100", 1), ("H200", 1))

# OTLP span kinds: client for calls to a model provider, internal for everything else.
OTLP_KIND = {"llm": 3, "embedding": 3}
OTLP_OPERATION = {
    "llm": "chat", "embedding": "embeddings", "tool": "execute_tool", "agent": "invoke_agent",
    "workflow": "invoke_workflow", "retrieval": "retrieval",
}

# -- JSON pieces ---------------------------------------------------------------------------------

_quoted: dict[str, str] = {}


def q(text: str) -> str:
    """json.dumps of a string, cached (names, models and attribute values come from small sets)."""
    r = _quoted.get(text)
    if r is None:
        r = _quoted[text] = json.dumps(text)
    return r


_attrs_cache: dict[tuple, str] = {}


def attrs_json(attrs: dict) -> str:
    """attrs_object for the small attribute sets of inner spans, cached."""
    key = tuple(attrs.items())
    r = _attrs_cache.get(key)
    if r is None:
        r = _attrs_cache[key] = attrs_object(attrs)
    return r


def attrs_object(attrs: dict) -> str:
    parts = []
    for k, v in attrs.items():
        if v is True:
            parts.append(f"{q(k)}:true")
        elif v is False:
            parts.append(f"{q(k)}:false")
        elif isinstance(v, int):
            parts.append(f"{q(k)}:{v}")
        else:
            parts.append(f"{q(k)}:{q(v)}")
    return "{" + ",".join(parts) + "}"


_kv_cache: dict[tuple, str] = {}


def kv(k: str, v) -> str:
    """One OTLP KeyValue; int64 values as JSON strings, as the protobuf JSON mapping writes them."""
    if v is True or v is False:
        return f'{{"key":{q(k)},"value":{{"boolValue":{"true" if v else "false"}}}}}'
    if isinstance(v, int):
        return f'{{"key":{q(k)},"value":{{"intValue":"{v}"}}}}'
    key = (k, v)
    r = _kv_cache.get(key)
    if r is None:
        r = _kv_cache[key] = f'{{"key":{q(k)},"value":{{"stringValue":{q(v)}}}}}'
    return r


def raw_fields(conv: str, inp: int, cr: int, w5: int, w1: int, out: int, rs: int, split: bool) -> str:
    """The provider's own usage numbers for `conv` that normalise back to these buckets."""
    if conv == "openai_chat":
        f = [f'"completion_tokens":{out}']
        if rs:
            f.append(f'"completion_tokens_details.reasoning_tokens":{rs}')
        f.append(f'"prompt_tokens":{inp + cr}')
        if cr:
            f.append(f'"prompt_tokens_details.cached_tokens":{cr}')
    elif conv == "anthropic":
        f = []
        if w5 or w1:
            if split or w1:
                f.append(f'"cache_creation.ephemeral_1h_input_tokens":{w1}')
                f.append(f'"cache_creation.ephemeral_5m_input_tokens":{w5}')
            f.append(f'"cache_creation_input_tokens":{w5 + w1}')
        if cr:
            f.append(f'"cache_read_input_tokens":{cr}')
        f.append(f'"input_tokens":{inp}')
        f.append(f'"output_tokens":{out}')
    elif conv == "gemini":
        f = []
        if cr:
            f.append(f'"cachedContentTokenCount":{cr}')
        f.append(f'"candidatesTokenCount":{out - rs}')
        f.append(f'"promptTokenCount":{inp + cr}')
        if rs:
            f.append(f'"thoughtsTokenCount":{rs}')
    elif conv == "openai_responses":
        f = [f'"input_tokens":{inp + cr}']
        if cr:
            f.append(f'"input_tokens_details.cached_tokens":{cr}')
        f.append(f'"output_tokens":{out}')
        if rs:
            f.append(f'"output_tokens_details.reasoning_tokens":{rs}')
    elif conv == "otel_genai":
        f = []
        if w5 or w1:
            f.append(f'"gen_ai.usage.cache_creation.input_tokens":{w5 + w1}')
        if cr:
            f.append(f'"gen_ai.usage.cache_read.input_tokens":{cr}')
        f.append(f'"gen_ai.usage.input_tokens":{inp + cr + w5 + w1}')
        f.append(f'"gen_ai.usage.output_tokens":{out}')
        if rs:
            f.append(f'"gen_ai.usage.reasoning.output_tokens":{rs}')
    else:  # costtrace
        return usage_object(inp, cr, w5, w1, out, rs)
    return "{" + ",".join(f) + "}"


def usage_object(inp: int, cr: int, w5: int, w1: int, out: int, rs: int) -> str:
    f = [f'"input":{inp}']
    if cr:
        f.append(f'"cache_read":{cr}')
    if w5:
        f.append(f'"cache_write_5m":{w5}')
    if w1:
        f.append(f'"cache_write_1h":{w1}')
    if out:
        f.append(f'"output":{out}')
    if rs:
        f.append(f'"reasoning":{rs}')
    return "{" + ",".join(f) + "}"


# -- Generation ----------------------------------------------------------------------------------
#
# A span is a list:
#   [end_ns, span_id, parent_id, kind, name, start_ns, status, error, llm, tool, gpu, attrs, proc, res_start]
# llm = (model, provider, convention, otel_provider, inp, cache_read, write_5m, write_1h, output, reasoning,
#        anthropic_split) or None
# tool = tool name or None; gpu = (device, count, busy_ns) or None; attrs = dict or None
# proc = index of the process (resource) that recorded it; res_start = it starts that process's part
END, SID, PID, KIND, NAME, START, STATUS, ERROR, LLM, TOOL, GPU, ATTRS, PROC, RES_START = range(14)


class Generator:
    def __init__(self, seed: int, spans_per_run: float):
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.bits = self.rng.getrandbits
        # The outer repeat counts (researchers, coding iterations, support turns) scale linearly with
        # the target; measured: mean spans per run = 5.3 + 19.7 * scale, so scale 1 gives 25. Below
        # about 12 spans the smallest shapes (counts of 1) set the floor.
        self.scale = max(spans_per_run - 5.3, 0.5) / 19.7
        self._ranges: dict[tuple[int, int], tuple[int, int]] = {}
        self.trace_ids: set[int] = set()
        self.ticket = 10000

    # helpers -----------------------------------------------------------------

    def n(self, lo: int, hi: int) -> int:
        """A repeat count uniform in [lo, hi], scaled by --spans-per-run."""
        rng = self._ranges.get((lo, hi))
        if rng is None:
            a = max(1, round(lo * self.scale))
            b = max(a, round(hi * self.scale))
            rng = self._ranges[(lo, hi)] = (a, b - a + 1)
        return rng[0] + int(self.r() * rng[1])

    def pick(self, seq):
        return seq[int(self.r() * len(seq))]

    def tokens(self, lo: int, hi: int) -> int:
        """Log-uniform token count in [lo, hi]."""
        return int(lo * (hi / lo) ** self.r())

    def secs(self, lo: float, hi: float) -> int:
        """Log-uniform duration in [lo, hi] seconds, in ns."""
        return int(lo * (hi / lo) ** self.r() * NS)

    def gap(self) -> int:
        return int((0.2 + self.r() * 4.8) * MS)

    def sid(self) -> str:
        v = self.bits(64)
        used = self.used
        while not v or v in used:
            v = self.bits(64)
        used.add(v)
        return f"{v:016x}"

    def add(self, end, sid, pid, kind, name, start, status=None, error=None, llm=None, tool=None, gpu=None,
            attrs=None, res_start=False):
        self.spans.append([end, sid, pid, kind, name, start, status, error, llm, tool, gpu, attrs, self.proc, res_start])

    # LLM calls ---------------------------------------------------------------

    def llm(self, pid: str, name: str, t: int, pool, ctx: int, fresh: int, out: int, cache=None,
            attrs=None, model=None) -> int:
        """An LLM call (with failed attempts and retries) starting at t; returns its end.

        ctx: prompt prefix that can be cached; fresh: prompt tokens new to this call; out: visible
        completion tokens. cache (explicit-cache providers): None, "r" (read), "5m" or "1h" (write).
        """
        r = self.r
        if model is None:
            model = SELF_HOSTED_MODEL if r() < P_SELF_HOSTED else pool[int(r() * len(pool))]
        provider, conv, otel_provider, style, reasoning, tps = MODELS[model]
        otel = r() < P_OTEL_RECORDED and conv != "costtrace"
        if otel:
            conv = "otel_genai"
        attempt = 1
        while r() < P_LLM_FAIL and attempt <= 2:
            message, _, lo, hi = self.pick(ERRORS[provider])
            end = t + self.secs(lo, hi)
            a = {"attempt": attempt}
            if otel:
                a.update(self.otel_attrs(model, otel_provider))
            self.add(end, self.sid(), pid, "llm", name, t, "error", message,
                     (model, provider, conv, otel_provider, 0, 0, 0, 0, 0, 0, False), None, None, a)
            t = end + self.secs(0.5, 8.0)
            attempt += 1

        # usage in CostTrace's buckets
        cr = w5 = w1 = 0
        if style == "explicit":
            if cache and ctx >= 1024:
                if cache == "r":
                    cr = ctx
                elif cache == "1h":
                    w1 = ctx
                else:
                    w5 = ctx
                inp = fresh
            else:
                inp = ctx + fresh
        elif style == "auto":
            warm = 0.9 if cache == "r" else self.auto_warm
            if ctx >= 1024 and r() < warm:
                cr = ctx // 128 * 128
            inp = ctx + fresh - cr
        else:
            inp = ctx + fresh
        rs = 0
        if reasoning == "always" or (reasoning == "sometimes" and r() < 0.5):
            rs = int(out * (0.5 + r() * 4.0))
        total_out = out + rs
        if otel and w1:  # the OTel GenAI attributes do not split cache writes by lifetime
            w5, w1 = w5 + w1, 0
        split = r() < 0.5

        # latency: time to first token grows with the prompt, then decoding
        dur = int((0.25 + (inp + cr + w5 + w1) / 60000 + r() * 0.6 + total_out / (tps * (0.7 + 0.6 * r()))) * NS)
        end = t + dur
        sid = self.sid()
        if provider == "self-hosted":
            device, count = self.pick(SELF_HOSTED_GPUS)
            self.add(end, self.sid(), sid, "gpu", "vllm inference", t, gpu=(device, count, dur))
        a = None
        if attempt > 1 or attrs:
            a = dict(attrs) if attrs else {}
            if attempt > 1:
                a["attempt"] = attempt
        if otel:
            a = a or {}
            a.update(self.otel_attrs(model, otel_provider))
        self.add(end, sid, pid, "llm", name, t, None, None,
                 (model, provider, conv, otel_provider, inp, cr, w5, w1, total_out, rs, split), None, None, a)
        return end

    def otel_attrs(self, model, otel_provider):
        return {"gen_ai.operation.name": "chat", "gen_ai.provider.name": otel_provider, "gen_ai.request.model": model}

    def embed(self, pid: str, name: str, t: int, lo: int, hi: int) -> int:
        end = t + self.secs(0.04, 0.2)
        self.add(end, self.sid(), pid, "embedding", name, t, None, None,
                 ("text-embedding-3-small", "openai", "costtrace", "openai", self.tokens(lo, hi), 0, 0, 0, 0, 0, False))
        return end

    def retrieval(self, pid: str, name: str, t: int, lo: int, hi: int) -> int:
        sid = self.sid()
        e = self.embed(sid, "embed query" if hi < 200 else "embed ticket", t, lo, hi)
        end = e + self.secs(0.01, 0.12)
        self.add(end, sid, pid, "retrieval", name, t, attrs={"retrieval.documents": 3 + int(self.r() * 8)})
        return end

    # shapes ------------------------------------------------------------------

    def research(self, root: str, t0: int) -> int:
        r = self.r
        t = t0
        planner = self.sid()
        e = self.llm(planner, "plan", t, PLAN, self.tokens(1500, 4000), self.tokens(200, 1500),
                     self.tokens(200, 900), cache="r" if r() < 0.6 else "5m")
        self.add(e, planner, root, "agent", "planner", t)
        t = e + self.gap()

        k = self.n(2, 5)
        parallel = r() < 0.4
        worker = r() < 0.3
        if worker:
            self.proc = 1
        ends = []
        start = t
        for i in range(k):
            ta = start + i * int(r() * 50 * MS) if parallel else t
            agent = self.sid()
            tt = ta
            for qi in range(1 + int(r() * 5)):
                e = tt + self.secs(0.3, 2.5)
                self.add(e, self.sid(), agent, "tool", "web_search", tt, tool="web_search",
                         attrs={"query.index": qi + 1})
                tt = e + self.gap()
            for _ in range(int(r() * 2.2)):
                e = tt + self.secs(0.2, 3.0)
                self.add(e, self.sid(), agent, "tool", "fetch page", tt, tool="web_fetch")
                tt = e + self.gap()
            tt = self.retrieval(agent, "retrieve notes", tt, 10, 60) + self.gap()
            notes = self.tokens(4000, 16000)
            tt = self.llm(agent, "summarize", tt, SUMMARISE, notes // 2, notes - notes // 2,
                          self.tokens(300, 1200), cache="r" if self.variant_cached and r() < 0.5 else None)
            self.add(tt, agent, root, "agent", "researcher: " + self.pick(TOPICS), ta, res_start=worker)
            ends.append(tt)
            t = tt + self.gap()
        self.proc = 0
        t = max(ends) + self.gap()

        writer = self.sid()
        tw = t
        ctx = self.tokens(2000, 6000)
        body = self.tokens(3000, 9000)
        tw = self.llm(writer, "draft", tw, WRITE, ctx, body, self.tokens(800, 2500),
                      cache="r" if self.variant_cached else "5m") + self.gap()
        if r() < 0.5:
            tw = self.llm(writer, "critique", tw, CRITIQUE, 0, body + self.tokens(800, 2500),
                          self.tokens(300, 900)) + self.gap()
        tw = self.llm(writer, "final", tw, WRITE, ctx, body, self.tokens(1200, 3000), cache="r")
        self.add(tw, writer, root, "agent", "writer", t)
        return tw

    def coding(self, root: str, t0: int) -> int:
        r = self.r
        coder = self.sid()
        t = t0
        repo_ctx = self.tokens(8000, 60000)
        iterations = self.n(2, 7)
        fails_at_end = r() < 0.2
        first_cache = "1h" if self.variant_cached else "5m"
        # one model per run, as a coding agent is configured
        model = SELF_HOSTED_MODEL if r() < P_SELF_HOSTED else self.pick(CODE)
        for i in range(1, iterations + 1):
            step = self.sid()
            ts = t
            if r() < 0.5:
                e = t + self.secs(0.05, 0.8)
                self.add(e, self.sid(), step, "tool", "read files", t, tool="repo_read",
                         attrs={"files": 1 + int(r() * 12)})
                t = e + self.gap()
            device, count = self.pick(RERANK_GPUS)
            dur = self.secs(0.2, 2.5)
            e = t + dur
            self.add(e, self.sid(), step, "gpu", "rerank context", t,
                     gpu=(device, count, int(dur * (0.6 + 0.4 * r()))), attrs={"reranker": "bge-reranker-v2"})
            t = e + self.gap()
            t = self.llm(step, "propose patch", t, CODE, repo_ctx, self.tokens(500, 4000) + i * 800,
                         self.tokens(300, 3000), cache=first_cache if i == 1 else "r", model=model)
            t += self.gap()
            passed = i == iterations and not fails_at_end
            e = t + self.secs(15, 180)
            if passed:
                self.add(e, self.sid(), step, "tool", "run tests", t, "ok", tool="ci_runner",
                         attrs={"tests.passed": True})
            else:
                failed = 1 + int(r() * 6)
                self.add(e, self.sid(), step, "tool", "run tests", t, "error",
                         f"{failed} test{'s' if failed > 1 else ''} failed", tool="ci_runner",
                         attrs={"tests.passed": False})
            t = e
            self.add(t, step, coder, "step", f"iteration {i}", ts)
            t += self.gap()
        self.add(t, coder, root, "agent", "coder", t0)
        t += self.gap()
        t = self.llm(root, "review patch", t, REVIEW, self.tokens(3000, 12000), self.tokens(1000, 6000),
                     self.tokens(400, 2000))
        if r() < 0.3:
            dur = self.secs(30, 200)
            e = t + dur
            self.add(e, self.sid(), root, "gpu", "reindex repository", t, gpu=("L4", 1, dur))
            t = e
        return t

    def support(self, root: str, t0: int) -> int:
        r = self.r
        t = t0
        step = self.sid()
        e = self.llm(step, "classify intent", t, CLASSIFY, 0, self.tokens(250, 900), self.tokens(3, 20))
        self.add(e, step, root, "step", "classify", t)
        t = e + self.gap()
        system = self.tokens(15000, 30000)
        turns = self.pick((1, 1, 2, 2, 3))
        turns = max(1, round(turns * self.scale))
        for turn in range(turns):
            step = self.sid()
            e = self.retrieval(step, "search help centre", t, 60, 400)
            self.add(e, step, root, "step", "retrieve", t)
            t = e + self.gap()
            if self.variant_cached:
                cache = "r" if r() < 0.8 else ("1h" if r() < 0.25 else "5m")
            else:
                cache = None
            step = self.sid()
            ts = t
            if r() < 0.5:
                e = t + self.secs(0.05, 0.5)
                self.add(e, self.sid(), step, "tool", "look up account", t, tool="crm_lookup")
                t = e + self.gap()
            e = self.llm(step, "draft answer", t, ANSWER, system, self.tokens(800, 4000) + turn * 600,
                         self.tokens(120, 700), cache=cache)
            self.add(e, step, root, "step", "answer", ts)
            t = e + self.gap()
            if r() < 0.4:
                t = self.llm(root, "review answer", t, SUPPORT_REVIEW, 0, self.tokens(1500, 4000),
                             self.tokens(20, 120)) + self.gap()
        e = t + self.secs(0.1, 0.6)
        self.add(e, self.sid(), root, "tool", "send reply", t, tool="helpdesk_api")
        return e

    # runs --------------------------------------------------------------------

    def run(self, t0: int):
        """One run: (trace id, spans in the order they end, resources by process)."""
        r = self.r
        while True:
            v = self.bits(128)
            if v and v not in self.trace_ids:
                self.trace_ids.add(v)
                break
        tid = f"{v:032x}"
        self.spans = []
        self.used = set()
        self.proc = 0
        x = r()
        shape = "research" if x < 0.4 else ("coding" if x < 0.7 else "support")
        team = self.pick(TEAMS[shape])
        env = self.pick(ENVIRONMENTS)
        variant = "cached-context" if r() < 0.45 else "baseline"
        self.variant_cached = variant == "cached-context"
        self.auto_warm = 0.55 if self.variant_cached else 0.25
        user = f"u-{int(200 * r() ** 1.8) + 1}"
        team_in_resource = r() < P_TEAM_IN_RESOURCE
        attrs = {"user.id": user}
        if not team_in_resource:
            attrs["team"] = team
        attrs["project"] = self.pick(PROJECTS[team])
        root = self.sid()
        if shape == "research":
            attrs["workflow"] = "research-report"
            name, service = "research report", "research-agent"
        elif shape == "coding":
            attrs["workflow"] = "coding-agent"
            name, service = "fix failing test", "coding-agent"
        else:
            attrs["workflow"] = "support-ticket"
            name, service = "support ticket", "support-bot"
        attrs["variant"] = variant
        attrs["environment"] = env
        if shape == "coding":
            attrs["task"] = self.pick(TASKS)
        elif shape == "support":
            self.ticket += 1
            attrs["ticket"] = self.ticket
        body = getattr(self, shape)
        end = body(root, t0) + self.gap()
        self.add(end, root, None, "workflow", name, t0, attrs=attrs, res_start=True)
        resources = [{"service.name": service, "deployment.environment": env}]
        resources.append({"service.name": "research-worker", "deployment.environment": env})
        if team_in_resource:
            for res in resources:
                res["team"] = team
        spans = self.spans
        spans.sort(key=_end_key)  # a tracer writes a span when it ends; stable, so children stay first
        return tid, spans, resources


def _end_key(span):
    return span[0]


# -- Writers -------------------------------------------------------------------------------------


_kind_name: dict[tuple, str] = {}


def costtrace_lines(tid: str, spans, resources) -> str:
    head = f'{{"v":1,"trace_id":"{tid}","span_id":"'
    res_json = [attrs_object(r) for r in resources]
    out = []
    kinds = _kind_name
    for end, sid, pid, kind, name, start, status, error, llm, tool, gpu, attrs, proc, res_start in spans:
        kn = kinds.get((kind, name))
        if kn is None:
            kn = kinds[(kind, name)] = f'","kind":"{kind}","name":{q(name)},"start_ns":'
        if pid:
            s = f'{head}{sid}","parent_span_id":"{pid}{kn}{start},"end_ns":{end}'
        else:
            s = f'{head}{sid}{kn}{start},"end_ns":{end}'
        if status:
            s += f',"status":"{status}"'
            if error:
                s += f',"error":{q(error)}'
        if llm:
            model, provider, conv, _, inp, cr, w5, w1, o, rs, split = llm
            s += f',"model":{q(model)},"provider":"{provider}"'
            if inp or o:
                s += f',"usage":{usage_object(inp, cr, w5, w1, o, rs)}' \
                     f',"raw_usage":{{"convention":"{conv}","fields":{raw_fields(conv, inp, cr, w5, w1, o, rs, split)}}}'
        if tool:
            s += f',"tool":{{"name":{q(tool)},"calls":1}}'
        if gpu:
            s += f',"gpu":{{"device":"{gpu[0]}","count":{gpu[1]},"busy_ns":{gpu[2]}}}'
        if attrs:
            s += ',"attributes":' + (attrs_object(attrs) if pid is None else attrs_json(attrs))
        if res_start:
            s += ',"resource":' + res_json[proc]
        out.append(s + "}\n")
    return "".join(out)


_SCOPE = '"scopeSpans":[{"scope":{"name":"costtrace-generator"},"spans":['
_KIND_KV = {k: kv("gen_ai.operation.name", v) for k, v in OTLP_OPERATION.items()}
_KIND_KV["step"] = kv("traceloop.span.kind", "task")  # OpenLLMetry's name for a step
_KIND_KV["gpu"] = kv("costtrace.kind", "gpu")


def otlp_span(tid: str, sp) -> str:
    end, sid, pid, kind, name, start, status, error, llm, tool, gpu, attrs, proc, res_start = sp
    a = [_KIND_KV[kind]]
    if kind == "agent":
        a.append(kv("gen_ai.agent.name", name))
    if llm:
        model, provider, conv, otel_provider, inp, cr, w5, w1, o, rs, split = llm
        a.append(kv("gen_ai.provider.name", otel_provider))
        a.append(kv("gen_ai.request.model", model))
        if inp or o:
            a.append(kv("gen_ai.usage.input_tokens", inp + cr + w5 + w1))
            if kind == "llm":
                a.append(kv("gen_ai.usage.output_tokens", o))
            if cr:
                a.append(kv("gen_ai.usage.cache_read.input_tokens", cr))
            if w5 or w1:
                a.append(kv("gen_ai.usage.cache_creation.input_tokens", w5 + w1))
            if rs:
                a.append(kv("gen_ai.usage.reasoning.output_tokens", rs))
    if tool:
        a.append(kv("gen_ai.tool.name", tool))
    if gpu:
        a.append(kv("costtrace.gpu.device", gpu[0]))
        a.append(kv("costtrace.gpu.count", gpu[1]))
        a.append(kv("costtrace.gpu.busy_ns", gpu[2]))
    if status == "error":
        a.append(kv("error.type", ERROR_TYPE.get(error, "tests_failed" if tool == "ci_runner" else "error")))
    if attrs:
        for k, v in attrs.items():
            if not k.startswith("gen_ai."):
                a.append(kv(k, v))
    if status == "error":
        st = f'{{"message":{q(error)},"code":2}}'
    elif status == "ok":
        st = '{"code":1}'
    else:
        st = "{}"
    return (f'{{"traceId":"{tid}","spanId":"{sid}","parentSpanId":"{pid or ""}","name":{q(name)},'
            f'"kind":{OTLP_KIND.get(kind, 1)},"startTimeUnixNano":"{start}","endTimeUnixNano":"{end}",'
            f'"attributes":[{",".join(a)}],"status":{st}}}')


def otlp_document(parts) -> str:
    """parts: list of (tid, spans, resources). Spans with equal resources share a resourceSpans."""
    groups: dict[str, list[str]] = {}
    for tid, spans, resources in parts:
        keys = [",".join(kv(k, v) for k, v in res.items()) for res in resources]
        for sp in spans:
            key = keys[sp[PROC]]
            g = groups.get(key)
            if g is None:
                g = groups[key] = []
            g.append(otlp_span(tid, sp))
    rs = [f'{{"resource":{{"attributes":[{key}]}},{_SCOPE}{",".join(g)}]}}]}}' for key, g in groups.items()]
    return '{"resourceSpans":[' + ",".join(rs) + "]}\n"


# -- Main ----------------------------------------------------------------------------------------


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Seeded synthetic agent traces (CostTrace JSONL or OTLP/JSON) for tests and benchmarks.",
        epilog="Same arguments and seed give byte-identical output. See the module docstring for examples.",
    )
    p.add_argument("--runs", type=int, required=True, help="number of runs (traces) to write")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--out", default="-", help="output file (default stdout)")
    p.add_argument("--format", choices=("costtrace", "otlp"), default="costtrace", help="default costtrace")
    p.add_argument("--start", default="2026-11-01", help="UTC day the runs start, YYYY-MM-DD (default 2026-11-01)")
    p.add_argument("--days", type=float, default=30, help="days the run start times spread over (default 30)")
    p.add_argument("--spans-per-run", type=float, default=25,
                   help="approximate mean spans per run (default 25); shapes vary around it")
    p.add_argument("--otlp-batch", type=int, default=1, help="OTLP: runs per ExportTraceServiceRequest line (default 1)")
    p.add_argument("--otlp-split", action="store_true",
                   help="OTLP: split each trace over two documents; the second (with the root) is written "
                        "after the next batch's first")
    args = p.parse_args(argv)
    if args.runs < 0:
        p.error("--runs must be at least 0")
    if args.otlp_batch < 1:
        p.error("--otlp-batch must be at least 1")
    if args.days <= 0:
        p.error("--days must be positive")
    try:
        day = datetime.datetime.strptime(args.start, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        p.error(f"--start {args.start!r}: expected a date such as 2026-11-01")
    args.start_ns = int(day.timestamp()) * NS
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    gen = Generator(args.seed, args.spans_per_run)
    rnd = gen.r
    # Split points come from their own generator, so that every format, batch size and split of a
    # seed describes the same runs.
    cut_rnd = random.Random(f"otlp-split-{args.seed}").random
    window = int(args.days * 86400 * NS)
    stride = window // args.runs if args.runs else 0

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    if out is sys.stdout:
        sys.stdout.reconfigure(newline="\n")
    spans_total = 0
    lines = 0
    buf: list[str] = []
    buffered_runs = 0
    try:
        pending = None  # --otlp-split: the second document of the previous batch
        batch = []
        for i in range(args.runs):
            t0 = args.start_ns + i * stride + int(rnd() * stride)
            tid, spans, resources = gen.run(t0)
            spans_total += len(spans)
            buffered_runs += 1
            if args.format == "costtrace":
                buf.append(costtrace_lines(tid, spans, resources))
                lines += len(spans)
            else:
                batch.append((tid, spans, resources))
                if len(batch) < args.otlp_batch and i < args.runs - 1:
                    continue
                if args.otlp_split:
                    # A batch's first document holds the spans that ended first in each of its runs;
                    # its second (with the roots) is written after the next batch's first.
                    first, second = [], []
                    for tid_, spans_, res_ in batch:
                        cut = 1 + int(cut_rnd() * (len(spans_) - 1)) if len(spans_) > 1 else 1
                        first.append((tid_, spans_[:cut], res_))
                        if cut < len(spans_):
                            second.append((tid_, spans_[cut:], res_))
                    buf.append(otlp_document(first))
                    lines += 1
                    if pending:
                        buf.append(pending)
                        lines += 1
                    pending = otlp_document(second) if second else None
                else:
                    buf.append(otlp_document(batch))
                    lines += 1
                batch = []
            if buffered_runs >= 256:
                out.write("".join(buf))
                buf.clear()
                buffered_runs = 0
        if pending:
            buf.append(pending)
            lines += 1
        out.write("".join(buf))
        out.flush()
    except BrokenPipeError:  # e.g. piped into head
        sys.stdout = None
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        return 0
    finally:
        if out is not sys.stdout and out is not None and args.out != "-":
            out.close()
    seconds = time.perf_counter() - began
    print(f"generate-traces: {args.runs} runs, {spans_total} spans, {lines} lines, {args.format}, "
          f"seed {args.seed}, {seconds:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
