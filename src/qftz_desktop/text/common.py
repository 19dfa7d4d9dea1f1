"""Words shared by the window, the PDF brief and the slides: tabs, statuses, qualifiers, labels.

Each entry is a (Chinese, English) pair; the key names the area, then the word.
"""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    # tabs
    "tab.overview": ("概览", "Overview"),
    "tab.trade": ("贸易", "Trade"),
    "tab.shipping": ("航运", "Shipping"),
    "tab.finance": ("金融与投资", "Finance & investment"),
    "tab.industry": ("产业集群", "Industrial clusters"),
    "tab.innovation": ("制度创新", "Institutional innovation"),
    # status and qualifiers
    "status.reported": ("公开报道", "reported"),
    "status.derived": ("推算", "derived"),
    "status.target": ("目标", "target"),
    "qualifier.over": ("超过", "over"),
    "qualifier.about": ("约", "about"),
    "qualifier.at_least": ("至少", "at least"),
    # domain (formatting, bounds): derived bounds
    "qualifier.under": ("不到", "under"),
    "qualifier.at_most": ("至多", "at most"),
    # domain (age of the data)
    "age.latest_zone_wide": ("片区最新数据：{when}", "latest zone-wide figure: {when}"),
    "age.latest_in_tab": ("最新数据：{when}", "latest figure: {when}"),
    # labels
    "label.source": ("来源", "Source"),
    "label.sources": ("来源", "Sources"),
    "label.period": ("期间", "Period"),
    "label.unit": ("单位", "Unit"),
    "label.scope": ("范围", "Scope"),
    "label.status": ("性质", "Status"),
    "label.value": ("数值", "Value"),
    "label.quote": ("原文", "Quote"),
    "label.formula": ("计算方法", "Formula"),
    "label.note": ("说明", "Note"),
    "label.metric": ("指标", "Metric"),
    "label.as_of": ("数据截至", "Data as of"),
    "label.highlights": ("要点", "Highlights"),
    "label.more_sources": ("等 {n} 个来源", "and {n} more"),
    "label.no_data_year": ("{year}年无数据，显示最近一期", "no data for {year}; latest shown"),
    "label.period_range": ("年份范围", "Years"),
    "label.focus_year": ("聚焦年份", "Focus year"),
    "label.none": ("无", "None"),
    "label.to": ("至", "to"),
    "label.headline": ("核心指标", "Headline figures"),
    "label.key_figures": ("关键数据", "Key figures"),
    "label.charts": ("图表", "Charts"),
    "label.trends": ("重点趋势", "Key trends"),
    "label.content_id": ("快照标识", "Snapshot id"),
    # punctuation that differs between the languages
    "punct.colon": ("：", ": "),
    "punct.semicolon": ("；", "; "),
    "punct.comma": ("，", ", "),
    "punct.in_parens": ("（{text}）", " ({text})"),
    # numbers, ranks and undated values as shown (domain/formatting.py, render/chart_view.py)
    "format.no": ("第{number}位", "No. {number}"),
    "format.rank": ("名次", "rank"),
    "format.qualified": ("{word}{core}", "{word} {core}"),
    "chart.undated": ("未注明时间：", "Undated: "),
    # a list of names
    "punct.list": ("、", "; "),
    # counted things: Chinese puts its measure word after the number, English its plural
    # (formatting.count_phrase makes '1 source' of 'sources')
    "noun.metrics": ("个指标", "metrics"),
    "noun.figures": ("项数据", "figures"),
    "noun.targets": ("项", "targets"),
    "noun.highlights": ("条要点", "highlights"),
    "noun.sources": ("个来源", "sources"),
}
