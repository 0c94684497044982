"""Figure: heat maps of a two-key sweep (a phase diagram), one panel per algorithm.

A sweep whose points form a full grid of two numeric keys with at least
MIN_VALUES values each (e.g. configs/phase-diagram.json: machine.cpus x
task_work.unrelated) is drawn as heat maps instead of one line per value of the
second key: top row P(hard lockup reported) (0 to 1), bottom row the worst
interrupts-off stretch (mean over the runs, log colour scale, seconds), one column
per algorithm in the config's order. Both rows carry the hard-lockup detector
window as contours of the worst stretch (docs/kernel-facts.md §4.6, drawn as
twsim_results.draw_windows draws it on the line plots): the dotted orange line
where the stretch reaches the "never below" bound, the dark red one where it
reaches the "always above" bound; left of and below the orange contour the
detector cannot fire. Cells whose runs were cut off at the horizon (p_complete < 1)
are hatched and marked "≥": their P and stretch are lower bounds. Each cell
carries its value when the grid has at most 12 x 12 cells. The swept values are
the ticks, evenly spaced (log-spaced sweeps read as such).

Writes phase_<x>_<y>.png; with such a grid, plot_p_lockup and plot_irqoff draw
nothing (their lines would be unreadable), see is_phase_grid().
"""

from __future__ import annotations

import math

import numpy as np  # noqa: E402  (a dependency of matplotlib)
from matplotlib.colors import LogNorm  # noqa: E402

import twsim_results as tr

MIN_VALUES = 4   # fewer values of the second key read well as lines
MAX_ANNOTATED = 12
PANELS = [("p_hard", "P(hard lockup reported)", 1.0, False),
          ("max_irqoff_ns", "worst interrupts-off stretch (mean)", 1e-9, True)]
OWNS = r"phase_.+\.png"


def grid_keys(rows: list, swept: list):
    """(x key, y key) when the points form a full grid of two numeric keys with
    at least MIN_VALUES values each (other swept keys fixed by one of them, or
    constant), else None."""
    numeric = []
    for key in swept:
        if key == tr.LABEL:
            continue
        vals = {tr.value(r.get(key)) for r in rows}
        if len(vals) > 1 and all(isinstance(v, float) for v in vals):
            if not any(tr._fixed_by(rows, k, key) for k in numeric):
                numeric.append(key)
    if len(numeric) != 2:
        return None
    x, y = numeric
    xs = {tr.value(r.get(x)) for r in rows}
    ys = {tr.value(r.get(y)) for r in rows}
    if len(xs) < MIN_VALUES or len(ys) < MIN_VALUES:
        return None
    if any(not (tr._fixed_by(rows, x, k) or tr._fixed_by(rows, y, k)) for k in swept
           if k not in (x, y) and k != tr.LABEL):
        return None  # a third key varies on its own: not one grid
    for algorithm in {r.get("algorithm") for r in rows}:
        cells = {(tr.value(r.get(x)), tr.value(r.get(y)))
                 for r in rows if r.get("algorithm") == algorithm}
        if len(cells) != len(xs) * len(ys):
            return None
    return x, y


def is_phase_grid(res: tr.Results) -> bool:
    return grid_keys(res.rows, res.swept) is not None


def matrix(rows: list, x: str, y: str, xs: list, ys: list, column: str, scale: float):
    """(values, cut) as len(ys) x len(xs) arrays: the column times scale (NaN
    where missing) and whether the cell's runs were cut off at the horizon."""
    values = np.full((len(ys), len(xs)), np.nan)
    cut = np.zeros((len(ys), len(xs)), dtype=bool)
    for r in rows:
        i, j = ys.index(tr.value(r.get(y))), xs.index(tr.value(r.get(x)))
        v = tr.num(r, column)
        if v is not None:
            values[i, j] = v * scale
        complete = tr.num(r, "p_complete")
        cut[i, j] = complete is not None and complete < 1
    return values, cut


def cell_text(v: float, log: bool) -> str:
    if math.isnan(v):
        return ""
    return tr.duration_text(v) if log else f"{v:.2f}"


def window_contours(ax, stretch, windows: list) -> list:
    """Contours of the worst stretch (s) at the hard-lockup window's bounds;
    returns legend (handle, label) pairs."""
    out = []
    finite = stretch[np.isfinite(stretch)]
    if finite.size == 0 or min(stretch.shape) < 2:
        return out
    for thresh, hard, _, _ in windows[:1]:
        if hard not in tr.HARD_WINDOWS:
            continue
        name, never, certain = tr.HARD_WINDOWS[hard]
        for level, color, text in ((never * thresh, "darkorange", "never below"),
                                   (certain * thresh, "darkred", "always above")):
            if not finite.min() < level < finite.max():
                continue
            ax.contour(np.arange(stretch.shape[1]), np.arange(stretch.shape[0]),
                       np.nan_to_num(stretch, nan=0.0), levels=[level], colors=[color],
                       linestyles=":", linewidths=2.2)
            out.append((tr.plt.Line2D([], [], color=color, linestyle=":", linewidth=2.2),
                        f"{name} hard lockup: worst stretch = {level:.3g} s ({text})"))
    return out


