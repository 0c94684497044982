"""Figure: teardown time vs x, old vs new, and the paired old/new ratio.

Reads summary.csv: teardown_ns mean with its 95% Student-t interval per
algorithm, and from ratios.csv the paired old/new ratio of teardown_ns with its
interval (a second panel, drawn only when some point has it). Writes
teardown_<vs_x|by_point>.png beside the results.
"""

from __future__ import annotations

import twsim_results as tr

# The PNG names this figure writes (plot.py removes those it did not redraw).
OWNS = r"teardown_(vs_.+|by_point)\.png"

RATIO = "ratio_old_new_teardown_ns"


def plot(res: tr.Results) -> list:
    xaxis = tr.XAxis(res.rows, res.swept)
    ratio_rows = [r for r in res.ratios if tr.num(r, RATIO) is not None]
    fig, axes = tr.figure(2 if ratio_rows else 1, width=6.5, height=4.8)
    ax = axes[0]
    xaxis.setup(ax)
    tr.log_y(ax)
    drawn = tr.draw(ax, xaxis, tr.make_series(res.rows, xaxis), "teardown_ns",
                    "teardown_ns_lo", "teardown_ns_hi", scale=1e-9, log=True)
    ax.set_title("teardown time")
    ax.set_ylabel("teardown time (s, mean, 95% CI)")
    tr.finish(ax, drawn)
    if ratio_rows:
        ax = axes[1]
        xaxis.setup(ax)
        tr.log_y(ax)
        series = tr.make_series(ratio_rows, xaxis, by_algorithm=False)
        drawn = tr.draw(ax, xaxis, series, RATIO, RATIO + "_lo", RATIO + "_hi", log=True)
        ax.axhline(1.0, color="gray", linewidth=1, linestyle=":")
        ax.set_title("paired ratio old / new (same random numbers)")
        ax.set_ylabel("teardown time old / new (95% CI)")
        tr.finish(ax, drawn)
    fig.suptitle(f"{res.name}: teardown time, old vs new\n" + tr.caption(res))
    return [tr.save(fig, res.out_path("teardown_" + xaxis.stem))]


if __name__ == "__main__":
    import sys
    import plot as entry
    sys.exit(entry.main(sys.argv[1:], figures=[sys.modules[__name__]]))
