"""Draws every figure for one or more twsim result directories.

Usage: scripts/plot.sh [--mark KEY=VALUE]... RESULTS_DIR [RESULTS_DIR...]
       (or python3 plot/plot.py ..., with a python3 that has matplotlib)

--mark KEY=VALUE (repeatable) marks an operating point on the critical-value
plots: give the searched key (e.g. task_work.unrelated=50000) and, to place it
at one x, the swept key (machine.cpus=192); a star at (x, value), or a line at
the value when the x key is not given. Below the old curve means P < target.

Each directory is what `twsim run` wrote (summary.csv, optionally results.json
and thresholds.csv); the PNGs go beside them and their paths are printed. The
figures, one module each:
  plot_p_lockup.py   P(hard lockup) (and soft, RCU) vs x, old vs new
  plot_irqoff.py     worst interrupts-off stretch vs x, with the detector windows
  plot_phase.py      heat maps of a two-key grid (P(hard), worst stretch, the
                     detector window as contours), instead of the two above
  plot_threshold.py  critical list length vs x (only with thresholds.csv)
  plot_tornado.py    tornado of `twsim sensitivity` (only with sensitivity.csv;
                     drawn even where there is no summary.csv)
  plot_teardown.py   teardown time and the paired old/new ratio vs x
  plot_ccdf.py       CCDF of all interrupts-off stretches per point, one line per
                     algorithm, with the detector windows (only with irqoff_ccdf.csv)
  plot_heatmap.py    per-CPU x time heat map of interrupts off, one panel per
                     algorithm, for each Chrome trace in the directory: any *.json
                     with a traceEvents member, e.g. from `twsim run CONFIG -o DIR
                     --trace DIR/trace.json`; written as DIR/trace_heatmap.png
A run replaces the plots of the one before: in each directory, the PNGs with the
names these figures write (p_lockup_*, max_irqoff_*, teardown_*, critical_*,
phase_*, tornado.png, irqoff_ccdf.png, *_heatmap.png) that were not drawn this time
are removed; no other file is touched.
Exit status: 0 success, 2 a directory without a readable summary.csv, or a
--mark that is not KEY=NUMBER.
"""

from __future__ import annotations

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import plot_ccdf  # noqa: E402
import plot_heatmap  # noqa: E402
import plot_irqoff  # noqa: E402
import plot_p_lockup  # noqa: E402
import plot_phase  # noqa: E402
import plot_teardown  # noqa: E402
import plot_threshold  # noqa: E402
import plot_tornado  # noqa: E402
import twsim_results  # noqa: E402

FIGURES = [plot_p_lockup, plot_irqoff, plot_phase, plot_threshold, plot_teardown, plot_tornado,
           plot_ccdf, plot_heatmap]


def remove_stale(directory: str, figures: list, drawn: list) -> None:
    """Removes the PNGs in `directory` whose names one of `figures` owns (its OWNS
    pattern) and that were not drawn this time: the plots of an earlier run."""
    patterns = [re.compile(f.OWNS) for f in figures if getattr(f, "OWNS", None)]
    kept = {os.path.abspath(p) for p in drawn}
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        path = os.path.join(directory, name)
        if (any(p.fullmatch(name) for p in patterns) and os.path.abspath(path) not in kept
                and os.path.isfile(path) and not os.path.islink(path)):
            try:
                os.remove(path)
            except OSError as e:
                print(f"twsim: warning: {path}: cannot remove an earlier run's plot: "
                      f"{e.strerror or e}", file=sys.stderr)


USAGE = "usage: scripts/plot.sh [--mark KEY=VALUE]... RESULTS_DIR [RESULTS_DIR...]"


def parse_marks(argv: list):
    """(marks {key: float}, directories), or raises ValueError with the message."""
    marks, dirs = {}, []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--mark" or arg.startswith("--mark="):
            if arg == "--mark":
                if i + 1 >= len(argv):
                    raise ValueError("--mark needs KEY=VALUE")
                i += 1
                text = argv[i]
            else:
                text = arg[len("--mark="):]
            key, sep, val = text.partition("=")
            try:
                number = float(val)
            except ValueError:
                number = float("nan")
            if not sep or not key or number != number or number in (float("inf"), -float("inf")):
                raise ValueError(f"--mark must be KEY=NUMBER, e.g. task_work.unrelated=50000, "
                                 f"got '{text}'")
            marks[key] = number
        else:
            dirs.append(arg)
        i += 1
    return marks, dirs


def main(argv: list, figures=None) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    try:
        marks, argv = parse_marks(argv)
    except ValueError as e:
        print(f"twsim: error: {e}", file=sys.stderr)
        return 2
    if not argv:
        print(USAGE, file=sys.stderr)
        return 2
    status = 0
    for directory in argv:
        if (not os.path.exists(os.path.join(directory, "summary.csv"))
                and plot_tornado.read(directory) is not None):
            # `twsim sensitivity` alone: its tornado is the only figure.
            if plot_tornado in (figures or FIGURES):
                drawn = plot_tornado.plot_dir(directory)
                for path in drawn:
                    print(path)
                remove_stale(directory, [plot_tornado], drawn)
            continue
        try:
            res = twsim_results.Results(directory)
            res.marks = marks
        except OSError as e:
            print(f"twsim: error: {directory}: cannot read summary.csv: "
                  f"{e.strerror or e}; run `twsim run` first", file=sys.stderr)
            status = 2
            continue
        if not res.rows:
            print(f"twsim: warning: {directory}/summary.csv: no rows; nothing to plot",
                  file=sys.stderr)
            continue
        drawn = []
        for figure in figures or FIGURES:
            for path in figure.plot(res):
                print(path)
                drawn.append(path)
        remove_stale(directory, figures or FIGURES, drawn)
        if marks and not res.marks_drawn:
            print(f"twsim: warning: {directory}: --mark {', '.join(marks)}: no critical-value "
                  f"plot of that key (thresholds.csv param); nothing marked", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