def panel(ax, fig, values, cut, log: bool, title: str):
    positive = values[np.isfinite(values) & (values > 0)]
    if log:
        lo = positive.min() if positive.size else 1e-9
        hi = positive.max() if positive.size else 1.0
        norm = LogNorm(vmin=lo, vmax=max(hi, lo * 10))
        shown = np.where(values > 0, values, np.nan)
        image = ax.imshow(shown, origin="lower", aspect="auto", cmap="magma_r", norm=norm)
        bar = fig.colorbar(image, ax=ax)
        bar.ax.yaxis.set_major_formatter(tr.FuncFormatter(lambda v, _: tr.duration_text(v)))
        bar.ax.yaxis.set_minor_formatter(tr.NullFormatter())
        bar.set_label("seconds (log)")
    else:
        image = ax.imshow(values, origin="lower", aspect="auto", cmap="Reds", vmin=0, vmax=1)
        fig.colorbar(image, ax=ax).set_label("probability per teardown")
    rows, cols = values.shape
    if rows <= MAX_ANNOTATED and cols <= MAX_ANNOTATED:
        for i in range(rows):
            for j in range(cols):
                text = cell_text(values[i, j], log)
                if text and cut[i, j]:
                    text = "≥" + text
                dark = (image.norm(values[i, j]) > 0.6) if np.isfinite(values[i, j]) else False
                ax.text(j, i, text, ha="center", va="center", fontsize="x-small",
                        color="white" if dark else "black")
    for i, j in zip(*np.nonzero(cut)):
        ax.add_patch(tr.plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///",
                                      edgecolor="gray", linewidth=0))
    ax.set_title(title, fontsize="medium")


def plot(res: tr.Results) -> list:
    keys = grid_keys(res.rows, res.swept)
    if keys is None:
        return []
    x, y = keys
    xs = sorted({tr.value(r.get(x)) for r in res.rows})
    ys = sorted({tr.value(r.get(y)) for r in res.rows})
    algorithms = list(dict.fromkeys(r.get("algorithm") for r in res.rows))
    fig, grid = tr.plt.subplots(len(PANELS), len(algorithms),
                                figsize=(5.2 * len(algorithms) + 1, 4.4 * len(PANELS)),
                                squeeze=False, constrained_layout=True)
    windows = tr.windows(res.scenarios())
    legend = []
    any_cut = False
    for col, algorithm in enumerate(algorithms):
        mine = [r for r in res.rows if r.get("algorithm") == algorithm]
        stretch, _ = matrix(mine, x, y, xs, ys, "max_irqoff_ns", 1e-9)
        for row, (column, what, scale, log) in enumerate(PANELS):
            ax = grid[row][col]
            values, cut = matrix(mine, x, y, xs, ys, column, scale)
            any_cut = any_cut or bool(cut.any())
            panel(ax, fig, values, cut, log, f"{algorithm}: {what}")
            handles = window_contours(ax, stretch, windows)
            legend = legend or handles
            ax.set_xticks(range(len(xs)))
            ax.set_xticklabels([tr.fmt(v) for v in xs], rotation=45 if len(xs) > 6 else 0,
                               fontsize="small")
            ax.set_yticks(range(len(ys)))
            ax.set_yticklabels([tr.fmt(v) for v in ys], fontsize="small")
            ax.set_xlabel(tr.key_label(x))
            ax.set_ylabel(tr.key_label(y))
    if any_cut:
        legend.append((tr.plt.Rectangle((0, 0), 1, 1, fill=False, hatch="///",
                                        edgecolor="gray"),
                       "runs cut off at horizon_s: P and stretch are lower bounds (≥)"))
    if legend:
        fig.legend([h for h, _ in legend], [t for _, t in legend], loc="upper center", bbox_to_anchor=(0.5, 0),
                   ncol=min(3, len(legend)), fontsize="small")
    fig.suptitle(f"{res.name}: P(hard lockup) and worst interrupts-off stretch over "
                 f"{tr.short(x)} x {tr.short(y)}\n" + tr.caption(res))
    return [tr.save(fig, res.out_path(f"phase_{tr.short(x)}_{tr.short(y)}"))]


if __name__ == "__main__":
    import sys
    import plot as entry
    sys.exit(entry.main(sys.argv[1:], figures=[sys.modules[__name__]]))
