"""Words of the meeting brief and its document model (domain/brief/*), in (zh, en)."""

from __future__ import annotations

# the target scorecard (domain/brief/scorecard.py): a target's status, and why
SCORECARD: dict[str, tuple[str, str]] = {
    "scorecard.status_met": ("已完成", "met"),
    "scorecard.status_on_track": ("进度正常", "on track"),
    "scorecard.status_behind": ("进度落后", "behind"),
    "scorecard.status_missed": ("未完成", "missed"),
    "scorecard.status_unknown": ("无法判断", "not known"),
    "scorecard.reason_met": ("{actual}已达到目标", "{actual} reaches the target"),
    "scorecard.reason_missed": ("{actual}未达到目标", "{actual} falls short of the target"),
    "scorecard.reason_on_track": (
        "按{a}至{b}的直线趋势，期限内可达到目标",
        "a straight line through {a} and {b} reaches it by the deadline",
    ),
    "scorecard.reason_behind": (
        "按{a}至{b}的直线趋势，期限内达不到目标",
        "a straight line through {a} and {b} falls short by the deadline",
    ),
    "scorecard.reason_no_actual": (
        "快照中没有同口径的实际值",
        "no actual of the same scope and unit",
    ),
    "scorecard.reason_no_actual_for_deadline": (
        "期限（{deadline}）已过，但没有该期的实际值；最近一期为{latest}",
        "deadline ({deadline}) passed with no actual for it; latest: {latest}",
    ),
    # the deadline in brackets: an imprecise one reads "2022年，年份为推断"
    "scorecard.reason_no_actual_for_period": (
        "期限（{deadline}）已过，但没有该期的实际值",
        "deadline ({deadline}) passed with no actual for it",
    ),
    "scorecard.reason_one_actual": (
        "只有一个实际值，无法判断进度",
        "one actual only: no path to judge",
    ),
    "scorecard.reason_bound": ("实际值只是下限，无法判断", "the actual is only a bound: undecided"),
    "scorecard.reason_no_deadline": ("目标未设期限，尚未达到", "no deadline, not reached yet"),
    "scorecard.reason_not_yet_flow": (
        "期限未到，且没有可比较的期间值",
        "deadline ahead and no value for a comparable period yet",
    ),
    # how to read the scorecard (one line under it)
    "scorecard.rules": (
        "截至{as_of}判断。只与同一指标（同口径、同单位）的实际值比较；“超过”“至少”等数值按区间处理，"
        "与“超过N”目标的比值为上限；“进度正常/落后”按最近两个实际值的直线趋势判断，仅作参考。",
        "Judged as of {as_of}, only against actuals of the same metric (same scope and unit); "
        "'over'/'at least' values are treated as bounds, so a ratio to an 'over N' target is an "
        "upper bound; 'on track'/'behind' extend the straight line through the two latest "
        "actuals — a check, not a forecast.",
    ),
    # a ratio that is a bound: "不到58%" / "under 58%"
    "scorecard.progress_bound": ("{word}{n}%", "{word} {n}%"),
}

