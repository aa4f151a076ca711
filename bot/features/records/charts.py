"""The record chart: nights coloured by outcome, the dose, side effects and the symptom score,
one column per local date. Rendered headless (a Figure on the Agg canvas, never pyplot, so
it is safe in a worker thread) to PNG bytes, sized for a phone."""

from __future__ import annotations

import io
from datetime import date, timedelta

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from bot.domain.adherence import MISSED, SKIPPED, TAKEN
from bot.domain.side_effects import SIDE_EFFECTS, Severity
from bot.features.records import texts
from bot.features.records.record import PatientRecord
from bot.i18n import day_and_month, number, short_month, short_month_and_year

OUTCOME_COLOURS = {TAKEN: "#2e9e44", SKIPPED: "#a0a0a0", MISSED: "#d62728"}
PENDING_COLOUR = "#ffffff"
NO_REMINDER_COLOUR = "#eeeeee"  # a night without a row: paused, or no reminder set
SEVERITY_COLOURS = ("#e8eef4", "#fdd37a", "#f39237", "#c0392b")  # none, mild, moderate, severe
# The longest stretch drawn; older days are left to the PDF tables and the export.
MAX_DAYS = 365
MIN_DAYS = 14
# Beyond about four months the axis is marked by months rather than days.
MONTH_TICKS_AFTER_DAYS = 120
SIZE_INCHES = (8.0, 9.0)
DPI = 110


def chart_span(record: PatientRecord) -> tuple[date, date]:
    """First and last local date of the record drawn: from the first night, check-in or the
    start date (never earlier) to today."""
    days = [n.local_date for n in record.nights if n.local_date <= record.today]
    days += [c.local_date for c in record.checkins]
    last = max([record.today, *days])
    if days:
        first = min(days)
    elif record.start_date is not None:
        first = min(record.start_date, last)
    else:
        first = last
    return max(first, last - timedelta(days=MAX_DAYS - 1)), last


def axis_span(first: date, last: date) -> tuple[date, date]:
    """The dates the axis covers: at least two weeks, so a new patient's first nights are
    not drawn as huge blocks; padded after today, never before the record starts."""
    return first, max(last, first + timedelta(days=MIN_DAYS - 1))


def unrecorded_days(record: PatientRecord, first: date, last: date) -> list[date]:
    """Days inside the record with no night row (a pause, or no reminder set): drawn pale,
    with their own legend entry, so a gap is not mistaken for a missing bar."""
    stored = {n.local_date for n in record.nights}
    start = max(first, min(stored)) if stored else None
    if start is None:
        return []
    end = min(last, record.today - timedelta(days=1))  # tonight is still to come
    return [
        start + timedelta(days=i)
        for i in range((end - start).days + 1)
        if start + timedelta(days=i) not in stored
    ]


