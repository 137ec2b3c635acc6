"""Shared look: spacing, fonts, band colours as Qt objects, and the application style.

Chrome (windows, docks, tables) takes its colours from the palette so it follows light and
dark mode; band fills come from :mod:`rrisk.palette` with their explicit text colours, so a
band reads the same on either background. Sizes are in device-independent pixels or derived
from the font, so the app scales cleanly at 100% and 200%.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QWidget,
)

from rrisk import palette
from rrisk.scoring import CELL_BANDS

SPACING = 8
"""Gap between related controls."""
MARGIN = 12
"""Inner margin of panels and pages."""
SECTION_GAP = 18
"""Gap between groups on a page."""

BAND_SHORT = {"Low": "Low", "Medium": "Med", "High": "High", "Critical": "Crit"}
"""Compact band labels for dense tables; the full name is in the tooltip."""

_fills = [QColor(code) for code in palette.BAND_FILL]
_texts = [QColor(code) for code in palette.BAND_TEXT]
RED_LINE_COLOR = QColor(palette.RED_LINE)
"""The red-line purple on a light background (the memo's colour)."""
RED_LINE_DARK_COLOR = QColor("#D7A6E8")
"""The red-line purple lightened for a dark background, where the dark purple would vanish."""
UNASSESSED_DARK = (QColor("#3A3F45"), QColor("#B8C0CA"))
"""(fill, text) of an unassessed cell on a dark background; light mode uses the palette's."""
ACCENT_COLOR = QColor(palette.ACCENT)


def is_dark(source: QWidget | QPalette | None = None) -> bool:
    """True when views are drawn on a dark background (dark mode or a dark theme).

    Judged by the palette's ``Base`` colour (the widget's, else the application's): tables,
    charts and the matrix paint on ``Base``, so that is the background their colours must read
    on.
    """
    if isinstance(source, QWidget):
        pal = source.palette()
    else:
        pal = source if source is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def band_fill(band: int) -> QColor:
    """Fill for a band 0–3; the (light) unassessed grey for -1. A fresh copy each call."""
    return QColor(_fills[band]) if 0 <= band < len(_fills) else QColor(palette.UNASSESSED_FILL)


def band_text(band: int) -> QColor:
    """Text colour to print on :func:`band_fill`."""
    return QColor(_texts[band]) if 0 <= band < len(_texts) else QColor(palette.UNASSESSED_TEXT)


def band_colours(band: int) -> tuple[QColor, QColor]:
    """(fill, text) for a band 0–3; -1 gives the unassessed grey. Bands read the same on
    light and dark backgrounds, so they do not depend on the palette."""
    return band_fill(band), band_text(band)


def unassessed_colours(source: QWidget | QPalette | None = None) -> tuple[QColor, QColor]:
    """Neutral (fill, text) for unassessed cells that fits light and dark mode alike."""
    if is_dark(source):
        return QColor(UNASSESSED_DARK[0]), QColor(UNASSESSED_DARK[1])
    return band_fill(-1), band_text(-1)


def red_line_colour(source: QWidget | QPalette | None = None) -> QColor:
    """The red-line purple for marks and text, lightened on dark backgrounds for contrast."""
    return QColor(RED_LINE_DARK_COLOR if is_dark(source) else RED_LINE_COLOR)


def band_label(band: int, short: bool = False) -> str:
    if band < 0:
        return "Unassessed"
    name = CELL_BANDS[band]
    return BAND_SHORT[name] if short else name


MIN_TEXT_CONTRAST = 4.5
"""WCAG AA for body text: grey helper text must reach it against the window and the fields."""


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def _over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as it shows over ``background`` (alpha composited), opaque."""
    a = colour.alphaF()
    return QColor(
        *(
            round(a * c + (1 - a) * b)
            for c, b in zip(
                (colour.red(), colour.green(), colour.blue()),
                (background.red(), background.green(), background.blue()),
                strict=True,
            )
        )
    )


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG contrast ratio (1–21) of text over a background, translucent text composited."""
    shown = _over(foreground, background)
    light, dark = sorted((_luminance(shown), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def muted_text_color(widget_palette: QPalette | None = None) -> QColor:
    """A secondary text colour that keeps 4.5:1 contrast in light and dark mode.

    The palette's placeholder colour when it reads well enough over both the window and the
    fields (Fusion's light one is 50% black, about 3.8:1 over its grey window: too faint);
    otherwise the text colour mixed into the window just enough to reach the threshold.
    """
    pal = widget_palette or QGuiApplication.palette()
    group = QPalette.ColorGroup.Active
    window = pal.color(group, QPalette.ColorRole.Window)
    base = pal.color(group, QPalette.ColorRole.Base)
    placeholder = _over(pal.color(group, QPalette.ColorRole.PlaceholderText), window)
    if min(contrast_ratio(placeholder, window), contrast_ratio(placeholder, base)) >= 4.6:
        return placeholder
    text = pal.color(group, QPalette.ColorRole.WindowText)
    for step in range(40, 101, 5):
        mixed = QColor(text)
        mixed.setAlphaF(step / 100)
        candidate = _over(mixed, window)
        if min(contrast_ratio(candidate, window), contrast_ratio(candidate, base)) >= 4.6:
            return candidate
    return QColor(text)


MIN_MARK_CONTRAST = 3.0
"""WCAG AA for what marks a part of the text (a tint behind it) against the text's background."""


def live_field_tint(widget_palette: QPalette | None = None) -> QColor:
    """The opaque background of a live field's value in a text: the accent blue laid over the
    text's background just enough to stand 3:1 apart from it, the text on it still at 4.5:1.

    Where the accent cannot (on a near-black background it is too dark), it is mixed toward
    the text colour first. A fixed faint tint (the accent at a fifth) all but vanished on a
    black high-contrast background, and it alone shows which figures are live."""
    pal = widget_palette or QGuiApplication.palette()
    group = QPalette.ColorGroup.Active
    base = pal.color(group, QPalette.ColorRole.Base)
    text = pal.color(group, QPalette.ColorRole.Text)
    return QColor(_live_field_tint(base.rgb(), text.rgb()))


@lru_cache(maxsize=16)
def _live_field_tint(base_rgb: int, text_rgb: int) -> int:
    base, text = QColor.fromRgb(base_rgb), QColor.fromRgb(text_rgb)
    for towards_text in range(0, 101, 5):
        hue = _over(_with_alpha(text, towards_text / 100), ACCENT_COLOR)
        for step in range(20, 101):
            tint = _over(_with_alpha(hue, step / 100), base)
            if (
                contrast_ratio(tint, base) >= MIN_MARK_CONTRAST
                and contrast_ratio(text, tint) >= MIN_TEXT_CONTRAST
            ):
                return tint.rgb()
    return _over(_with_alpha(ACCENT_COLOR, 0.2), base).rgb()  # no palette seen lacks one


def _with_alpha(colour: QColor, alpha: float) -> QColor:
    translucent = QColor(colour)
    translucent.setAlphaF(alpha)
    return translucent


def scaled_font(base: QFont, factor: float = 1.0, bold: bool = False) -> QFont:
    """A copy of ``base`` scaled by ``factor`` (point sizes scale with the screen)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font


FONT_SCALE = "rriskFontScale"
"""Property of a widget whose font is its parent's scaled (see :func:`set_relative_font`)."""
FONT_BOLD = "rriskFontBold"


def set_relative_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> None:
    """Give ``widget`` its parent's font scaled by ``factor`` (in bold or not), and keep it so
    as the application's font changes (:func:`follow_application_font`).

    A font set whole (a heading's, a bold title's) has its size fixed: when the desktop's
    text grew while the app was open, such a text stayed at the old size over larger ones.
    At ``factor`` 1 only the weight is set, so the size goes on following the parent as any
    widget's does."""
    if factor == 1.0:
        font = QFont()  # only the weight set: the rest still comes from the parent
        font.setBold(bold)
        widget.setFont(font)
        return
    widget.setProperty(FONT_SCALE, factor)
    widget.setProperty(FONT_BOLD, bold)
    widget.setFont(scaled_font(_inherited_font(widget), factor, bold))


def _inherited_font(widget: QWidget) -> QFont:
    parent = widget.parentWidget()
    return parent.font() if parent is not None else QApplication.font(widget)


def follow_application_font(root: QWidget) -> None:
    """Give the application's font, as it has just changed, to the widgets under ``root``
    that did not take it; called by a window when its own font changes.

    A widget with a style sheet (a padded tab bar, a dock, a coloured banner) and everything
    under it is left out of Qt's passing of fonts from parent to child: only menus and the
    window itself grew when the desktop's text was made larger, the tabs, the inspector and
    the start page kept the old size. Each such widget is given the font of its place again
    (its sheet's own weight stays), parents before children; the scaled ones of
    :func:`set_relative_font` are scaled again from their parent's new font."""
    for widget in root.findChildren(QWidget):  # parents come before their children
        if widget.testAttribute(Qt.WidgetAttribute.WA_StyleSheet) and not widget.testAttribute(
            Qt.WidgetAttribute.WA_SetFont
        ):
            widget.setFont(QFont())  # no attribute set: all of it inherited again
        factor = widget.property(FONT_SCALE)
        if isinstance(factor, float):
            bold = bool(widget.property(FONT_BOLD))
            widget.setFont(scaled_font(_inherited_font(widget), factor, bold))


def follow_application_font_in_dialogs() -> None:
    """:func:`follow_application_font` for every dialog of the application, open or hidden,
    and every hidden window (a shown one follows as its own font changes): a window walked
    only itself, and a dialog open as the desktop's text grew (About, the check before a
    memo) kept its heading and styled texts at the old size."""
    for window in QApplication.topLevelWidgets():
        if isinstance(window, QDialog) or (window.isWindow() and not window.isVisible()):
            follow_application_font(window)


_FOLLOWED = "rriskFontFollowed"


def windows_follow_application_font(app: QApplication) -> None:
    """Have the dialogs and hidden windows follow the application's font as it changes
    (:func:`follow_application_font_in_dialogs`), once each has its font. Asked by a shown
    main window as its font changed, a dialog kept the old size when none was shown (all
    hidden or closed while the dialog was kept for its next showing). Once per
    application."""
    if app.property(_FOLLOWED):
        return
    app.setProperty(_FOLLOWED, True)
    app.fontChanged.connect(lambda _font: QTimer.singleShot(0, app, _after_font_change))


def _after_font_change() -> None:
    # Qt hands the new font to the windows by posted events, some of them still waiting as
    # this runs: each must have it before what is under it is given it again.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    follow_application_font_in_dialogs()


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    """A heading label: level 1 for page titles, 2 for sections."""
    label = QLabel(text, parent)
    factor = {1: 1.6, 2: 1.2}.get(level, 1.0)
    set_relative_font(label, factor, bold=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(text)
    return label


def muted_label(text: str, parent: QWidget | None = None) -> QLabel:
    """Secondary text (descriptions, hints) in the palette's muted colour."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, muted_text_color(pal))
    label.setPalette(pal)
    return label


# Each rule is set on the widgets it styles, not on the application (but for the dark
# theme's few, :func:`apply_app_style`): an application style sheet puts every widget under
# Qt's style-sheet style, whose polish and drawing made building the window ~30 ms slower at
# start-up (a fifth of it) for a handful of rules.
TOOLBAR_SHEET = """
QToolBar { spacing: 6px; padding: 3px 6px; border: none; }
QToolBar QToolButton { padding: 4px 8px; }
"""
DOCK_SHEET = """
QDockWidget { font-weight: bold; }
QDockWidget > QWidget { font-weight: normal; }
QDockWidget::title { padding: 6px 8px; }
"""
"""A bold title over a plain body. The weight on ``::title`` was never drawn (Fusion paints the
title, in a font the dock took once, as it was made: it stayed at the old size when the text
grew); set on the dock, it is the font its title is drawn in."""
HEADER_SHEET = "QHeaderView::section { padding: 4px 6px; }"
TAB_BAR_SHEET = "QTabBar::tab { padding: 6px 14px; }"
STATUS_BAR_SHEET = "QStatusBar QLabel { padding: 0 6px; }"
ERROR_SHEET = """
QLabel { color: #FFFFFF; background: #B2182B; border-radius: 4px; padding: 4px 8px; }
"""
"""White on the red (6.9:1), whatever the palette: its 'bright text' is not always light (a
desktop's colour scheme may give it the text colour), and was then dark on the dark red."""
PRIMARY_SHEET = """
QPushButton { background: #1F4E79; color: white; border: 1px solid #163A5B;
              border-radius: 4px; padding: 6px 14px; font-weight: bold; }
QPushButton:hover { background: #265D8F; }
QPushButton:focus { border: 2px solid palette(highlight); }
"""
WARNING_SHEET = "QLabel { background: #FDD38A; color: #3A2A00; padding: 6px 10px; }"
CARD_SHEET = (
    "QFrame#card { border: 1px solid palette(mid); border-radius: 8px; background: palette(base); }"
)


def make_primary(button: QPushButton) -> None:
    """The page's main action: filled in the accent blue, bold."""
    button.setProperty("primary", True)
    button.setStyleSheet(PRIMARY_SHEET)


FOCUS_FRAME_SHEET = (
    "QLabel { border: 1px solid transparent; padding: 2px; }"
    "QLabel:focus { border-color: palette(highlight); }"
)


def make_keyboard_readable(label: QLabel) -> None:
    """A text that only a label gives (no field or list says it): a Tab stop, read by a screen
    reader as it takes the focus, walked with the arrows, framed while in focus."""
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the flags alone give click focus
    label.setStyleSheet(FOCUS_FRAME_SHEET)


def make_error_label(label: QLabel) -> None:
    """A message of something refused or failed: white on red, high contrast."""
    label.setObjectName("errorMessage")
    label.setStyleSheet(ERROR_SHEET)


class _FollowsFont(QObject):
    """Keeps what a view measures in its font as that changes, before the view's own
    handling of the change (what it measures has the new font):

    - its headers (:func:`pad_headers`) are given its font: their own style sheet (the
      padding) keeps them out of the font's inheritance, and they stayed at the old size over
      cells made larger (the desktop's text scaled while the window is open). Watched on the
      headers too: a style sheet set on a window over them (the theme changed) polished them
      again in the application's font, away from a font given to the view itself;
    - a table's rows (:func:`rows_follow_font`) are kept a line of its font and a padding
      tall.

    One per view, made by whichever of the two asks first."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self.headers = False
        self.row_padding: int | None = None
        view.installEventFilter(self)

    @staticmethod
    def of(view: QAbstractItemView) -> _FollowsFont:
        found = view.findChild(_FollowsFont, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found if found is not None else _FollowsFont(view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self.headers:
            _headers_in_font(self._view)
        if (
            kind == QEvent.Type.FontChange
            and watched is self._view
            and self.row_padding is not None
            and isinstance(self._view, QTableView)
        ):
            _fit_rows(self._view, self.row_padding)
        return False


def _headers_in_font(view: QAbstractItemView) -> None:
    font = view.font()
    for header in view.findChildren(QHeaderView):
        if header.font() != font:
            header.setFont(font)
        # Its sections are painted on its viewport, which the sheet keeps apart too: given
        # the header's font alone, they grew and their titles stayed small.
        if header.viewport().font() != font:
            header.viewport().setFont(font)


def pad_headers(view: QAbstractItemView) -> None:
    """Roomier header sections than Fusion's (its headers only: the cells keep the plain style),
    in the view's font now (one given it before) and as it changes. Padded once: called
    again, it adds nothing."""
    follow = _FollowsFont.of(view)
    if follow.headers:
        return
    follow.headers = True
    for header in view.findChildren(QHeaderView):
        header.setStyleSheet(HEADER_SHEET)
        header.installEventFilter(follow)
    _headers_in_font(view)


def _fit_rows(view: QTableView, padding: int) -> None:
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + padding)


def rows_follow_font(view: QTableView, padding: int) -> None:
    """Rows a line of the view's font and ``padding`` tall, now and as the font changes (fixed
    in pixels, a larger text was cramped into rows sized for the old one)."""
    _fit_rows(view, padding)
    _FollowsFont.of(view).row_padding = padding


def pad_tabs(tabs: QTabWidget) -> None:
    """Roomier tabs than Fusion's (its tab bar only: the pages keep the plain style)."""
    tabs.tabBar().setStyleSheet(TAB_BAR_SHEET)


DARK_STYLE_SHEET = """
QCheckBox::indicator:unchecked, QGroupBox::indicator:unchecked {
    border: 1px solid #8A949E; border-radius: 2px; background: palette(base);
}
"""
"""Added in the dark theme: Fusion draws an unticked box's edge darker than the window, so on a
dark window it did not show (contrast 1.1:1). Only the unticked state is styled; a ticked box
is Fusion's own, with its mark."""


def dark_style_sheet() -> str:
    """:data:`DARK_STYLE_SHEET`, and light float and close buttons for the docks' title bars
    (Fusion's own are dark grey, hard to find on a dark title bar)."""
    from rrisk.resources import resource_path

    close = resource_path("icons", "dock-close-light.svg").as_posix()
    float_ = resource_path("icons", "dock-float-light.svg").as_posix()
    return DARK_STYLE_SHEET + (
        f'QDockWidget {{ titlebar-close-icon: url("{close}"); '
        f'titlebar-normal-icon: url("{float_}"); }}\n'
    )


def legible_icon(icon: QIcon, source: QWidget | None = None) -> QIcon:
    """``icon`` as it is on a light window; on a dark one, its shape in the palette's button
    text colour: Fusion's arrows (Undo, Redo) are black, all but invisible on a dark toolbar.
    The disabled look is still Qt's, made from these pixmaps."""
    if not is_dark(source):
        return icon
    pal = source.palette() if source is not None else QGuiApplication.palette()
    ink = pal.color(QPalette.ColorRole.ButtonText)
    light = QIcon()
    for size in icon.availableSizes() or [QSize(32, 32)]:
        pixmap = icon.pixmap(size)
        painter = QPainter(pixmap)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), ink)
        painter.end()
        light.addPixmap(pixmap)
    return light


def app_icon() -> QIcon:
    """The app's mark: a 2×2 risk matrix in the four band colours, at several sizes."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = max(1, size // 16)
        half = (size - gap) / 2
        # Low bottom-left, rising to Critical top-right, as on a risk matrix.
        for column, row, band in ((0, 1, 0), (1, 1, 1), (0, 0, 2), (1, 0, 3)):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band_fill(band))
            painter.drawRoundedRect(
                QRectF(column * (half + gap), row * (half + gap), half, half),
                size / 10,
                size / 10,
            )
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def apply_app_style(app: QApplication) -> None:
    """Fusion everywhere (consistent spacing, honours light/dark palettes) plus small rules."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    # Follow the system's colour scheme when the platform reports one (Qt 6.5+).
    scheme = getattr(hints, "colorScheme", None)
    reported = scheme() if scheme is not None else Qt.ColorScheme.Unknown
    dark = reported == Qt.ColorScheme.Dark
    if dark:
        app.setPalette(dark_palette())
    # A desktop that reports no scheme yet hands Qt a dark palette (a dark KDE or qt6ct colour
    # scheme) is dark too: the views already judge it so (is_dark), and the dark theme's rules
    # below are what keep an unticked box and the docks' buttons visible on it.
    dark = dark or (reported == Qt.ColorScheme.Unknown and is_dark(app.palette()))
    # Placeholders and helper text in a grey that stays readable (see muted_text_color).
    palette = app.palette()
    muted = muted_text_color(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, muted)
    app.setPalette(palette)
    # The dark theme's few rules stay application-wide: check boxes and docks are everywhere.
    # Under an application sheet a toolbar's own sheet loses its spacing (1 px, not 6), so
    # the toolbar's rules go there too.
    app.setStyleSheet(dark_style_sheet() + TOOLBAR_SHEET if dark else "")
    app.setWindowIcon(app_icon())
    windows_follow_application_font(app)


def dark_palette() -> QPalette:
    """A neutral dark palette for Fusion, used when the system asks for dark mode."""
    pal = QPalette()
    window, base, text = QColor("#202428"), QColor("#16191C"), QColor("#E6E9EC")
    pal.setColor(QPalette.ColorRole.Window, window)
    pal.setColor(QPalette.ColorRole.WindowText, text)
    pal.setColor(QPalette.ColorRole.Base, base)
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#1D2125"))
    pal.setColor(QPalette.ColorRole.Text, text)
    pal.setColor(QPalette.ColorRole.Button, QColor("#2A2F34"))
    pal.setColor(QPalette.ColorRole.ButtonText, text)
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2A2F34"))
    pal.setColor(QPalette.ColorRole.ToolTipText, text)
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#3D7CC9"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9AA4AE"))
    pal.setColor(QPalette.ColorRole.Mid, QColor("#3A4047"))
    pal.setColor(QPalette.ColorRole.Link, QColor("#7FB3F0"))
    pal.setColor(QPalette.ColorRole.BrightText, QColor("#FFFFFF"))
    disabled = QColor("#6E7781")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.PlaceholderText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, window)
    return pal
