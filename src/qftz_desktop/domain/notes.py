"""The presenter's notes: plain text the user types for the cover, a tab, a chart or a slide.

Notes are the user's words, not data: they never enter the snapshot (which is read-only and
signed by its content id) and every output marks them as the presenter's remarks.

Where a note belongs is a :class:`Target`:

* ``cover`` — the title slide and the brief's first page;
* ``tab:<tab id>`` — a tab of the window (``tab:trade``);
* ``chart:<key>`` — a chart, by its ``ChartSpec.id`` (``chart:ftz_trade_value``); the same
  chart on the Overview and on its tab, and its slide, share the note;
* ``slide:<slide id>`` — any other slide (``slide:kpis:1``, ``slide:trade/cards:2``);
* ``takeaway:chart:<key>`` — the presenter's own takeaway for a chart, shown *instead of* the
  computed sentence (:mod:`.brief.takeaway`) in the window, the slides, the handout and the
  meeting brief, always marked as the presenter's words. The computed sentence it replaced is
  kept beside it (:meth:`NoteBook.computed`, both languages), so that the file says what the
  words replaced and "restore computed" loses nothing.

These are the keys ``BriefOptions.notes`` of the brief expects (cover, chart id, tab:<id>).

Notes are grouped by the snapshot's content id: two copies of one snapshot share their notes,
and a new snapshot starts with no notes until :meth:`NoteBook.carry_over` brings the previous
snapshot's notes along (the old group is kept). A note whose target does not exist in the
snapshot shown is an *orphan*: it is kept, listed, exported and imported like any other — never
dropped silently.

File format (UTF-8 JSON, version 1)::

    {"format": "qftz-notes", "version": 1,
     "snapshots": {"<content id>": {"label": "<snapshot title>",
                                      "notes": {"<target>": "<text>", ...},
                                      "computed": {"takeaway:chart:<key>":
                                                   {"zh": "<sentence>", "en": "<sentence>"}}}}}

``computed`` (optional) holds the computed takeaways that the presenter's own replaced.

Import merges per snapshot and target: the same text is kept once; a target only one side has
is added; when both sides have different text, both are kept — the local text first, then the
imported one after a line naming where it came from — so an import never loses a word, and
importing the same file again changes nothing (the merged text already contains it).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..text import tr

FORMAT = "qftz-notes"
VERSION = 1
MAX_NOTE_CHARS = 20_000  # a note is a few sentences; this bounds a hostile or broken file
MAX_FILE_BYTES = 5_000_000
TARGET_KINDS = ("cover", "tab", "chart", "slide", "takeaway")


class NotesFileError(Exception):
    """A notes file that cannot be read: the message names the file and the problem."""

    def __init__(
        self,
        path: Path | str,
        reason: str,
        params: Mapping[str, object] | None = None,
        raw: str = "",
    ):
        """``reason`` is a catalogue key (with ``params``); ``raw`` the system's own words."""
        self.path = Path(path)
        self.reason = reason
        self.raw = raw
        self.params = dict(params or {})
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        reason = self.raw or tr(self.reason, lang, **self.params)
        return tr("notes.cannot_read_file", lang, path=self.path, reason=reason)


def cover_target() -> str:
    return "cover"


def tab_target(tab_id: str) -> str:
    return f"tab:{tab_id}"


def chart_target(chart_id: str) -> str:
    """A chart's note: its ``ChartSpec.id``, which already reads ``chart:<key>``."""
    return chart_id if chart_id.startswith("chart:") else f"chart:{chart_id}"


def takeaway_target(chart_id: str) -> str:
    """The presenter's own takeaway of a chart: ``takeaway:chart:<key>``."""
    return f"takeaway:{chart_target(chart_id)}"


def slide_target(slide_id: str, kind: str, tab: str | None = None) -> str:
    """The note of a slide: the cover for the title slide, the chart's for a chart slide."""
    if kind == "title":
        return cover_target()
    if kind == "chart":  # slide id '<tab>/chart:<key>'
        return chart_target(slide_id.split("/", 1)[-1])
    return f"slide:{slide_id}"


def target_kind(target: str) -> str:
    return target.split(":", 1)[0]


def is_valid_target(target: object) -> bool:
    if not isinstance(target, str) or not target or len(target) > 300:
        return False
    if target == "cover":
        return True
    kind, _, rest = target.partition(":")
    if kind == "takeaway":
        return rest.startswith("chart:") and len(rest) > len("chart:")
    return kind in TARGET_KINDS[1:] and bool(rest)


