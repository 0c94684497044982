"""Figure: critical value of the bisected parameter vs x (`twsim threshold`).

Reads thresholds.csv (point, swept keys, algorithm, param, target, threshold,
threshold_lo, threshold_hi; a `detector` column is used if present); skipped
when the file is absent. One figure per bisected param, e.g. the critical
task_work list length: old vs new, log y, with the threshold's interval as error
bars. Points whose threshold was not found in the searched range are left out
and counted in the legend, as are rows whose interval is unresolved at the
replications given (resolved = 0, see `twsim threshold`). An operating point
given with `--mark` (plot.py) is drawn as a star, or a line when its x is not
given. Writes critical_<param>_<vs_x|by_point>.png.
"""

from __future__ import annotations

import twsim_results as tr

# The PNG names this figure writes (plot.py removes those it did not redraw).
OWNS = r"critical_.+_(vs_.+|by_point)\.png"


def draw_mark(ax, xaxis: tr.XAxis, param: str, marks: dict) -> int:
    """The operating point {key: value} on the plot of `param`: a star at
    (marks[x key], marks[param]) when the x axis is numeric and named, else a
    horizontal line at marks[param]. Returns the number of marks drawn."""
    if param not in marks:
        return 0
    y = marks[param]
    text = f"operating point: {tr.short(param)} = {y:g}"
    if xaxis.key and xaxis.key in marks:
        x = marks[xaxis.key]
        ax.plot([x], [y], marker="*", markersize=16, color="black", linestyle="none",
                zorder=6, label=f"{text}, {tr.short(xaxis.key)} = {x:g}")
    else:
        ax.axhline(y, color="black", linestyle="--", linewidth=1.2, label=text)
    return 1


def plot(res: tr.Results) -> list:
    rows = res.thresholds
    written = []
    for param in dict.fromkeys(r.get("param", "") for r in rows):
        mine = [r for r in rows if r.get("param", "") == param]
        xaxis = tr.XAxis(mine, res.threshold_swept)
        extra = [k for k in ("detector", "target") if len({r.get(k) for r in mine}) > 1]
        series = tr.make_series(mine, xaxis, extra_keys=extra)
        for s in series:
            missing = sum(tr.num(r, "threshold") is None for _, r in s.points)
            if missing:
                s.label = f"{s.label or ''} ({missing} of {len(s.points)} not found)".strip()
            unresolved = sum(r.get("resolved") == "0" for _, r in s.points)
            if unresolved:
                s.label = (f"{s.label or ''} ({unresolved} of {len(s.points)} unresolved: "
                           f"raise replications)").strip()
        fig, (ax,) = tr.figure()
        xaxis.setup(ax)
        tr.log_y(ax)
        drawn = tr.draw(ax, xaxis, series, "threshold", "threshold_lo", "threshold_hi",
                        log=True)
        ax.set_ylabel(f"critical {param or 'value'} (interval)")
        marked = draw_mark(ax, xaxis, param, res.marks)
        res.marks_drawn += marked
        drawn += marked
        tr.finish(ax, drawn, empty="no threshold found in the searched range")
        targets = sorted({r.get("target", "") for r in mine} - {""})
        detectors = sorted({r.get("detector", "") for r in mine} - {""})
        what = f"P({'/'.join(detectors) or 'detector'}) = {'/'.join(targets) or '?'}"
        fig.suptitle(f"{res.name}: critical {param or 'value'} where {what}")
        name = "critical_" + (tr.short(param) or "value") + "_" + xaxis.stem
        written.append(tr.save(fig, res.out_path(name)))
    return written


if __name__ == "__main__":
    import sys
    import plot as entry
    sys.exit(entry.main(sys.argv[1:], figures=[sys.modules[__name__]]))