# the brief's document (domain/brief/compose.py): sections, cover, what the data cannot say
BRIEF: dict[str, tuple[str, str]] = {
    "brief.kind_meeting": ("会议简报", "Meeting brief"),
    "brief.kind_full": ("数据简报", "Data book"),
    "brief.coverage": (
        "本简报依据{metrics}个指标的{figures}项公开数据、{sources}个来源（{y1}–{y2}年）。",
        "Based on {figures} public figures for {metrics} metrics from {sources} sources "
        "({y1}–{y2}).",
    ),
    "brief.age": ("数据截至{as_of}；{latest}。", "Data as of {as_of}; {latest}."),
    "brief.age_none": ("数据截至{as_of}。", "Data as of {as_of}."),
    "brief.latest_zone": ("片区最新数据", "Latest zone-wide figure"),
    "brief.latest_tab": ("{tab}最新数据", "Latest figure, {tab}"),
    "brief.brief_date": ("简报日期", "Date of this brief"),
    "brief.all_years": ("全部年份", "all years"),
    "brief.scorecard": ("目标完成情况", "Target scorecard"),
    "brief.what": ("目标", "Target"),
    "brief.deadline": ("期限", "By"),
    "brief.actual": ("最新可比实际值", "Latest comparable actual"),
    "brief.progress": ("完成度", "Progress"),
    "brief.status": ("判断", "Status"),
    "brief.key_charts": ("重点图表", "Key charts"),
    "brief.cannot_say": ("数据不能说明的", "What the data cannot say"),
    "brief.sources_intro": ("本简报引用的{n}个来源。", "The {n} sources this brief cites."),
    "brief.sources_more": (
        "各来源的标题和网址见数据简报（导出时选择“完整数据简报”）。",
        "Titles and addresses of every source: the data book (export kind 'full').",
    ),
    "brief.presenter": ("主讲人备注", "Presenter's remarks"),
    "brief.own_takeaway": ("主讲人的话（非数据）", "Presenter's words (not data)"),
    "brief.gap_targets": (
        "{n}项目标（共{total}项）在快照中没有可比的实际值（同一指标、同类期间），无法判断完成情况"
        "（见目标完成情况表中的“—”）。",
        "{n} of {total} targets have no comparable actual in the snapshot (same metric, same kind "
        "of period), so their progress cannot be judged (the '—' rows of the scorecard).",
    ),
    "brief.bounds": (
        "图表中{n}项数值只是下限（“超过”“至少”），不是精确数，也未据此计算增幅。",
        "{n} of the charted figures are only lower bounds ('over', 'at least'): not exact, and no "
        "growth is computed from them.",
    ),
    "brief.bounds_1": (
        "图表中1项数值只是下限（“超过”“至少”），不是精确数，也未据此计算增幅。",
        "1 charted figure is only a lower bound ('over', 'at least'): not exact, and no growth is "
        "computed from it.",
    ),
    "brief.context": (
        "有{n}幅图表为青岛市、青岛港或园区口径，仅作背景，不是整个片区的数据。",
        "{n} of the charts are for Qingdao city, the port or a park — context, not the whole "
        "zone's figures.",
    ),
    "brief.context_1": (
        "有1幅图表为青岛市、青岛港或园区口径，仅作背景，不是整个片区的数据。",
        "1 chart is for Qingdao city, the port or a park — context, not the whole zone's figures.",
    ),
    "brief.derived": (
        "图表中{n}项数值为推算值（由公开数值计算），不是公布数；计算方法见数据简报。",
        "{n} of the charted figures are derived (computed from published ones), not published; "
        "the data book gives each formula.",
    ),
    "brief.derived_1": (
        "图表中1项数值为推算值（由公开数值计算），不是公布数；计算方法见数据简报。",
        "1 charted figure is derived (computed from published ones), not published; the data book "
        "gives its formula.",
    ),
    "brief.noted": (
        "图表中{n}项数值附有说明（期间推断、口径差异、来源冲突、上下限等），见各页脚注。",
        "{n} of the charted figures carry a note (inferred period, scope, conflicting sources, "
        "bounds…): see the footnotes on their pages.",
    ),
    "brief.noted_1": (
        "图表中1项数值附有说明（期间推断、口径差异、来源冲突、上下限等），见所在页脚注。",
        "1 charted figure carries a note (inferred period, scope, conflicting sources, bounds…): "
        "see the footnote on its page.",
    ),
    "brief.summary": ("摘要", "Executive summary"),
    "brief.summary_points": ("数据要点", "What the data shows"),
    "brief.no_data": ("所选年份内无数据。", "No data for the selected years."),
}

# --from/--to that cannot be used (domain/brief/options.py)
YEARS: dict[str, tuple[str, str]] = {
    "years.reversed": ("起始年份 {start} 晚于结束年份 {end}", "--from {start} is after --to {end}"),
    "years.no_data": (
        "{asked}无数据：快照涵盖 {lo}–{hi} 年",
        "no data {asked}: the snapshot covers {lo}–{hi}",
    ),
    "years.from_on": ("{year} 年及以后", "from {year} on"),
    "years.up_to": ("{year} 年及以前", "up to {year}"),
    "years.span": ("{a}–{b} 年", "for {a}–{b}"),
}


# a chart's takeaway sentence (domain/brief/takeaway.py); zh "latest" takes the value with its
# 为 already decided (narrative.zh_is)
TAKEAWAY: dict[str, tuple[str, str]] = {
    "takeaway.latest": (
        "{who}{period}{value}",
        "{who}{value} ({period})",
    ),  # zh: value with 为 (zh_is)
    "takeaway.up": ("，较{v0}（{p0}）增长{g}%", ", up {g}% from {v0} ({p0})"),
    "takeaway.down": ("，较{v0}（{p0}）下降{g}%", ", down {g}% from {v0} ({p0})"),
    "takeaway.same": ("，与{p0}持平", ", unchanged from {p0}"),
    "takeaway.pp_up": (
        "，较{v0}（{p0}）提高{d}个百分点",
        ", up {d} percentage points from {v0} ({p0})",
    ),
    "takeaway.pp_down": (
        "，较{v0}（{p0}）下降{d}个百分点",
        ", down {d} percentage points from {v0} ({p0})",
    ),
    "takeaway.rank": ("，{p0}为{v0}", "; {v0} in {p0}"),
    "takeaway.times": ("，为{v0}（{p0}）的{n}倍", ", {n} times {v0} ({p0})"),
    "takeaway.target": ("；{deadline}目标{target}", "; target for {deadline}: {target}"),
    "takeaway.target_progress": (
        "；{deadline}目标{target}，已完成{progress}",
        "; target for {deadline}: {target}, {progress} reached",
    ),
    "takeaway.targets_only": (
        "{who}仅有目标值：{deadline}目标{target}，无实际值",
        "{who}target only: {target} for {deadline} (no actual value)",
    ),
    "punct.end": ("。", "."),
}
