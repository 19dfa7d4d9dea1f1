"""Same inputs, same bytes: rewrite a .pptx (a zip) without the clock in it.

python-pptx stamps every zip entry with the current time, writes ``docProps/core.xml`` dates
from the clock, and each native chart embeds an Excel workbook (XlsxWriter) that carries its
own creation time. Here every entry gets one fixed ``date_time``, ``[Content_Types].xml`` comes
first and the rest in name order, and the dates inside core properties (of the deck and of each
embedded workbook) become the given timestamp.
"""

from __future__ import annotations

import io
import re
import zipfile

_DCTERMS = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
_LAST_PRINTED = re.compile(rb"<cp:lastPrinted>[^<]*</cp:lastPrinted>")


def _fixed_core(xml: bytes, iso: str) -> bytes:
    xml = _DCTERMS.sub(lambda m: m.group(1) + iso.encode() + m.group(3), xml)
    return _LAST_PRINTED.sub(b"", xml)


def _order(names: list[str]) -> list[str]:
    first = [n for n in names if n == "[Content_Types].xml"]
    return first + sorted(n for n in names if n != "[Content_Types].xml")


def reproducible_zip(data: bytes, when: tuple[int, int, int, int, int, int]) -> bytes:
    """The same archive with fixed timestamps, entry order and core-property dates.

    ``when`` is (year, month, day, hour, minute, second), at least 1980 (the zip format's
    epoch). Embedded workbooks (``*.xlsx``) are rewritten the same way.
    """
    y, mo, d, h, mi, sec = when
    iso = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{sec:02d}Z"
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in _order(src.namelist()):
            blob = src.read(name)
            if name.endswith("docProps/core.xml") or name == "docProps/core.xml":
                blob = _fixed_core(blob, iso)
            elif name.endswith(".xlsx"):
                blob = reproducible_zip(blob, when)
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, blob, compresslevel=6)
    return out.getvalue()