def _clean(text: str) -> str:
    """Plain text as typed: line ends unified, trailing blanks dropped, length bounded."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return text.strip()[:MAX_NOTE_CHARS]


@dataclass
class MergeReport:
    """What an import did, for the message shown to the user."""

    added: int = 0
    unchanged: int = 0
    combined: list[tuple[str, str]] = field(default_factory=list)  # (content id, target)
    carried: int = 0  # notes of another snapshot applied to the one shown

    @property
    def changed(self) -> bool:
        return bool(self.added or self.combined or self.carried)


@dataclass
class _Group:
    label: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    computed: dict[str, dict[str, str]] = field(default_factory=dict)  # own takeaway's target


class NoteBook:
    """All notes of one user (or of one file), grouped by snapshot content id."""

    def __init__(self) -> None:
        self._groups: dict[str, _Group] = {}

    # reading ---------------------------------------------------------------------------
    def content_ids(self) -> tuple[str, ...]:
        return tuple(cid for cid, g in self._groups.items() if g.notes)

    def notes(self, content_id: str) -> dict[str, str]:
        """Target → text of one snapshot (a copy)."""
        group = self._groups.get(content_id)
        return dict(group.notes) if group else {}

    def get(self, content_id: str, target: str) -> str:
        group = self._groups.get(content_id)
        return group.notes.get(target, "") if group else ""

    def computed(self, content_id: str, target: str) -> dict[str, str]:
        """The computed takeaway (language → sentence) that an own takeaway replaced."""
        group = self._groups.get(content_id)
        return dict(group.computed.get(target, {})) if group else {}

    def label(self, content_id: str) -> str:
        group = self._groups.get(content_id)
        return group.label if group else ""

    def orphans(self, content_id: str, targets: Iterable[str]) -> dict[str, str]:
        """Notes of this snapshot whose target it does not have (kept, listed, never lost)."""
        known = set(targets)
        return {t: x for t, x in self.notes(content_id).items() if t not in known}

    def __len__(self) -> int:
        return sum(len(g.notes) for g in self._groups.values())

    # writing ---------------------------------------------------------------------------
    def set(self, content_id: str, target: str, text: str, label: str = "") -> bool:
        """Set (or with empty text remove) a note; True when something changed."""
        if not content_id or not is_valid_target(target):
            raise ValueError(f"not a note target: {target!r}")
        text = _clean(text)
        group = self._groups.setdefault(content_id, _Group())
        if label:
            group.label = label
        if group.notes.get(target, "") == text:
            return False
        if text:
            group.notes[target] = text
        else:
            group.notes.pop(target, None)
            group.computed.pop(target, None)
        return True

    def set_takeaway(
        self,
        content_id: str,
        chart_id: str,
        text: str,
        computed: Mapping[str, str] | None = None,
        label: str = "",
    ) -> bool:
        """The presenter's own takeaway of a chart (empty text: restore the computed one),
        with the computed sentence it replaces (kept beside it); True when something changed."""
        target = takeaway_target(chart_id)
        changed = self.set(content_id, target, text, label)
        group = self._groups[content_id]
        if target in group.notes and computed:
            kept = {k: _clean(v) for k, v in computed.items() if k in ("zh", "en") and v}
            if kept and group.computed.get(target) != kept:
                group.computed[target] = kept
                changed = True
        return changed

    def carry_over(self, from_id: str, to_id: str, label: str = "") -> int:
        """Copy an earlier snapshot's notes to a new one that has none; the old group stays.

        Returns how many notes came along; those whose target the new snapshot lacks are its
        orphans until the user moves or deletes them.
        """
        if from_id == to_id or self.notes(to_id) or not self.notes(from_id):
            return 0
        group = self._groups.setdefault(to_id, _Group())
        group.label = label or group.label
        group.notes.update(self._groups[from_id].notes)
        group.computed.update(self._groups[from_id].computed)
        return len(group.notes)

    def merge(self, other: NoteBook, current_id: str = "", source_name: str = "") -> MergeReport:
        """Merge another notebook (an imported file) into this one; see the module docstring.

        When the file has no notes for the snapshot shown (``current_id``) — a colleague on
        another snapshot — its notes are also applied to the snapshot shown, so that they can be
        seen; targets missing there become orphans.
        """
        report = MergeReport()
        for cid in other.content_ids():
            self._merge_group(cid, other, cid, report, source_name)
        if current_id and current_id not in other.content_ids():
            for cid in other.content_ids():
                before = len(self.notes(current_id))
                self._merge_group(current_id, other, cid, report, source_name)
                report.carried += len(self.notes(current_id)) - before
        return report

    def _merge_group(
        self, cid: str, other: NoteBook, other_cid: str, report: MergeReport, source_name: str
    ) -> None:
        group = self._groups.setdefault(cid, _Group())
        group.label = group.label or other.label(other_cid)
        for target, theirs in other.notes(other_cid).items():
            mine = group.notes.get(target, "")
            if other.computed(other_cid, target) and target not in group.computed:
                group.computed[target] = other.computed(other_cid, target)
            if not mine:
                group.notes[target] = theirs
                report.added += 1
            elif theirs == mine or theirs in mine:
                report.unchanged += 1
            elif mine in theirs:
                group.notes[target] = theirs  # theirs is ours plus more: nothing of ours lost
                report.added += 1
            else:
                head = f"— {source_name} —" if source_name else "— imported —"
                group.notes[target] = _clean(f"{mine}\n\n{head}\n{theirs}")
                report.combined.append((cid, target))

    # files -----------------------------------------------------------------------------
    def to_dict(self, content_ids: Iterable[str] | None = None) -> dict:
        ids = sorted(self.content_ids()) if content_ids is None else list(content_ids)
        return {
            "format": FORMAT,
            "version": VERSION,
            "snapshots": {
                cid: {
                    "label": self.label(cid),
                    "notes": dict(sorted(self.notes(cid).items())),
                    **self._computed_dict(cid),
                }
                for cid in ids
                if self.notes(cid)
            },
        }

    def _computed_dict(self, cid: str) -> dict:
        group = self._groups.get(cid)
        kept = (
            {t: dict(sorted(c.items())) for t, c in sorted(group.computed.items())} if group else {}
        )
        kept = {t: c for t, c in kept.items() if t in self.notes(cid)}
        return {"computed": kept} if kept else {}

    def to_json(self, content_ids: Iterable[str] | None = None) -> str:
        return json.dumps(self.to_dict(content_ids), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_dict(cls, data: object, path: Path | str = "") -> NoteBook:
        def bad(reason: str, **params: object) -> NotesFileError:
            return NotesFileError(path, reason, params)

        if not isinstance(data, Mapping) or data.get("format") != FORMAT:
            raise bad("notes.it_not_qftz_briefing")
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise bad("notes.its_version_missing")
        if version > VERSION:
            raise bad("notes.it_was_written_by", version=version)
        snapshots = data.get("snapshots")
        if not isinstance(snapshots, Mapping):
            raise bad("notes.it_has_no_snapshots")
        book = cls()
        for cid, group in snapshots.items():
            if not isinstance(cid, str) or not cid or not isinstance(group, Mapping):
                raise bad("notes.snapshot_entry_malformed", cid=cid)
            notes = group.get("notes", {})
            if not isinstance(notes, Mapping):
                raise bad("notes.notes_are_malformed", short=cid[:12])
            label = group.get("label", "")
            for target, text in notes.items():
                if not is_valid_target(target) or not isinstance(text, str):
                    raise bad("notes.note_malformed", short=cid[:12], target=target)
                book.set(cid, target, text, label if isinstance(label, str) else "")
            computed = group.get("computed", {})
            if not isinstance(computed, Mapping):
                raise bad("notes.computed_takeaways_are_malformed", short=cid[:12])
            for target, texts in computed.items():
                if (
                    not is_valid_target(target)
                    or not isinstance(texts, Mapping)
                    or not all(isinstance(v, str) for v in texts.values())
                ):
                    raise bad("notes.computed_takeaway_malformed", short=cid[:12], target=target)
                kept = {k: _clean(v) for k, v in texts.items() if k in ("zh", "en") and v}
                group_of = book._groups.get(cid)
                if kept and group_of is not None and target in group_of.notes:
                    group_of.computed[target] = kept
        return book

    @classmethod
    def load(cls, path: Path | str, missing_ok: bool = False) -> NoteBook:
        """Read a notes file; a clear :class:`NotesFileError` for anything wrong with it."""
        p = Path(path)
        try:
            if p.stat().st_size > MAX_FILE_BYTES:
                raise NotesFileError(p, "notes.file_too_large")
            raw = p.read_bytes()
        except FileNotFoundError:
            if missing_ok:
                return cls()
            raise NotesFileError(p, "issue.missing_file") from None
        except IsADirectoryError:
            raise NotesFileError(p, "cli.os_is_folder") from None
        except OSError as exc:
            raise NotesFileError(p, "", raw=exc.strerror or str(exc)) from None
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise NotesFileError(p, "notes.it_not_valid_utf") from None
        return cls.from_dict(data, p)

    def save(self, path: Path | str, content_ids: Iterable[str] | None = None) -> None:
        """Write atomically (temporary file, then rename): a crash never leaves half a file."""
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        data = self.to_json(content_ids).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".part", dir=p.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def notes_for_snapshot(path: Path | str, content_id: str) -> dict[str, str]:
    """The notes a file holds for this snapshot (``--notes FILE`` of the exports).

    A file written for another snapshot (a colleague's, last quarter's) still applies: its
    notes are taken as the window's import takes them (:meth:`NoteBook.merge`). Raises
    :class:`NotesFileError` for a file that cannot be read.
    """
    book = NoteBook()
    book.merge(NoteBook.load(path), content_id)
    return book.notes(content_id)


@dataclass(frozen=True)
class SlideNotes:
    """The presenter's notes for one slide: its own note and, on a tab's first slide, the tab's."""

    own: str = ""
    tab: str = ""

    def text(self, sep: str = "\n\n") -> str:
        return sep.join(t for t in (self.own, self.tab) if t)

    def __bool__(self) -> bool:
        return bool(self.own or self.tab)


