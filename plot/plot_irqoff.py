"""Figure: worst interrupts-off stretch vs x, against the detector windows.

Reads summary.csv (max_irqoff_ns mean and 95% Student-t interval) and, for the
windows, the resolved kernel config of each point in results.json
(kernel.watchdog_thresh_s, default 10 s; hardlockup_detector; softlockup_detector).
The windows come from docs/kernel-facts.md §4.6: a stretch shorter than the
"never" line cannot trip the hard-lockup detector, one longer than the "certain"
line always does; the soft-lockup line is 2*thresh units of 2^30 ns; the RCU
line is kernel.rcu_stall_timeout_s (when results.json gives it). Turbo
(nominal vs actual clock) is ignored. Writes max_irqoff_<vs_x|by_point>.png.
"""

from __future__ import annotations

import plot_phase
import twsim_results as tr

# The PNG names this figure writes (plot.py removes those it did not redraw).
OWNS = r"max_irqoff_(vs_.+|by_point)\.png"


def draw_windows(ax, res: tr.Results) -> None:
    tr.draw_windows(ax, tr.windows(res.scenarios()))


def plot(res: tr.Results) -> list:
    if plot_phase.is_phase_grid(res):
        return []  # drawn as heat maps: one line per value would be unreadable
    xaxis = tr.XAxis(res.rows, res.swept)
    series = tr.make_series(res.rows, xaxis)
    fig, (ax,) = tr.figure(width=9)
    xaxis.setup(ax)
    tr.log_y(ax)
    drawn = tr.draw(ax, xaxis, series, "max_irqoff_ns", "max_irqoff_ns_lo", "max_irqoff_ns_hi",
                    scale=1e-9, log=True)
    draw_windows(ax, res)
    ax.set_ylabel("longest interrupts-off stretch (s, mean, 95% CI)")
    tr.finish(ax, drawn)
    fig.suptitle(f"{res.name}: worst interrupts-off stretch vs detector windows\n"
                 + tr.caption(res))
    return [tr.save(fig, res.out_path("max_irqoff_" + xaxis.stem))]


if __name__ == "__main__":
    import sys
    import plot as entry
    sys.exit(entry.main(sys.argv[1:], figures=[sys.modules[__name__]]))
