"""The PDF brief: one QPdfWriter, one QPainter, vector charts, the bundled Chinese font.

Modules: ``canvas`` (the writer, text layout, charts as vectors, reproducible dates),
``paginate`` (blocks on pages, footnotes kept on the page of their value; no Qt), ``layout``
(paragraphs, headings, tables, running header and footer), ``document`` (the block renderers
of a :class:`~qftz_desktop.domain.brief.model.BriefDocument`), ``meeting`` and ``databook`` (the
two kinds: layout knobs only — what they say is composed in :mod:`qftz_desktop.domain.brief`),
``job`` (the export: atomic, step by step, cancellable).

How a caller exports
--------------------
Everything needs a ``QApplication`` (the charts are pyqtgraph widgets) and runs on the GUI
thread. Fonts are registered on first use.

* The whole brief, in one call (the headless command)::

      from qftz_desktop.export.pdf_brief import BriefOptions, export_brief
      result = export_brief(briefing, "brief.pdf", BriefOptions(kind="meeting",
                            lang="zh", year_from=2019, year_to=2024, paper="A4"),
                            progress=lambda done, total: ..., cancelled=lambda: False)
      result.path, result.pages

* Step by step from the event loop (the export dialog), one page per step::

      job = BriefJob(briefing, "brief.pdf", options)
      job.start()                # a temporary file is opened next to the target
      while job.step():          # lays out one section, then paints one page, per call
          ...                    # job.done / job.total (0 until laid out); event loop runs
      result = job.finish()      # closes the PDF, fixes its dates, replaces the target

  ``job.abort()`` (cancel or error) removes the temporary file; an existing file at the target
  is never touched until ``finish()`` replaces it atomically (:mod:`.atomic`).

* A document of one's own — e.g. a 16:9 slide handout, one chart a page — through the same
  chart path (:class:`~qftz_desktop.render.chart_view.ChartView`, vectors) and the same font::

      page = QPageSize(QSizeF(254, 142.875), QPageSize.Unit.Millimeter, "16:9")  # wide as
      with atomic_target("handout.pdf") as tmp:       # given: keep the default Portrait
          canvas = PdfCanvas(tmp, page, title="…", doc_key=f"handout:{content_id}:{lang}",
                             date=briefing.snapshot.as_of)
          for i, spec in enumerate(charts):           # canvas.page_rect: 960 × 540 px
              if i:
                  canvas.new_page()
              canvas.draw_text(canvas.layout_text(spec.title(lang), canvas.font(20, True),
                               canvas.page_rect.width() - 96), 48, 36)
              canvas.draw_chart(spec, briefing, lang, QRectF(48, 90, 860, 420), theme=PRINT,
                                years=(2019, 2024))   # or None for all years
          canvas.finish()            # ends the painter and fixes the dates (reproducible)

  Canvas units are CSS pixels (96 per inch; 1 pt = 4/3 px) so that a chart widget of
  ``w × h`` pixels is drawn 1:1 into a ``w × h`` rectangle, tick labels at their screen size
  (NOTES: resolution mismatch). ``canvas.page_rect`` is the full page; there are no margins
  but the ones you leave. Any theme works (``PROJECTOR_LIGHT`` for big type); to place a chart
  and know its size first, ``view = canvas.chart_view(...)``, then ``canvas.render_view(view,
  x, y)``; ``chart_height(view)`` gives the height at which its legend clears the bar labels.
  ``canvas.finish()`` must run before the file is closed, or it is not a valid PDF.

Reproducibility: the same snapshot, options and app version give a byte-identical file. The
document id is derived from them, the dates Qt writes (it has no setter) are replaced by the
brief date (an option; default the snapshot's as-of date, never the clock), and the xref table
is corrected for the change (``normalize_pdf_dates``).
"""