def record_chart(record: PatientRecord, *, dpi: int = DPI, title: str | None = None) -> bytes:
    """The four-row chart as PNG bytes; `title` is followed by the dates shown."""
    figure = record_figure(record, dpi=dpi, title=title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def record_figure(record: PatientRecord, *, dpi: int = DPI, title: str | None = None) -> Figure:
    """The four-row chart, every word and date in the current language."""
    first, last = chart_span(record)
    nights = [n for n in record.nights if first <= n.local_date <= last]
    checkins = [c for c in record.checkins if first <= c.local_date <= last]

    figure = Figure(figsize=SIZE_INCHES, dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(4, 1, height_ratios=(1.0, 1.6, 2.0, 1.8))
    ax_nights = figure.add_subplot(grid[0])
    ax_dose = figure.add_subplot(grid[1], sharex=ax_nights)
    ax_effects = figure.add_subplot(grid[2], sharex=ax_nights)
    ax_score = figure.add_subplot(grid[3], sharex=ax_nights)
    figure.suptitle(texts.chart_title(title, first, last), fontsize=14, fontweight="bold")
    gaps = unrecorded_days(record, first, last)

    # Nights: one bar per night, coloured by what the patient recorded.
    ax_nights.bar(
        [n.local_date for n in nights],
        [1] * len(nights),
        width=0.9 if len(nights) <= 60 else 1.0,  # gaps between hair-thin bars only flicker
        color=[OUTCOME_COLOURS.get(n.outcome, PENDING_COLOUR) for n in nights],
        edgecolor=["#555555" if n.outcome not in OUTCOME_COLOURS else "none" for n in nights],
        linewidth=0.8,
    )
    if gaps:
        ax_nights.bar(gaps, [1] * len(gaps), width=0.9, color=NO_REMINDER_COLOUR, hatch="//")
    ax_nights.set_yticks([])
    ax_nights.set_ylim(0, 1)
    _title(ax_nights, texts.chart_nights())
    legend = [
        Patch(color=OUTCOME_COLOURS[k], label=texts.chart_outcome(k)) for k in OUTCOME_COLOURS
    ]
    if any(n.outcome not in OUTCOME_COLOURS for n in nights):
        legend.append(
            Patch(facecolor=PENDING_COLOUR, edgecolor="#555555", label=texts.chart_not_yet())
        )
    if gaps:
        legend.append(
            Patch(facecolor=NO_REMINDER_COLOUR, hatch="//", label=texts.chart_no_reminder())
        )
    _legend(ax_nights, legend)

    # Dose: a step line through every night's dose.
    if nights:
        days = [n.local_date for n in nights] + [nights[-1].local_date + timedelta(days=1)]
        doses = [n.dose_mg for n in nights] + [nights[-1].dose_mg]
        ax_dose.step(days, doses, where="post", color="#1f5fa8", linewidth=2.2)
        top = max(doses)
        ax_dose.set_ylim(0, top * 1.3 if top > 0 else 1)
        # The axis's numbers as the patient's language writes them ("1,5" in German).
        ax_dose.yaxis.set_major_formatter(FuncFormatter(lambda y, pos: number(round(y, 2))))
        for day, mg, previous in zip(days[:-1], doses[:-1], [None, *doses[:-2]], strict=True):
            if mg != previous:
                ax_dose.annotate(
                    texts.chart_dose_label(mg),
                    (mdates.date2num(day), mg),
                    xytext=(2, 4),
                    textcoords="offset points",
                    fontsize=9,
                    color="#1f5fa8",
                )
    else:
        _no_data(ax_dose, texts.chart_no_doses())
    _title(ax_dose, texts.chart_dose())
    ax_dose.grid(axis="y", alpha=0.3)

    # Side effects: one row per effect, one square per check-in, coloured by severity.
    cmap = ListedColormap(SEVERITY_COLOURS)
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5], cmap.N)
    for row, effect in enumerate(SIDE_EFFECTS):
        answered = [
            (c.local_date, c.severities[effect.key]) for c in checkins if effect.key in c.severities
        ]
        if answered:
            ax_effects.scatter(
                [d for d, _ in answered],
                [row] * len(answered),
                c=[s for _, s in answered],
                cmap=cmap,
                norm=norm,
                marker="s",
                s=_marker_size(*axis_span(first, last)),
                edgecolors="#777777",
                linewidths=0.4,
            )
    ax_effects.set_yticks(range(len(SIDE_EFFECTS)))
    ax_effects.set_yticklabels([texts.chart_effect(e.key) for e in SIDE_EFFECTS])
    ax_effects.set_ylim(len(SIDE_EFFECTS) - 0.5, -0.5)
    _title(ax_effects, texts.chart_side_effects())
    _legend(
        ax_effects,
        [
            Patch(facecolor=SEVERITY_COLOURS[s], edgecolor="#777777", label=texts.chart_severity(s))
            for s in Severity
        ],
    )
    if not checkins:
        _no_data(ax_effects, texts.chart_no_checkins())

    # Symptom score over time.
    scored = [(c.local_date, c.symptom_score) for c in checkins if c.symptom_score is not None]
    if scored:
        ax_score.plot(
            [d for d, _ in scored],
            [s for _, s in scored],
            marker="o",
            color="#7b3fa0",
            linewidth=1.8,
            markersize=5,
        )
    else:
        _no_data(ax_score, texts.chart_no_scores())
    ax_score.set_ylim(-0.5, 10.5)
    ax_score.set_yticks([0, 2, 4, 6, 8, 10])
    _title(ax_score, texts.chart_score())
    ax_score.grid(axis="y", alpha=0.3)

    for axis in (ax_nights, ax_dose, ax_effects):
        axis.tick_params(labelbottom=False)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
    ax_score.xaxis.set_major_locator(locator)
    axis_first, axis_last = axis_span(first, last)
    # Babel's month names in the patient's language, not matplotlib's (English, from strftime).
    long_span = (axis_last - axis_first).days > MONTH_TICKS_AFTER_DAYS
    ax_score.xaxis.set_major_formatter(
        FuncFormatter(lambda x, pos: date_tick_label(mdates.num2date(x).date(), pos, long_span))
    )
    ax_score.set_xlim(mdates.date2num(axis_first) - 0.6, mdates.date2num(axis_last) + 0.6)
    ax_score.set_xlabel(texts.chart_date())
    for axis in (ax_nights, ax_dose, ax_effects, ax_score):
        axis.spines[["top", "right"]].set_visible(False)
    return figure


def date_tick_label(day: date, position: int | None, long_span: bool) -> str:
    """A date on the axis: '25 Nov' ('25. Nov.', '25 nov'); over a long span the month
    ('Dez', 'dic'), with its year on the first tick and in January."""
    if not long_span:
        return day_and_month(day)
    if position == 0 or day.month == 1:
        return short_month_and_year(day)
    return short_month(day)


def _title(axis: Axes, text: str) -> None:
    axis.set_title(text, loc="left", fontsize=11, fontweight="bold")


def _legend(axis: Axes, handles: list[Patch]) -> None:
    axis.legend(
        handles=handles,
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncol=len(handles),
        frameon=False,
        fontsize=9,
        handlelength=1.2,
        columnspacing=1.0,
        borderaxespad=0.2,
    )


def _marker_size(first: date, last: date) -> float:
    """Squares about one day wide, but never smaller than a dot you can see on a phone."""
    days = (last - first).days + 1
    return max(12.0, min(140.0, 9000.0 / days))


def _no_data(axis: Axes, text: str) -> None:
    axis.text(
        0.5,
        0.5,
        text,
        transform=axis.transAxes,
        ha="center",
        va="center",
        color="#777777",
        fontsize=11,
    )
