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

import twsim_results as tr

SOFTLOCKUP_UNIT_S = 2 ** 30 / 1e9  # get_timestamp(): running_clock() >> 30

# Hard-lockup window as (never <=, certain >=) multiples of watchdog_thresh_s.
HARD_WINDOWS = {"perf": ("perf NMI", 0.6, 2.0), "buddy": ("buddy", 0.8, 1.6),
                "buddy-legacy": ("buddy (pre-7.1)", 0.8, 2.4)}


def windows(res: tr.Results) -> list:
    """Distinct (thresh_s, hardlockup_detector, softlockup_detector,
    rcu_stall_timeout_s or None) over the points."""
    out = []
    for scenario in res.scenarios():
        kernel = scenario.get("kernel") if isinstance(scenario.get("kernel"), dict) else {}
        thresh = kernel.get("watchdog_thresh_s", 10)
        if not isinstance(thresh, (int, float)) or thresh <= 0:
            thresh = 10
        rcu = kernel.get("rcu_stall_timeout_s")
        w = (float(thresh), str(kernel.get("hardlockup_detector", "perf")),
             kernel.get("softlockup_detector", True) is not False,
             float(rcu) if isinstance(rcu, (int, float)) and rcu > 0 else None)
        if w not in out:
            out.append(w)
    return out


def draw_windows(ax, res: tr.Results) -> None:
    ws = windows(res)
    for thresh, hard, soft, rcu in ws:
        tag = f" (thresh {thresh:g} s)" if len(ws) > 1 else ""
        alpha = 0.12 if len(ws) == 1 else 0.06
        if hard in HARD_WINDOWS:
            name, never, certain = HARD_WINDOWS[hard]
            lo, hi = never * thresh, certain * thresh
            ax.axhspan(lo, hi, color="orange", alpha=alpha, linewidth=0)
            ax.axhline(lo, color="darkorange", linestyle=":", linewidth=1.2,
                       label=f"{name} hard lockup: never below {lo:.3g} s{tag}")
            ax.axhline(hi, color="darkred", linestyle=":", linewidth=1.2,
                       label=f"{name} hard lockup: always above {hi:.3g} s{tag}")
        if soft:
            s = 2 * thresh * SOFTLOCKUP_UNIT_S
            ax.axhline(s, color="purple", linestyle="-.", linewidth=1.2,
                       label=f"soft lockup at re-enable: about {s:.3g} s{tag}")
        if rcu:
            ax.axhline(rcu, color="gray", linestyle="--", linewidth=1,
                       label=f"RCU stall timeout {rcu:g} s{tag}")


def plot(res: tr.Results) -> list:
    xaxis = tr.XAxis(res.rows, res.swept)
    series = tr.make_series(res.rows, xaxis)
    fig, (ax,) = tr.figure(width=9)
    xaxis.setup(ax)
    tr.log_y(ax)
    drawn = tr.draw(ax, xaxis, series, "max_irqoff_ns_mean", "max_irqoff_ns_ci_lo",
                    "max_irqoff_ns_ci_hi", scale=1e-9, log=True)
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
