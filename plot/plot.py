"""Draws every figure for one or more twsim result directories.

Usage: scripts/plot.sh RESULTS_DIR [RESULTS_DIR...]
       (or python3 plot/plot.py ..., with a python3 that has matplotlib)

Each directory is what `twsim run` wrote (summary.csv, optionally results.json
and thresholds.csv); the PNGs go beside them and their paths are printed. The
figures, one module each:
  plot_p_lockup.py   P(hard lockup) (and soft, RCU) vs x, old vs new
  plot_irqoff.py     worst interrupts-off stretch vs x, with the detector windows
  plot_threshold.py  critical list length vs x (only with thresholds.csv)
  plot_teardown.py   teardown time and the paired old/new ratio vs x
Exit status: 0 success, 2 a directory without a readable summary.csv.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import plot_irqoff  # noqa: E402
import plot_p_lockup  # noqa: E402
import plot_teardown  # noqa: E402
import plot_threshold  # noqa: E402
import twsim_results  # noqa: E402

FIGURES = [plot_p_lockup, plot_irqoff, plot_threshold, plot_teardown]


def main(argv: list, figures=None) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if not argv:
        print("usage: scripts/plot.sh RESULTS_DIR [RESULTS_DIR...]", file=sys.stderr)
        return 2
    status = 0
    for directory in argv:
        try:
            res = twsim_results.Results(directory)
        except OSError as e:
            print(f"twsim: error: {directory}: cannot read summary.csv: "
                  f"{e.strerror or e}; run `twsim run` first", file=sys.stderr)
            status = 2
            continue
        if not res.rows:
            print(f"twsim: warning: {directory}/summary.csv: no rows; nothing to plot",
                  file=sys.stderr)
            continue
        for figure in figures or FIGURES:
            for path in figure.plot(res):
                print(path)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
