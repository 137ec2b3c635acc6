"""Charts for the Word memo: the PDF's own vector drawings, rasterised at print resolution.

reportlab's bitmap renderer (renderPM) needs rlPyCairo, whose pycairo dependency has no Linux
wheel and needs the cairo headers to build. Instead each drawing is written as a one-page PDF
by reportlab (the same vector chart, fonts embedded) and rasterised by pypdfium2 (PDFium,
prebuilt wheels for Linux, Windows and macOS). The PNG is what Word shows and prints.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

PRINT_DPI = 300


def flowable_png(flowable: Flowable, width: float, height: float, dpi: int = PRINT_DPI) -> bytes:
    """``flowable`` (a chart or any drawn flowable) as PNG bytes at ``dpi``.

    ``width`` and ``height`` are its wrapped size in points. Deterministic: reportlab runs in
    invariant mode and PNG files carry no time stamp.
    """
    import pypdfium2

    width, height = max(width, 1.0), max(height, 1.0)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=0)
    flowable.canv = canvas
    flowable.drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    pdf = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        bitmap = pdf[0].render(scale=dpi / 72.0, fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()