def notes_for_slides(
    notes: Mapping[str, str], slides: Iterable[tuple[str, str, str | None]]
) -> list[SlideNotes]:
    """Notes of each slide in a deck, given (slide id, kind, tab) in presentation order.

    A tab's note is shown once, on the first slide of that tab, so that it is neither repeated
    on every slide nor lost when the deck leaves some slides out.
    """
    out: list[SlideNotes] = []
    seen_tabs: set[str] = set()
    for slide_id, kind, tab in slides:
        own = notes.get(slide_target(slide_id, kind, tab), "")
        tab_note = ""
        if tab and tab not in seen_tabs:
            seen_tabs.add(tab)
            tab_note = notes.get(tab_target(tab), "")
        out.append(SlideNotes(own, tab_note))
    return out


def known_targets(
    tab_ids: Iterable[str], slides: Iterable[tuple[str, str, str | None]]
) -> tuple[str, ...]:
    """Every target a snapshot offers: the cover, its tabs, and each slide's (or chart's)."""
    out: dict[str, None] = {cover_target(): None}
    for t in tab_ids:
        out.setdefault(tab_target(t), None)
    for slide_id, kind, tab in slides:
        target = slide_target(slide_id, kind, tab)
        out.setdefault(target, None)
        if kind == "chart":  # a chart's own takeaway
            out.setdefault(takeaway_target(target), None)
    return tuple(out)


