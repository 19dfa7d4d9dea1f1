"""The export job: a temporary file next to the target, one section or page per step (the
window's event loop runs between steps), cancellable, replaced atomically when done."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QPageSize

from ... import APP_NAME
from ...domain.brief.compose import compose
from ...domain.brief.options import BriefOptions
from ...domain.briefing import Briefing
from ...text import tr
from ..atomic import atomic_target
from .canvas import PAPERS, PdfCanvas
from .databook import DataBookRenderer
from .meeting import MeetingRenderer


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass(frozen=True)
class BriefResult:
    path: Path
    pages: int
    size: int


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def brief_title(briefing: Briefing, options: BriefOptions) -> str:
    snap = briefing.snapshot
    return f"{snap.title(options.lang)} — {tr('label.as_of', options.lang)} {snap.as_of}"


class BriefJob:
    """One export, done in small steps; see the module docstring.

    ``start()`` opens the temporary file; each ``step()`` lays out one section or, once the
    layout is done, paints one page; ``total`` is the page count (0 until laid out) and
    ``done`` the pages painted. ``finish()`` completes what is left and replaces the target;
    ``abort()`` removes the temporary file. After an exception, call ``abort()``.
    """

    def __init__(self, briefing: Briefing, path: str | Path, options: BriefOptions, changes=None):
        options.validate()
        self.changes = changes  # domain.changes.Changes: 'what changed since …' (meeting brief)
        self.briefing = briefing
        self.path = Path(path)
        self.options = options
        self.total = 0
        self.done = 0
        self.laid_out = False
        self._stack: contextlib.ExitStack | None = None
        self._canvas: PdfCanvas | None = None
        self._composer: DataBookRenderer | MeetingRenderer | None = None
        self._layout: Iterator[str] | None = None

    def start(self) -> None:
        stack = contextlib.ExitStack()
        tmp = stack.enter_context(atomic_target(self.path))
        self._stack = stack
        try:
            o, b = self.options, self.briefing
            self._canvas = PdfCanvas(
                tmp,
                QPageSize(PAPERS[o.paper]),
                title=brief_title(b, o),
                doc_key=o.key(b) + (f"|since:{self.changes.old_id}" if self.changes else ""),
                date=o.date(b),
                author=b.snapshot.publisher(o.lang),
                creator=f"{APP_NAME} {o.app_version}",
            )
            if o.kind == "meeting":
                self._composer = MeetingRenderer(
                    b,
                    self._with_changes(compose(b, o)),
                    self._canvas,
                    recompose=lambda n: self._with_changes(compose(b, o, chart_limit=n)),
                )
            else:
                self._composer = DataBookRenderer(b, compose(b, o), self._canvas)
            self._layout = self._composer.layout_steps()
        except BaseException:
            self.abort()
            raise

    def _with_changes(self, doc):
        """The document with 'what changed since …' after the scorecard (excel area)."""
        if self.changes is None:
            return doc
        from ...domain.brief.changes import MEETING_ROWS, changes_section, with_changes

        return with_changes(doc, changes_section(self.changes, self.options.lang, MEETING_ROWS))

    def step(self) -> bool:
        """Lay out the next section or paint the next page; return whether work remains."""
        assert self._composer is not None and self._layout is not None, "start() first"
        if not self.laid_out:
            try:
                next(self._layout)
            except StopIteration:
                self.laid_out = True
                self.total = len(self._composer.pages)
            return True
        if self.done < self.total:
            self._composer.paint_page(self.done)
            self.done += 1
        return self.done < self.total

    def finish(self) -> BriefResult:
        assert self._canvas is not None and self._stack is not None, "start() first"
        try:
            while self.step():
                pass
            self._canvas.finish()
            if self._composer is not None:
                self._composer.dispose()
        except BaseException:
            self.abort()
            raise
        stack, self._stack = self._stack, None
        stack.close()  # os.replace onto the target; AtomicWriteError if it cannot
        return BriefResult(self.path, self.total, self.path.stat().st_size)

    def abort(self) -> None:
        """Forget the export: the temporary file goes, the target stays as it was."""
        if self._composer is not None:
            with contextlib.suppress(Exception):
                self._composer.dispose()
        if self._canvas is not None:
            with contextlib.suppress(Exception):
                self._canvas.abandon()
        stack, self._stack = self._stack, None
        if stack is not None:
            stack.__exit__(ExportCancelled, ExportCancelled(), None)

    @property
    def composer(self) -> DataBookRenderer | MeetingRenderer | None:
        return self._composer

    def run(self, progress: Progress | None = None, cancelled: Cancelled | None = None):
        """Export synchronously, calling ``progress(done, total)`` after each page and
        stopping with ExportCancelled when ``cancelled()`` says so (checked between steps)."""
        self.start()
        try:
            while True:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                more = self.step()
                if progress and self.laid_out:
                    progress(self.done, self.total)
                if not more:
                    break
            return self.finish()
        except BaseException:
            self.abort()
            raise


def export_brief(
    briefing: Briefing,
    path: str | Path,
    options: BriefOptions | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    changes=None,
) -> BriefResult:
    """Write the brief to ``path`` (atomically); see the module docstring. ``changes``
    (domain.changes.Changes) adds 'what changed since …' to the meeting brief."""
    job = BriefJob(briefing, path, options or BriefOptions(), changes)
    return job.run(progress, cancelled)


__all__ = ["BriefJob", "BriefResult", "ExportCancelled", "brief_title", "export_brief"]
