"""Figure: CCDF of all interrupts-off stretches, per point, one line per algorithm.

Reads irqoff_ccdf.csv (one row per point, algorithm and bin edge:
point,<swept keys...>,algorithm,stretch_ns,stretches,ccdf; the edges are
log-spaced from 100 ns, `stretches` counts the stretches over all CPUs and
replications at least stretch_ns long, ccdf divides it by all stretches of
that point and algorithm; a line's rows stop after the first edge with none).
Log-log: x the stretch length, y P(stretch >= x). Each panel carries the point's
detector windows (twsim_results.draw_windows, docs/kernel-facts.md §4.6): the
hard-lockup window (never below, always above), the soft-lockup and RCU
thresholds. At most MAX_PANELS points are drawn, evenly spread over the sweep,
and the title says which. Writes irqoff_ccdf.png; nothing without the CSV.
"""

from __future__ import annotations

import math
import os

import twsim_results as tr

# The PNG names this figure writes (plot.py removes those it did not redraw).
OWNS = r"irqoff_ccdf\.png"

FILE = "irqoff_ccdf.csv"
MAX_PANELS = 9
COLUMNS = 3


def read(directory: str):
    """{point: (row of swept values, {algorithm: [(stretch_s, ccdf, stretches)]})}
    in point order, or None when the directory has no irqoff_ccdf.csv."""
    path = os.path.join(directory, FILE)
    if not os.path.exists(path):
        return None
    _, rows = tr.read_table(path)
    points = {}
    for r in rows:
        point, edge = tr.num(r, "point"), tr.num(r, "stretch_ns")
        ccdf, count = tr.num(r, "ccdf"), tr.num(r, "stretches")
        if point is None or edge is None or ccdf is None or count is None:
            continue
        _, lines = points.setdefault(int(point), (r, {}))
        lines.setdefault(r.get("algorithm", ""), []).append((edge * 1e-9, ccdf, count))
    return dict(sorted(points.items()))


def drawn_points(points: list) -> list:
    """All points when they fit, else MAX_PANELS spread evenly (first and last kept)."""
    if len(points) <= MAX_PANELS:
        return points
    picks = sorted({round(i * (len(points) - 1) / (MAX_PANELS - 1)) for i in range(MAX_PANELS)})
    return [points[i] for i in picks]


def total_stretches(line: list):
    """All stretches of the line: stretches / ccdf at any edge with some (the first)."""
    return next((round(n / c) for _, c, n in line if c > 0), 0)


def panel(ax, lines: dict, windows: list) -> float:
    """Draws one point; returns the smallest ccdf drawn (1 if none)."""
    lowest = 1.0
    for algorithm, line in lines.items():
        xs = [x for x, c, _ in line if c > 0]  # the last edge (none as long) has no log place
        ys = [c for _, c, _ in line if c > 0]
        if not xs:
            continue
        lowest = min(lowest, min(ys))
        ax.plot(xs, ys, color=tr.ALGORITHM_COLORS.get(algorithm, "black"),
                linestyle=tr.ALGORITHM_LINES.get(algorithm, "-"),
                marker=tr.ALGORITHM_MARKERS.get(algorithm, "D"), markersize=3,
                markevery=max(1, len(xs) // 12),
                label=f"{algorithm} ({total_stretches(line):,} stretches)")
    tr.draw_windows(ax, windows, vertical=True)
    return lowest


def title(point: int, row: dict, swept: list) -> str:
    values = ", ".join(f"{tr.short(k)}={tr.fmt(tr.value(row.get(k)))}"
                       for k in swept if row.get(k))
    return f"point {point}" + (f": {values}" if values else "")


def plot(res: tr.Results) -> list:
    points = read(res.dir)
    if not points:
        return []
    swept = tr.read_table(os.path.join(res.dir, FILE))[0]
    shown = drawn_points(list(points))
    cols = min(COLUMNS, len(shown))
    rows = math.ceil(len(shown) / cols)
    fig, grid = tr.plt.subplots(rows, cols, figsize=(6.5 * cols, 4.6 * rows), squeeze=False,
                                constrained_layout=True)
    axes = [ax for line in grid for ax in line]
    last_windows = None
    for ax, point in zip(axes, shown):
        row, lines = points[point]
        windows = tr.windows([res.scenario_of(point)])
        lowest = panel(ax, lines, windows)
        tr.log_x_seconds(ax)
        tr.log_y(ax)
        ax.set_ylim(lowest / 3, 1.5)
        ax.set_xlabel("interrupts-off stretch length (log)")
        ax.set_ylabel("P(stretch ≥ length), all CPUs and runs")
        ax.set_title(title(point, row, swept), fontsize="medium")
        ax.grid(True, which="major", alpha=0.3)
        handles, labels = ax.get_legend_handles_labels()
        n = sum(1 for line in lines.values() if any(c > 0 for _, c, _ in line))
        # A CCDF leaves the top (short of the windows) and lower left empty: the
        # lines' totals in one, the windows (when they differ from the panel
        # before) in the other.
        legend = ax.legend(handles[:n], labels[:n], fontsize="x-small", loc="upper center")
        if windows != last_windows:
            ax.add_artist(legend)
            ax.legend(handles[n:], labels[n:], fontsize="x-small", loc="lower left")
        last_windows = windows
    for ax in axes[len(shown):]:
        ax.set_visible(False)
    which = ("" if len(shown) == len(points) else
             f"\npoints {', '.join(map(str, shown))} of {len(points)} drawn")
    fig.suptitle(f"{res.name}: CCDF of interrupts-off stretches vs detector windows"
                 + which)
    return [tr.save(fig, res.out_path("irqoff_ccdf"))]


if __name__ == "__main__":
    import sys
    import plot as entry
    sys.exit(entry.main(sys.argv[1:], figures=[sys.modules[__name__]]))