# -- the presenter's own takeaways of the briefing shown ---------------------------------------
# A slide is made from a Briefing alone (domain.deck), yet a chart's own takeaway belongs to that
# briefing's snapshot: the window sets them here whenever its notes change, and the slides, the
# handout and the chart panels read them. Keyed weakly: a closed snapshot takes its words along.
_OWN_TAKEAWAYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
OWN_TAKEAWAY_LABEL = {"zh": "主讲人的话（非数据）", "en": "Presenter's words (not data)"}


def set_own_takeaways(briefing: object, notes: Mapping[str, str]) -> None:
    """The own takeaways among a snapshot's notes (``takeaway:chart:<key>``), for its slides."""
    _OWN_TAKEAWAYS[briefing] = {
        t.removeprefix("takeaway:"): x for t, x in notes.items() if t.startswith("takeaway:")
    }


def own_takeaway(briefing: object, chart_id: str) -> str:
    """The presenter's own takeaway of a chart of this briefing, '' when none."""
    try:
        return _OWN_TAKEAWAYS.get(briefing, {}).get(chart_target(chart_id), "")
    except TypeError:  # not weakly referenceable: no own words recorded for it
        return ""


def marked_takeaway(text: str, lang: str) -> str:
    """Own words behind their label, for a line with no style of its own (a slide)."""
    sep = tr("punct.colon", lang)
    return f"{OWN_TAKEAWAY_LABEL['zh' if lang == 'zh' else 'en']}{sep}{text}"
