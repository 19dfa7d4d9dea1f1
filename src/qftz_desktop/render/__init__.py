"""Qt drawing shared by the window, the slides and the PDF: theme, fonts, the chart view.

Nothing here decides *what* to show (that is ``domain/``); it draws what the domain gives it.
``ui/`` and ``export/`` import from here, never the other way round (import-linter layers).
"""
