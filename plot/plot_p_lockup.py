"""Figure: P(lockup detector fires) vs x, old vs new.

Reads summary.csv (p_hard, p_soft, p_rcu with their 95% Wilson bounds) and, for
the title, results.json. One panel for P(hard lockup); one each for P(soft
lockup) and P(RCU stall) when either fires in any run. Writes
p_lockup_<vs_x|by_point>.png beside the results.
"""

from __future__ import annotations

import plot_phase
import twsim_results as tr

# The PNG names this figure writes (plot.py removes those it did not redraw).
OWNS = r"p_lockup_(vs_.+|by_point)\.png"

DETECTORS = [("hard", "P(hard lockup)"), ("soft", "P(soft lockup)"), ("rcu", "P(RCU stall)")]


def plot(res: tr.Results) -> list:
    if plot_phase.is_phase_grid(res):
        return []  # drawn as heat maps: one line per value would be unreadable
    xaxis = tr.XAxis(res.rows, res.swept)
    series = tr.make_series(res.rows, xaxis)
    panels = [d for d in DETECTORS
              if d[0] == "hard" or any((tr.num(r, "p_" + d[0]) or 0) > 0 for r in res.rows)]
    fig, axes = tr.figure(len(panels), width=6, height=4.8)
    for ax, (d, what) in zip(axes, panels):
        xaxis.setup(ax)
        drawn = tr.draw(ax, xaxis, series, "p_" + d, f"p_{d}_lo", f"p_{d}_hi", band=True)
        ax.set_ylim(-0.03, 1.03)
        ax.set_title(what)
        ax.set_ylabel("probability per teardown")
        tr.finish(ax, drawn)
    fig.suptitle(f"{res.name}: probability a detector fires (95% Wilson intervals)\n"
                 + tr.caption(res))
    return [tr.save(fig, res.out_path("p_lockup_" + xaxis.stem))]


if __name__ == "__main__":
    import sys
    import plot as entry
    sys.exit(entry.main(sys.argv[1:], figures=[sys.modules[__name__]]))
