"""Words of the comparison with an earlier snapshot (domain/changes.py, domain/brief/changes.py),
in (zh, en)."""

from __future__ import annotations

# what changed, and the section's sentences
CHANGES: dict[str, tuple[str, str]] = {
    "changes.kind.metric_added": ("新增指标", "New metric"),
    "changes.kind.metric_removed": ("删除指标", "Metric removed"),
    "changes.kind.observation_added": ("新数据", "New figure"),
    "changes.kind.target_added": ("新目标", "New target"),
    "changes.kind.value_revised": ("数值修订", "Revised"),
    "changes.kind.target_changed": ("目标调整", "Target changed"),
    "changes.kind.observation_removed": ("删除数据", "Figure removed"),
    "changes.kind.target_removed": ("删除目标", "Target removed"),
    "changes.kind.note_changed": ("说明或来源更新", "Note or source updated"),
    "changes.kind.metric_changed": ("指标说明更新", "Metric details updated"),
    "changes.kind.highlight_added": ("新增要点", "New highlight"),
    "changes.kind.highlight_removed": ("删除要点", "Highlight removed"),
    "changes.kind.highlight_changed": ("要点更新", "Highlight updated"),
    "changes.title": ("自 {date} 以来的变化", "What changed since {date}"),
    "changes.none": ("两份快照的内容相同", "The two snapshots have the same content"),
    "changes.source": ("来源", "source"),
    "changes.revision_note": (
        "修订是对同一期间数值的更正，不代表增长或下降。",
        "A revision corrects the value of the same period; it is not growth or decline.",
    ),
    "changes.fields": ("更新：{fields}", "updated: {fields}"),
    "changes.compared": (
        "与 {date} 的快照（标识 {id}）相比：{counts}。",
        "Compared with the snapshot of {date} (id {id}): {counts}.",
    ),
    "changes.capped": (
        "此处列出 {shown} 项，共 {total} 项；完整清单请用 qftz-desktop snapshot diff。",
        "{shown} of {total} changes are listed; qftz-desktop snapshot diff lists them all.",
    ),
    "changes.col_tab": ("栏目", "Tab"),
    "changes.col_what": ("变化", "Change"),
    "changes.col_subject": ("指标与期间", "Metric and period"),
    "changes.col_before": ("原值", "Before"),
    "changes.col_now": ("现值", "Now"),
}
