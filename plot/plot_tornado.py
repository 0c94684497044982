"""Figure: tornado plot of `twsim sensitivity` (sensitivity.csv).

One column of panels per algorithm (old vs new side by side); top row P(hard
lockup), bottom row the worst interrupts-off stretch (mean over the runs, log
seconds). In each panel one row per input, sorted by swing (largest on top):
a bar from the point's own value (the vertical "base" line) to each variant's,
blue for the low side, red for the high side, grey for another value of a
choice, labelled with the value the input was set to ("held" when clamped at a
valid bound). The stretch panels carry the hard-lockup detector window of
twsim_results.draw_windows (docs/kernel-facts.md §4.6: never below, always above) for the point's
watchdog_thresh_s and hardlockup_detector. Writes tornado.png.
"""

from __future__ import annotations

import os

import twsim_results as tr

# The PNG names this figure writes (plot.py removes those it did not redraw).
OWNS = r"tornado\.png"

SIDE_COLORS = {"low": "tab:blue", "high": "tab:red", "alt": "tab:gray"}
METRICS = [("p_hard", 1.0, "P(hard lockup reported)", False),
           ("max_irqoff_mean_ns", 1e-9, "worst interrupts-off stretch (s, mean of runs)", True)]


def read(directory: str):
    """The rows of sensitivity.csv, or None when the directory has none."""
    path = os.path.join(directory, "sensitivity.csv")
    if not os.path.exists(path):
        return None
    return tr.read_table(path)[1]


def panel(ax, rows: list, metric: str, scale: float, log: bool) -> None:
    base = next((r for r in rows if r.get("side") == "base"), None)
    base_v = tr.num(base, metric) if base else None
    inputs = {}
    for r in rows:
        v = tr.num(r, metric)
        if r.get("side") != "base" and v is not None:
            inputs.setdefault(r.get("input", ""), []).append((r, v * scale))
    if base_v is None or not inputs:
        ax.text(0.5, 0.5, "no data", transform=ax.transAxes, ha="center", color="gray")
        return
    b = base_v * scale
    if log:  # a zero has no place on a log axis: drawn a decade under the rest
        ax.set_xscale("log")
        positive = [v for vs in inputs.values() for _, v in vs if v > 0]
        if b <= 0:
            b = min(positive, default=1e-9) / 10

    def swing(name):
        vals = [v for _, v in inputs[name]] + [base_v * scale]
        return max(vals) - min(vals)

    order = sorted(inputs, key=swing)  # bottom to top: largest swing on top
    labelled = set()
    for y, name in enumerate(order):
        variants = inputs[name]
        height = 0.8 / len(variants)
        for i, (r, v) in enumerate(variants):
            if log and v <= 0:
                v = b / 10
            side = r.get("side", "alt")
            yy = y + 0.4 - height * (i + 0.5)
            label = None if side in labelled else {"low": "low side", "high": "high side",
                                                   "alt": "other value"}.get(side, side)
            labelled.add(side)
            ax.barh(yy, v - b, left=b, height=height * 0.9, color=SIDE_COLORS.get(side, "k"),
                    alpha=0.8, label=label)
            text = r.get("value", "") + (" (held)" if r.get("clamped") == "1" else "")
            ax.text(v, yy, f" {text} ", va="center", fontsize="x-small",
                    ha="left" if v >= b else "right")
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels(order, fontsize="small")
    ax.axvline(b, color="black", linewidth=1.2,
               label=f"base: {b:.3g}" + (" s" if log else ""))
    if not log:
        ax.set_xlim(-0.05, 1.15)
    ax.grid(True, axis="x", alpha=0.3)


def windows(ax, rows: list) -> None:
    """The hard-lockup detector window at the point's thresh (twsim_results.py)."""
    r = rows[0]
    thresh = tr.num(r, "watchdog_thresh_s") or 10
    detector = r.get("hardlockup_detector", "perf")
    # The hard-lockup window only: soft and RCU lines are not in this file.
    tr.draw_windows(ax, [(thresh, detector, False, None)], vertical=True)


def plot_dir(directory: str) -> list:
    rows = read(directory)
    if not rows:
        return []
    algorithms = list(dict.fromkeys(r.get("algorithm", "") for r in rows))
    n_inputs = len({r.get("input") for r in rows})
    fig, axes = tr.figure(panels=len(algorithms), width=7.5, height=2 * (1.5 + 0.4 * n_inputs))
    fig.clf()
    grid = fig.subplots(2, len(algorithms), squeeze=False)
    for col, algorithm in enumerate(algorithms):
        mine = [r for r in rows if r.get("algorithm") == algorithm]
        for row, (metric, scale, label, log) in enumerate(METRICS):
            ax = grid[row][col]
            panel(ax, mine, metric, scale, log)
            if log:
                windows(ax, mine)
            ax.set_xlabel(label)
            ax.set_title(f"{algorithm} teardown: {label.split(' (')[0]}", fontsize="medium")
            ax.legend(fontsize="x-small", loc="lower right")
    n = sorted({r.get("n") for r in rows})
    name = os.path.basename(os.path.normpath(directory))
    fig.suptitle(f"{name}: sensitivity of point {rows[0].get('point', '0')} to the inputs "
                 f"nobody can observe ({'/'.join(n)} runs per value), bars sorted by swing")
    return [tr.save(fig, os.path.join(directory, "tornado.png"))]


def plot(res: tr.Results) -> list:
    return plot_dir(res.dir)


if __name__ == "__main__":
    import sys
    import plot as entry
    sys.exit(entry.main(sys.argv[1:], figures=[sys.modules[__name__]]))
