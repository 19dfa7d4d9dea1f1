"""Words of the brief's sentences made from the data (domain/narrative.py), in (zh, en).

The Chinese "{is1}" is "为580亿元" but "超过260种" (a bound needs no 为); in English it is the
value as it is: the sentence maker fills it for both languages, so both take one placeholder.
"""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "narrative.growth_up": (
        "{name}由{v1}（{p1}）增至{v2}（{p2}），增长{g}（推算：({b} − {a}) ÷ {a} {eq} {r}%）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), up {g} (derived: ({b} − {a}) ÷ {a} {eq} {r}%).",
    ),
    "narrative.growth_down": (
        "{name}由{v1}（{p1}）降至{v2}（{p2}），下降{g}（推算：({a} − {b}) ÷ {a} {eq} {r}%）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), down {g} (derived: ({a} − {b}) ÷ {a} {eq} {r}%).",
    ),
    "narrative.times": (
        "{name}由{v1}（{p1}）增至{v2}（{p2}），为前者的{g}（推算：{b} ÷ {a} {eq} {r}）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), {g} the first figure "
        "(derived: {b} ÷ {a} {eq} {r}).",
    ),
    "narrative.same": (
        "{name}{p1}{is1}，{p2}仍为{v2}。",
        "{name}: {is1} ({p1}), unchanged at {v2} ({p2}).",
    ),
    "narrative.points_up": (
        "{name}由{v1}（{p1}）升至{v2}（{p2}），提高{d}{pp}（推算：{b} − {a} {eq} {r}）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), up {d} {pp} (derived: {b} − {a} {eq} {r}).",
    ),
    "narrative.points_down": (
        "{name}由{v1}（{p1}）降至{v2}（{p2}），下降{d}{pp}（推算：{a} − {b} {eq} {r}）。",
        "{name}: from {v1} ({p1}) to {v2} ({p2}), down {d} {pp} (derived: {a} − {b} {eq} {r}).",
    ),
    "narrative.rank_up": (
        "{name}由{v1}（{p1}）升至{v2}（{p2}）。",
        "{name}: up from {v1} ({p1}) to {v2} ({p2}).",
    ),
    "narrative.rank_down": (
        "{name}由{v1}（{p1}）降至{v2}（{p2}）。",
        "{name}: down from {v1} ({p1}) to {v2} ({p2}).",
    ),
    "narrative.target_progress": (
        "{p1}，{name}{is1}，完成{p2}目标（{v2}）的{r}（推算：{a} ÷ {b} {eq} {rr}%）。",
        "{name}: {is1} ({p1}), {r} of the target for {p2} ({v2}) (derived: {a} ÷ {b} {eq} {rr}%).",
    ),
    "narrative.target_latest": (
        "{name}：最新{is1}（{p1}）；{p2}目标{is2}。",
        "{name}: latest {is1} ({p1}); target for {p2}: {is2}.",
    ),
    # a target whose period is imprecise ("2022, year inferred", no deadline): its label in
    # parentheses, as for any value, instead of "target for 2022, year inferred"
    "narrative.target_latest_undated": (
        "{name}：最新{is1}（{p1}）；目标{is2}（{p2}）。",
        "{name}: latest {is1} ({p1}); target: {is2} ({p2}).",
    ),
    "narrative.counts": (
        "本简报收录{metrics}的{figures}（公开报道{reported}项、推算{derived}项、"
        "目标{targets}）和{highlights}，引用{sources}{years}；数据截至{as_of}{age}。",
        "This brief covers {figures} for {metrics} ({reported} reported, {derived} derived, "
        "{targets}) and {highlights} from {sources}{years}; data as of {as_of}{age}.",
    ),
    "narrative.counts_years": ("；年份范围{y1}–{y2}年", ", for {y1}–{y2}"),
    # the size of a change, in a phrase of its own (trend tables, cards)
    "narrative.pp_one": ("个百分点", "percentage point"),
    "narrative.pp_many": ("个百分点", "percentage points"),
    "narrative.points_phrase_up": ("提高{d}{pp}", "up {d} {pp}"),
    "narrative.points_phrase_down": ("下降{d}{pp}", "down {d} {pp}"),
    "narrative.change_up": ("增长{g}", "up {g}"),
    "narrative.change_down": ("下降{g}", "down {g}"),
    "narrative.times_exact": ("{n}倍", "{n} times"),
    "narrative.times_over": ("{n}倍以上", "over {n} times"),
    "narrative.times_at_least": ("至少{n}倍", "at least {n} times"),
    "narrative.times_about": ("约{n}倍", "about {n} times"),
}
