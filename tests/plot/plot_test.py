"""Tests for plot/: scripts/plot.sh on small synthetic result directories.

Given directories shaped like `twsim run` output (a sweep, one point, one
algorithm, string-valued sweeps, missing optional files, empty cells), then
scripts/plot.sh writes the expected non-empty PNGs and exits 0; given a
directory without summary.csv, it says so in one line and exits 2. The heat map
(plot_heatmap.py) and the CCDF (plot_ccdf.py) are also checked value by value
against hand calculations, in the interpreter scripts/plot.sh would pick.

Needs only the standard library itself; scripts/plot.sh finds an interpreter
with matplotlib. Run: python3 tests/plot/plot_test.py [--keep DIR]
(--keep writes the directories under DIR and leaves them there to look at).
"""

import csv
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLOT_SH = os.path.join(ROOT, "scripts", "plot.sh")
PLOT_DIR = os.path.join(ROOT, "plot")
METRICS = ["teardown_ns", "max_irqoff_ns", "max_irqoff_wait_ns", "max_lock_wait_ns",
           "lock_acquisitions", "contended_acquisitions", "nodes_visited",
           "cancel_hold_p50_ns", "cancel_hold_p99_ns", "cancel_hold_max_ns",
           "hard_lockups", "soft_lockups", "rcu_stalls"]
DETECTORS = ["hard", "soft", "rcu", "any"]
KEEP = None  # set by --keep


def col(key):
    """A swept key's CSV column, as sim/io/csv_point_columns.h names it."""
    return key.replace(".", "_")


POINT_COLUMNS = ["experiment", "seed", "config_hash", "point"]


def summary_row(point, params, algorithm, irqoff_s, p_hard, p_soft=0.0, n=20, ratio=5.0):
    """One point and algorithm of summary.csv, wide (write_summary makes it tidy):
    metric M as M, M_lo, M_hi, M_min, M_max; params: {swept key: cell text}."""
    row = {"point": point, "algorithm": algorithm, "n": n, "ratio": ratio, **params}
    for m in METRICS:
        v = irqoff_s * 1e9 if m == "max_irqoff_ns" else irqoff_s * 4e9
        row.update({m: v, m + "_lo": v * 0.9, m + "_hi": v * 1.1, m + "_min": int(v * 0.8),
                    m + "_max": int(v * 1.2)})
    for d, p in [("hard", p_hard), ("soft", p_soft), ("rcu", 0.0),
                 ("any", max(p_hard, p_soft)), ("complete", 1.0)]:
        row.update({"p_" + d: p, f"p_{d}_lo": max(0, p - 0.15), f"p_{d}_hi": min(1, p + 0.15)})
    return row


def write_summary(path, swept, rows, extra=()):
    """summary.csv in twsim's tidy form from summary_row() rows, and ratios.csv
    beside it (old/new teardown and worst stretch, from each point's first row
    with a ratio)."""
    ident = {"experiment": "synthetic", "seed": 1, "config_hash": "0123456789abcdef"}
    tidy = []
    for r in rows:
        base = {**ident, "point": r["point"], "algorithm": r["algorithm"], "n": r["n"],
                **{col(k): r.get(k, "") for k in swept}}
        for m in METRICS:
            tidy.append({**base, "metric": m, "mean": r[m], "lo": r[m + "_lo"],
                         "hi": r[m + "_hi"], "min": r[m + "_min"], "max": r[m + "_max"]})
        for d in DETECTORS + ["complete"]:
            tidy.append({**base, "metric": "p_" + d, "mean": r["p_" + d],
                         "lo": r[f"p_{d}_lo"], "hi": r[f"p_{d}_hi"]})
        tidy.append({**base, "metric": "hard_window_ns", "lo": 6000000000,
                     "hi": 20000000000, "margin": "possible"})
    point_cols = POINT_COLUMNS + [col(k) for k in swept]
    write_csv(path, point_cols + ["algorithm", "metric", "n", "mean", "lo", "hi", "min", "max",
                                  "margin"] + list(extra), tidy)
    ratios, seen = [], set()
    for r in rows:
        if r.get("ratio") is None or r["point"] in seen:
            continue
        seen.add(r["point"])
        for m in ["teardown_ns", "max_irqoff_ns"]:
            v = r["ratio"]
            ratios.append({**ident, "point": r["point"], **{col(k): r.get(k, "") for k in swept},
                           "metric": m, "numerator": "old", "denominator": "new",
                           "pairs": r["n"], "ratio": v, "lo": v * 0.9, "hi": v * 1.1})
    write_csv(os.path.join(os.path.dirname(path), "ratios.csv"),
              point_cols + ["metric", "numerator", "denominator", "pairs", "ratio", "lo", "hi"],
              ratios)


def write_csv(path, columns, rows):
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, restval="", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def results_json(path, name, thresh=10, detector="perf"):
    config = {"name": name, "description": "synthetic",
              "kernel": {"watchdog_thresh_s": thresh, "hardlockup_detector": detector,
                         "softlockup_detector": True, "rcu_stall_timeout_s": 21}}
    with open(path, "w") as f:
        json.dump({"name": name, "config": config, "points": [], "swept": []}, f)


def png_size(path):
    """(width, height) from the PNG header; fails the test if it is not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    return struct.unpack(">II", head[16:24])


def plot_python():
    """The interpreter scripts/plot.sh runs: the first of $PYTHON, /usr/bin/python3,
    python3 that has matplotlib."""
    for py in [os.environ.get("PYTHON"), "/usr/bin/python3", "python3"]:
        if py and subprocess.run([py, "-c", "import matplotlib"],
                                 capture_output=True).returncode == 0:
            return py
    raise unittest.SkipTest("no python3 with matplotlib")


def in_plot_python(code: str):
    """Runs code (with plot/ importable) in plot_python(); returns what it
    printed as JSON."""
    p = subprocess.run([plot_python(), "-c", f"import sys; sys.path.insert(0, {PLOT_DIR!r})\n"
                        + code], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def trace_event(**fields):
    return json.dumps(fields, separators=(",", ":"))


def write_trace(path, processes, title="tiny, point 0, replication 0", notes=None):
    """A trace as sim/cli/chrome_trace.cc writes it: one event per line.
    processes: [(algorithm, [(cat, cpu, start_ms, end_ms)], [(cpu, at_ms, report line)])]."""
    other = {"title": title, **{f"note_{a}": n for a, n in (notes or {}).items()}}
    events = []
    for pid, (algorithm, spans, reports) in enumerate(processes, start=1):
        events.append(trace_event(ph="M", name="process_name", pid=pid,
                                  args={"name": f"{algorithm} teardown"}))
        for cpu in sorted({c for _, c, _, _ in spans}):
            events.append(trace_event(ph="M", name="thread_name", pid=pid, tid=cpu,
                                      args={"name": f"CPU {cpu}"}))
        for cat, cpu, a, b in spans:
            events.append(trace_event(ph="X", name=cat, cat=cat, pid=pid, tid=cpu,
                                      ts=a * 1000, dur=(b - a) * 1000))
        for cpu, at, line in reports:
            events.append(trace_event(ph="i", s="t", name=line, cat="report", pid=pid, tid=cpu,
                                      ts=at * 1000))
        # A watchdog tick long after the run: not part of the heat map's time range.
        events.append(trace_event(ph="i", s="t", name="hrtimer", cat="watchdog", pid=pid,
                                  tid=0, ts=20 * 1000))
    with open(path, "w") as f:
        f.write(json.dumps({"displayTimeUnit": "ns", "otherData": other})[:-1]
                + ',"traceEvents":[\n' + ",\n".join(events) + "\n]}\n")


# Hand-worked trace: bins of 4 ms over [0, 8 ms] (the last span ends at 8 ms).
HAND_TRACE = [
    ("old", [("irqoff", 0, 0, 3),          # CPU 0: 3 of the first 4 ms -> 0.75
             ("spin", 0, 5, 6), ("hold", 0, 5, 6),  # not interrupts-off spans -> 0
             ("irqoff", 1, 4, 5), ("irqoff", 1, 4.5, 5.5),  # overlap: 1.5 ms
             ("irqoff", 1, 7.5, 8),        # + 0.5 ms: 2 of 4 ms -> 0.5
             ("irqoff", 2, 3, 5)],         # across the edge: 1 ms each side -> 0.25, 0.25
     [(1, 6, "[    0.006000] watchdog: CPU1: Watchdog detected hard LOCKUP on cpu 1")]),
    ("single-pass", [("irqoff", 2, 1, 2)], []),  # 1 of 4 ms -> 0.25
    ("new", [("irqoff", 0, 6, 7)], []),
]
HAND_MATRICES = {"old": [[0.75, 0.0], [0.0, 0.5], [0.25, 0.25]],
                 "single-pass": [[0.0, 0.0], [0.0, 0.0], [0.25, 0.0]],
                 "new": [[0.0, 0.25], [0.0, 0.0], [0.0, 0.0]]}


def ccdf_edges(n):
    """The CSV's bin edges: 10 per decade from 100 ns."""
    return [100 * 10 ** (i / 10) for i in range(n)]


def ccdf_rows(point, params, algorithm, counts):
    """Rows of irqoff_ccdf.csv from stretches at least each edge long (counts[0]
    is every stretch), ending after the first edge with none."""
    rows = []
    for edge, n in zip(ccdf_edges(len(counts)), counts):
        rows.append({"point": point, **{col(k): v for k, v in params.items()},
                     "algorithm": algorithm,
                     "stretch_ns": f"{edge:.6g}", "stretches": n, "ccdf": n / counts[0]})
        if n == 0:
            break
    return rows


FILE_CCDF = "irqoff_ccdf.csv"


def CCDF_COLUMNS(swept):
    return POINT_COLUMNS + [col(k) for k in swept] + ["algorithm", "stretch_ns", "stretches",
                                                      "ccdf"]


CCDF_COUNTS = {"old": [1000, 900, 800, 500, 300, 100, 50, 10, 2, 1, 0],
               "single-pass": [1000, 900, 800, 500, 300, 100, 40, 5, 0],
               "exit-test": [800, 400, 100, 10, 1, 0],
               "new": [800, 300, 50, 0]}


class PlotTest(unittest.TestCase):
    def setUp(self):
        if KEEP:
            self.root = os.path.join(KEEP, self.id().rsplit(".", 1)[-1])
            os.makedirs(self.root, exist_ok=True)
        else:
            self._tmp = tempfile.TemporaryDirectory()
            self.root = self._tmp.name
            self.addCleanup(self._tmp.cleanup)

    def make_dir(self, name):
        d = os.path.join(self.root, name)
        os.makedirs(d, exist_ok=True)
        return d

    def plot(self, *dirs, rc=0):
        p = subprocess.run([PLOT_SH, *dirs], capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, rc, p.stderr)
        return p

    def assert_pngs(self, directory, names, stdout):
        printed = sorted(os.path.basename(l) for l in stdout.split())
        self.assertEqual(printed, sorted(names))
        for n in names:
            w, h = png_size(os.path.join(directory, n))
            self.assertGreater(w, 200, n)
            self.assertGreater(h, 200, n)
        leftovers = [f for f in os.listdir(directory) if f.endswith(".tmp.png")]
        self.assertEqual(leftovers, [])

    def test_sweep_with_groups_thresholds_and_unknown_columns(self):
        # Given: cpus (numeric) x preempt (JSON strings), soft lockups, an unknown
        # column, one empty CI cell. Then: all four figures, x = machine.cpus.
        d = self.make_dir("sweep")
        swept = ["machine.cpus", "kernel.preempt"]
        rows, point = [], 0
        for cpus in [16, 64, 256, 1024]:
            for preempt in ['"lazy"', '"none"']:
                params = {"machine.cpus": cpus, "kernel.preempt": preempt}
                p = min(1.0, cpus / (800 if preempt == '"none"' else 1600))
                rows.append(summary_row(point, params, "old", cpus * 0.02 * (p + 0.5), p,
                                        p_soft=p / 2 if preempt == '"none"' else 0))
                rows.append(summary_row(point, params, "new", 0.5, 0.0))
                point += 1
        rows[3]["max_irqoff_ns_lo"] = ""
        rows[2]["max_irqoff_ns_lo"] = -1e9  # a Student-t bound below 0 on a log axis
        rows[5]["teardown_ns"] = "nan"
        write_summary(os.path.join(d, "summary.csv"), swept, rows, extra=["future_col"])
        results_json(os.path.join(d, "results.json"), "sweep")
        t_cols = ["point"] + swept + ["algorithm", "param", "target", "threshold",
                                      "threshold_lo", "threshold_hi", "probes"]
        t_rows = []
        for r in rows:
            base = {k: r[k] for k in ["point", "algorithm"] + swept}
            v = 4e7 / int(r["machine.cpus"]) if r["algorithm"] == "old" else ""
            t_rows.append({**base, "param": "task_work.unrelated", "target": 0.5,
                           "threshold": v, "threshold_lo": v and v * 0.8,
                           "threshold_hi": v and v * 1.2})
        write_csv(os.path.join(d, "thresholds.csv"), t_cols, t_rows)
        p = self.plot(d)
        self.assert_pngs(d, ["p_lockup_vs_cpus.png", "max_irqoff_vs_cpus.png",
                             "teardown_vs_cpus.png", "critical_unrelated_vs_cpus.png"],
                         p.stdout)

    def test_one_point_one_algorithm_no_optional_files(self):
        # Given: no swept keys, one point, "old" only, n = 1 (empty CI cells), empty
        # ratios, no results.json. Then: figures by point, exit 0.
        d = self.make_dir("one_point")
        row = summary_row(0, {}, "old", 3.0, 0.0, n=1, ratio=None)
        for m in METRICS:
            row[m + "_lo"] = row[m + "_hi"] = ""
        write_summary(os.path.join(d, "summary.csv"), [], [row])
        p = self.plot(d)
        self.assert_pngs(d, ["p_lockup_by_point.png", "max_irqoff_by_point.png",
                             "teardown_by_point.png"], p.stdout)

    def test_single_numeric_point_and_broken_optional_files(self):
        # Given: one swept value (does not vary), a results.json that is not JSON,
        # a thresholds.csv with a header only. Then: figures by point, exit 0.
        d = self.make_dir("single_value")
        rows = [summary_row(0, {"machine.cpus": 192}, a, 7.0, 0.4) for a in ("old", "new")]
        write_summary(os.path.join(d, "summary.csv"), ["machine.cpus"], rows)
        with open(os.path.join(d, "results.json"), "w") as f:
            f.write("{ not json")
        write_csv(os.path.join(d, "thresholds.csv"),
                  ["point", "machine.cpus", "algorithm", "param", "target", "threshold",
                   "threshold_lo", "threshold_hi"], [])
        p = self.plot(d)
        self.assert_pngs(d, ["p_lockup_by_point.png", "max_irqoff_by_point.png",
                             "teardown_by_point.png"], p.stdout)

    def test_only_string_sweep_and_thresholds_never_found(self):
        # Given: a string-valued sweep beside a constant number, a buddy detector,
        # thresholds all empty (not found). Then: category x axis, no crash.
        d = self.make_dir("strings")
        swept = ["task_work.create_layout", "machine.cpus"]
        rows, t_rows = [], []
        for i, layout in enumerate(["uniform", "head", "tail"]):
            params = {"task_work.create_layout": layout, "machine.cpus": 64}
            for a in ("old", "new"):
                rows.append(summary_row(i, params, a, 2.0 + i, 0.1 * i))
                t_rows.append({"point": i, **params, "algorithm": a,
                               "param": "task_work.unrelated", "target": 0.5})
        write_summary(os.path.join(d, "summary.csv"), swept, rows)
        write_csv(os.path.join(d, "thresholds.csv"),
                  ["point"] + swept + ["algorithm", "param", "target", "threshold",
                                       "threshold_lo", "threshold_hi"], t_rows)
        results_json(os.path.join(d, "results.json"), "strings", thresh=5, detector="buddy")
        p = self.plot(d)
        self.assert_pngs(d, ["p_lockup_by_point.png", "max_irqoff_by_point.png",
                             "teardown_by_point.png", "critical_unrelated_by_point.png"],
                         p.stdout)

    def test_zero_values_on_log_axes_and_several_dirs(self):
        # Given: irqoff and teardown all 0 (nothing to draw on a log axis) in one
        # directory, a zipped sweep in another. Then: both plotted in one call.
        d1, d2 = self.make_dir("zeros"), self.make_dir("other")
        rows = [summary_row(i, {"machine.cpus": c}, a, 0.0, 0.0)
                for i, c in enumerate([1, 2]) for a in ("old", "new")]
        write_summary(os.path.join(d1, "summary.csv"), ["machine.cpus"], rows)
        zipped = ["machine.cpus", "io_wq.workers"]  # a sweep.zip: one line per algorithm
        rows = [summary_row(i, {"machine.cpus": c, "io_wq.workers": 4 * c}, a, 0.1 * c, 0.0)
                for i, c in enumerate([8, 16, 32]) for a in ("old", "new")]
        write_summary(os.path.join(d2, "summary.csv"), zipped, rows)
        p = self.plot(d1, d2)
        names = ["p_lockup_vs_cpus.png", "max_irqoff_vs_cpus.png", "teardown_vs_cpus.png"]
        self.assertEqual(len(p.stdout.split()), 6)
        self.assert_pngs(d1, names, "\n".join(l for l in p.stdout.split() if d1 in l))
        self.assert_pngs(d2, names, "\n".join(l for l in p.stdout.split() if d2 in l))

    def critical_dir(self, name, resolved=("1", "1", "1")):
        """A cpus sweep with thresholds.csv for task_work.unrelated (old only)."""
        d = self.make_dir(name)
        swept = ["machine.cpus"]
        rows, t_rows = [], []
        for i, cpus in enumerate([64, 192, 512]):
            rows.append(summary_row(i, {"machine.cpus": cpus}, "old", 1.0, 0.5))
            v = 1.7e7 / cpus
            t_rows.append({"point": i, "machine.cpus": cpus, "algorithm": "old",
                           "param": "task_work.unrelated", "detector": "hard", "target": 0.5,
                           "threshold": v, "threshold_lo": "" if resolved[i] == "0" else v * 0.9,
                           "threshold_hi": v * 1.1, "probes": 18, "note": "",
                           "resolved": resolved[i],
                           "replications_needed": "73" if resolved[i] == "0" else ""})
        write_summary(os.path.join(d, "summary.csv"), swept, rows)
        write_csv(os.path.join(d, "thresholds.csv"),
                  ["point"] + swept + ["algorithm", "param", "detector", "target", "threshold",
                                       "threshold_lo", "threshold_hi", "probes", "note",
                                       "resolved", "replications_needed"], t_rows)
        return d

    def critical_png(self, d, *marks, rc=0):
        p = subprocess.run([PLOT_SH, *marks, d], capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, rc, p.stderr)
        with open(os.path.join(d, "critical_unrelated_vs_cpus.png"), "rb") as f:
            return f.read(), p

    def test_mark_draws_an_operating_point_on_the_critical_plot(self):
        # Given: the same thresholds plotted without and with an operating point
        # (192 CPUs, 50,000 nodes), and with only the searched key (a line).
        # Then: each mark changes the picture, and no warning is printed.
        d = self.critical_dir("mark", resolved=("1", "0", "1"))
        plain, _ = self.critical_png(d)
        star, p = self.critical_png(d, "--mark", "machine.cpus=192",
                                    "--mark=task_work.unrelated=50000")
        self.assertEqual(p.stderr, "")
        line, _ = self.critical_png(d, "--mark", "task_work.unrelated=50000")
        self.assertNotEqual(plain, star)
        self.assertNotEqual(plain, line)
        self.assertNotEqual(star, line)
        png_size(os.path.join(d, "critical_unrelated_vs_cpus.png"))

    def test_bad_or_unused_mark(self):
        # Given: a mark that is not KEY=NUMBER. Then: one error line, exit 2.
        # Given: a mark of a key no critical plot shows. Then: drawn anyway, one warning.
        d = self.critical_dir("badmark")
        for bad in (["--mark", "task_work.unrelated"], ["--mark", "cpus=lots"], ["--mark"]):
            p = subprocess.run([PLOT_SH, *bad, d], capture_output=True, text=True, timeout=300)
            self.assertEqual(p.returncode, 2, bad)
            self.assertEqual(p.stdout, "")
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertIn("twsim: error: --mark", p.stderr)
        _, p = self.critical_png(d, "--mark", "io_wq.workers=768")
        self.assertIn("twsim: warning:", p.stderr)
        self.assertIn("nothing marked", p.stderr)

    def test_tornado_from_sensitivity_csv_alone(self):
        # Given: a sensitivity.csv (base, a low/high input, a choice, a held
        # value, a zero stretch for the log axis) and no summary.csv. Then:
        # tornado.png only, exit 0.
        d = self.make_dir("sensitivity")
        cols = ["point", "input", "key", "side", "value", "clamped", "algorithm", "n", "p_hard",
                "p_hard_lo", "p_hard_hi", "max_irqoff_mean_ns", "max_irqoff_max_ns",
                "watchdog_thresh_s", "hardlockup_detector"]
        variants = [("base", "", "base", "", 0, 0.96, 7.68e9),
                    ("list length at exit", "task_work.unrelated", "low", "50000", 0, 0.0, 3.84e9),
                    ("list length at exit", "task_work.unrelated", "high", "200000", 0, 1.0, 15.4e9),
                    ("exit path", "io_wq.exit", "alt", "thread", 0, 0.96, 7.68e9),
                    ("live create_works", "io_wq.pending_create", "high", "3", 1, 0.96, 7.68e9),
                    ("drain before cancel", "task_work.drain_us", "alt", "50", 0, 0.0, 0.0)]
        rows = []
        for input_, key, side, val, held, p, stretch in variants:
            for a, scale in (("old", 1.0), ("new", 0.0)):
                rows.append({"point": 0, "input": input_, "key": key, "side": side,
                             "value": val, "clamped": held, "algorithm": a, "n": 20,
                             "p_hard": p * scale, "p_hard_lo": 0, "p_hard_hi": 1,
                             "max_irqoff_mean_ns": stretch * (scale or 0.01),
                             "max_irqoff_max_ns": stretch, "watchdog_thresh_s": 10,
                             "hardlockup_detector": "perf"})
        write_csv(os.path.join(d, "sensitivity.csv"), cols, rows)
        p = self.plot(d)
        self.assert_pngs(d, ["tornado.png"], p.stdout)

    def test_heatmap_matrix_by_hand(self):
        # Given: the hand-worked trace (three algorithms, overlapping spans, a span
        # across a bin edge, spin/hold spans, a late watchdog tick), read whole and
        # in 7-byte chunks. Then: 2 bins of 4 ms and the fractions worked by hand.
        path = os.path.join(self.root, "hand.json")
        write_trace(path, HAND_TRACE, notes={"old": "5 spans no longer than 100 ns left out"})
        got = in_plot_python(f"""
import json, numpy as np, plot_heatmap as h
out = {{}}
for chunk in (1 << 20, 7):
    h.CHUNK = chunk
    t = h.read_trace({path!r})
    cpus = sorted(t.cpus)
    edges = np.linspace(t.start_ns, t.end_ns, 3)
    out[chunk] = {{"range": [t.start_ns, t.end_ns], "cpus": cpus, "title": t.title,
                  "notes": t.notes, "reports": t.reports,
                  "m": {{a: h.irqoff_matrix(t, pid, cpus, edges).tolist()
                        for pid, a in t.algorithms()}}}}
print(json.dumps(out))
""")
        self.assertEqual(got[str(1 << 20)], got["7"])
        got = got["7"]
        self.assertEqual(got["range"], [0, 8_000_000])
        self.assertEqual(got["cpus"], [0, 1, 2])
        self.assertEqual(got["title"], "tiny, point 0, replication 0")
        self.assertEqual(got["notes"], {"old": "5 spans no longer than 100 ns left out"})
        self.assertEqual(got["reports"], [[1, 1, 6_000_000, 0]])  # pid 1, CPU 1, hard LOCKUP
        self.assertEqual(list(got["m"]), ["old", "single-pass", "new"])
        for algorithm, want in HAND_MATRICES.items():
            for row, want_row in zip(got["m"][algorithm], want):
                for v, w in zip(row, want_row):
                    self.assertAlmostEqual(v, w, places=12, msg=algorithm)

    def test_heatmap_rows_are_the_cpus_the_tracks_name(self):
        # Given: tracks with twsim's unique tids (pid x 10^6 + 1 + cpu), named
        # "CPU 5" and "CPU 7", interrupts off 1 of 2 ms on CPU 7. Then: rows are
        # CPUs 5 and 7, not the tids, and CPU 7's one bin is 0.5.
        path = os.path.join(self.root, "tids.json")
        events = [
            {"ph": "M", "name": "process_name", "pid": 1, "args": {"name": "old teardown"}},
            {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1000006, "args": {"name": "CPU 5"}},
            {"ph": "M", "name": "thread_name", "pid": 1, "tid": 1000008, "args": {"name": "CPU 7"}},
            {"ph": "X", "name": "interrupts off", "cat": "irqoff", "pid": 1, "tid": 1000008,
             "ts": 1000.0, "dur": 1000.0},
            {"ph": "i", "name": "x", "cat": "other", "pid": 1, "tid": 1000006, "ts": 0.0},
        ]
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"traceEvents": events}, f)
        got = in_plot_python(f"""
import json, numpy as np, plot_heatmap as h
t = h.read_trace({path!r})
cpus = sorted(t.cpus)
print(json.dumps({{"cpus": cpus, "m": h.irqoff_matrix(t, 1, cpus, [0, 2_000_000]).tolist()}}))
""")
        self.assertEqual(got["cpus"], [5, 7])
        self.assertEqual(got["m"], [[0.0], [0.5]])

    def test_heatmap_groups_many_cpus_by_their_busiest(self):
        # Given: 5 rows in groups of 2. Then: the max of each pair, the odd one alone.
        got = in_plot_python("""
import json, numpy as np, plot_heatmap as h
m = np.array([[0.1, 0.0], [0.3, 0.2], [0.0, 0.9], [0.5, 0.5], [0.7, 0.0]])
print(json.dumps(h.group_rows(m, 2).tolist()))
""")
        self.assertEqual(got, [[0.3, 0.2], [0.5, 0.9], [0.7, 0.0]])

    def heatmap_cli(self, *args):
        return subprocess.run([plot_python(), os.path.join(PLOT_DIR, "plot_heatmap.py"), *args],
                              capture_output=True, text=True, timeout=300)

    def test_heatmap_standalone_and_from_plot_sh(self):
        # Given: the hand trace, standalone with -o and --bins. Then: that PNG.
        # Given: a result directory holding it as trace.json (beside results.json,
        # which is no trace). Then: plot.sh draws trace_heatmap.png with the rest.
        path = os.path.join(self.root, "hand.json")
        write_trace(path, HAND_TRACE)
        out = os.path.join(self.root, "heat.png")
        p = self.heatmap_cli(path, "-o", out, "--bins", "50")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip(), out)
        self.assertGreater(png_size(out)[0], 200)
        d = self.make_dir("with_trace")
        rows = [summary_row(0, {}, a, 1.0, 0.0) for a in ("old", "single-pass", "new")]
        write_summary(os.path.join(d, "summary.csv"), [], rows)
        results_json(os.path.join(d, "results.json"), "with_trace")
        write_trace(os.path.join(d, "trace.json"), HAND_TRACE)
        p = self.plot(d)
        self.assert_pngs(d, ["p_lockup_by_point.png", "max_irqoff_by_point.png",
                             "teardown_by_point.png", "trace_heatmap.png"], p.stdout)

    def test_heatmap_bad_input_is_one_line_and_exit_2(self):
        # Given: a missing file, JSON without traceEvents, a null time, a trace cut
        # short, a bad --bins. Then: one error line naming the file or option, exit 2.
        not_trace = os.path.join(self.root, "results.json")
        results_json(not_trace, "x")
        cut = os.path.join(self.root, "cut.json")
        write_trace(cut, HAND_TRACE)
        with open(cut, "r+") as f:
            f.truncate(os.path.getsize(cut) - 40)
        bad_ts = os.path.join(self.root, "bad_ts.json")
        with open(bad_ts, "w") as f:
            f.write('{"traceEvents":[{"ph":"X","cat":"irqoff","pid":1,"tid":0,"ts":null}]}')
        missing = os.path.join(self.root, "missing.json")
        cases = [([missing], missing), ([not_trace], "no traceEvents"),
                 ([bad_ts], "not a finite number: None"),
                 ([cut], "cut.json"), ([cut, "--bins", "0"], "--bins"),
                 ([cut, "-o"], "-o needs a value")]
        for args, expect in cases:
            p = self.heatmap_cli(*args)
            self.assertEqual(p.returncode, 2, args)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertIn("twsim: error: plot_heatmap:", p.stderr)
            self.assertIn(expect, p.stderr)

    def test_ccdf_lines_by_hand(self):
        # Given: one point's rows for four algorithms. Then: each line at the
        # CSV's edges in seconds with ccdf > 0 (the last, empty edge has no log
        # place), labelled with its total (stretches / ccdf at the first edge).
        d = self.make_dir("ccdf_lines")
        rows = [r for a, counts in CCDF_COUNTS.items()
                for r in ccdf_rows(0, {"machine.cpus": 192}, a, counts)]
        write_csv(os.path.join(d, FILE_CCDF), CCDF_COLUMNS(["machine.cpus"]), rows)
        got = in_plot_python(f"""
import json, plot_ccdf, twsim_results as tr
points = plot_ccdf.read({d!r})
fig, axes = tr.figure()
plot_ccdf.panel(axes[0], points[0][1], tr.windows([{{}}]))
print(json.dumps({{"points": list(points),
                  "lines": [[l.get_label(), [float(v) for v in l.get_xdata()],
                             [float(v) for v in l.get_ydata()]]
                            for l in axes[0].get_lines() if not l.get_label().startswith("_")]}}))
""")
        self.assertEqual(got["points"], [0])
        lines = {label.split(" (")[0]: (label, xs, ys) for label, xs, ys in got["lines"]}
        for a, counts in CCDF_COUNTS.items():
            label, xs, ys = lines[a]
            self.assertEqual(label, f"{a} ({counts[0]:,} stretches)")
            n = counts.index(0)
            self.assertEqual(len(xs), n)
            for x, edge in zip(xs, ccdf_edges(n)):
                self.assertAlmostEqual(x / (edge * 1e-9), 1.0, places=5)
            for y, c in zip(ys, counts):
                self.assertAlmostEqual(y, c / counts[0])
        # The default kernel (thresh 10 s, perf): never below 6 s, always above 20 s,
        # soft lockup at 20 * 2^30 ns, no RCU line without the key.
        windows = sorted(l for l in lines if "lockup" in l)
        self.assertEqual(windows, ["perf NMI hard lockup: always above 20 s",
                                   "perf NMI hard lockup: never below 6 s",
                                   f"soft lockup at re-enable: about {20 * 2**30 / 1e9:.3g} s"])

    def test_ccdf_drawn_by_plot_sh_and_many_points_capped(self):
        # Given: 20 points. Then: irqoff_ccdf.png beside the others, 9 panels:
        # points round(i * 19 / 8), i = 0..8 (hand-computed below).
        d = self.make_dir("ccdf_many")
        swept = ["machine.cpus"]
        rows, summary = [], []
        for point in range(20):
            params = {"machine.cpus": 16 * (point + 1)}
            for a, counts in CCDF_COUNTS.items():
                rows += ccdf_rows(point, params, a, counts)
                summary.append(summary_row(point, params, a, 1.0, 0.1))
        write_csv(os.path.join(d, FILE_CCDF), CCDF_COLUMNS(swept), rows)
        write_summary(os.path.join(d, "summary.csv"), swept, summary)
        results_json(os.path.join(d, "results.json"), "ccdf_many")
        p = self.plot(d)
        self.assert_pngs(d, ["p_lockup_vs_cpus.png", "max_irqoff_vs_cpus.png",
                             "teardown_vs_cpus.png", "irqoff_ccdf.png"], p.stdout)
        got = in_plot_python("import json, plot_ccdf\n"
                             "print(json.dumps(plot_ccdf.drawn_points(list(range(20)))))")
        self.assertEqual(got, [0, 2, 5, 7, 10, 12, 14, 17, 19])

    def phase_dir(self, name):
        """A 4 x 4 grid machine.cpus x task_work.unrelated, old and new. The old
        teardown's worst stretch is cpus x nodes x 10 ns (the queue of walkers), so
        it crosses 6 s (perf NMI never below, docs/kernel-facts.md §4.6) and 20 s;
        P(hard) is 1 from 20 s, 0.5 from 6 s, else 0. The old runs of the top right
        cell (512 CPUs, 8e6 nodes) were cut off at the horizon."""
        d = self.make_dir(name)
        swept = ["machine.cpus", "task_work.unrelated"]
        rows, point = [], 0
        for cpus in [64, 128, 256, 512]:
            for nodes in [1e6, 2e6, 4e6, 8e6]:
                params = {"machine.cpus": cpus, "task_work.unrelated": int(nodes)}
                stretch = cpus * nodes * 10e-9
                p = 1.0 if stretch >= 20 else 0.5 if stretch >= 6 else 0.0
                old = summary_row(point, params, "old", stretch, p)
                if cpus == 512 and nodes == 8e6:
                    old["p_complete"] = 0.0
                rows += [old, summary_row(point, params, "new", 0.04, 0.0)]
                point += 1
        write_summary(os.path.join(d, "summary.csv"), swept, rows)
        results_json(os.path.join(d, "results.json"), name)
        return d

    def test_two_key_grid_is_drawn_as_heat_maps(self):
        # Given: a 4 x 4 grid. Then: phase_cpus_unrelated.png instead of the
        # P(hard) and worst-stretch line plots, teardown (one line per
        # algorithm would still be 8 lines, but its ratio panel reads) beside it.
        d = self.phase_dir("phase")
        p = self.plot(d)
        self.assert_pngs(d, ["phase_cpus_unrelated.png", "teardown_vs_cpus.png"], p.stdout)
        # The matrices, hand-worked from phase_dir: rows are node counts (1e6 up),
        # columns CPU counts; stretch 64 x 1e6 x 10 ns = 0.64 s ... 512 x 8e6 = 40.96 s.
        got = in_plot_python(f"""
import json, plot_phase, twsim_results as tr
res = tr.Results({d!r})
x, y = plot_phase.grid_keys(res.rows, res.swept)
xs = sorted({{tr.value(r.get(x)) for r in res.rows}})
ys = sorted({{tr.value(r.get(y)) for r in res.rows}})
old = [r for r in res.rows if r["algorithm"] == "old"]
p, cut = plot_phase.matrix(old, x, y, xs, ys, "p_hard", 1.0)
s, _ = plot_phase.matrix(old, x, y, xs, ys, "max_irqoff_ns", 1e-9)
ax = tr.plt.figure().gca()
handles = plot_phase.window_contours(ax, s, tr.windows(res.scenarios()))
print(json.dumps([x, y, p.tolist(), cut.tolist(), [t for _, t in handles]]))
""")
        self.assertEqual(got[:2], ["machine.cpus", "task_work.unrelated"])
        # 1e6 nodes: 0.64, 1.28, 2.56, 5.12 s (all under 6 s); 2e6: ..., 10.24 s;
        # 4e6: ..., 10.24, 20.48 s; 8e6: 5.12, 10.24, 20.48, 40.96 s.
        self.assertEqual(got[2], [[0, 0, 0, 0], [0, 0, 0, 0.5], [0, 0, 0.5, 1], [0, 0.5, 1, 1]])
        self.assertEqual(got[3], [[False] * 4] * 3 + [[False, False, False, True]])
        self.assertEqual(got[4], ["perf NMI hard lockup: worst stretch = 6 s (never below)",
                                  "perf NMI hard lockup: worst stretch = 20 s (always above)"])

    def test_grid_with_a_short_key_stays_lines(self):
        # Given: cpus x preempt (two values, strings) as in the sweep test above,
        # and cpus x a numeric key of 3 values. Then: no heat map.
        got = in_plot_python("""
import json, plot_phase
rows = [{"algorithm": "old", "machine.cpus": str(c), "kernel.watchdog_thresh_s": str(t)}
        for c in (16, 32, 64, 128) for t in (5, 10, 20)]
print(json.dumps(plot_phase.grid_keys(rows, ["machine.cpus", "kernel.watchdog_thresh_s"])))
""")
        self.assertIsNone(got)

    def test_zip_label_names_the_series(self):
        # Given: cpus x a zip of two cost keys named production / debug. Then:
        # the series are "old, production" ... (no cost keys), and the category
        # axis of a zip alone names points by label.
        d = self.make_dir("zip_label")
        swept = ["machine.cpus", "costs.node_visit_ns", "costs.unlink_ns", "label"]
        rows, point = [], 0
        for cpus in [64, 128, 192]:
            for visit, unlink, label in [(100, 30, "production"), (400, 100, "debug")]:
                params = {"machine.cpus": cpus, "costs.node_visit_ns": visit,
                          "costs.unlink_ns": unlink, "label": label}
                rows += [summary_row(point, params, a, cpus * visit * 1e-4, 0.0)
                         for a in ("old", "new")]
                point += 1
        write_summary(os.path.join(d, "summary.csv"), swept, rows)
        p = self.plot(d)
        self.assert_pngs(d, ["p_lockup_vs_cpus.png", "max_irqoff_vs_cpus.png",
                             "teardown_vs_cpus.png"], p.stdout)
        got = in_plot_python(f"""
import json, twsim_results as tr
res = tr.Results({d!r})
xaxis = tr.XAxis(res.rows, res.swept)
one = [r for r in res.rows if r["machine.cpus"] == "64"]
print(json.dumps([res.swept, xaxis.key, [s.label for s in tr.make_series(res.rows, xaxis)],
                  list(tr.XAxis(one, res.swept).categories)]))
""")
        self.assertEqual(got[0], swept)  # the CSV's costs_node_visit_ns read back dotted
        self.assertEqual(got[1], "machine.cpus")
        self.assertEqual(got[2], ["old, production", "new, production", "old, debug",
                                  "new, debug"])
        self.assertEqual(got[3], ["production", "debug"])

    def test_identical_series_are_named_and_cut_runs_marked(self):
        # Given: old and new with the same P at every x, and one point of old
        # cut off at the horizon. Then: the second line's legend says whose it
        # repeats, and the cut point carries the lower-bound mark.
        got = in_plot_python("""
import json, twsim_results as tr
rows = [{"point": str(i), "machine.cpus": str(c), "algorithm": a, "p_hard": "0",
         "p_complete": "0.5" if (a, c) == ("old", 32) else "1"}
        for i, c in enumerate((16, 32)) for a in ("old", "new")]
xaxis = tr.XAxis(rows, ["machine.cpus"])
fig, (ax,) = tr.figure()
tr.draw(ax, xaxis, tr.make_series(rows, xaxis), "p_hard")
print(json.dumps(ax.get_legend_handles_labels()[1]))
""")
        self.assertEqual(sorted(got), ["new (same as old)", "old",
                                       "runs cut off at horizon_s (a lower bound)"])

    def test_short_log_axes_label_more_than_a_decade_mark(self):
        # Given: worst stretches of 40 to 120 ms on a log y axis (no decade
        # inside), and 0.3 to 9 s. Then: at least two labelled ticks inside each
        # axis, written as durations or plain numbers, never 10^k.
        got = in_plot_python("""
import json, twsim_results as tr
out = []
for lo, hi in ((0.04, 0.12), (0.3, 9.0)):
    fig, (ax,) = tr.figure()
    tr.log_y(ax)
    ax.plot([1, 2], [lo, hi], label="x")
    tr.finish(ax, 2)
    fig.canvas.draw()
    y0, y1 = ax.get_ylim()
    out.append([t.get_text() for t in ax.get_yticklabels()
                if t.get_text() and y0 <= t.get_position()[1] <= y1])
print(json.dumps(out))
""")
        for labels in got:
            self.assertGreaterEqual(len(labels), 2, labels)
            for text in labels:
                self.assertNotIn("$", text)
                float(text)  # a plain number
        self.assertIn("0.05", got[0])
        self.assertIn("0.1", got[0])

    def test_a_new_run_replaces_the_plots_of_the_old_one(self):
        # Given: a directory with plots of an earlier sweep over workers, a
        # phase map, a heat map of a trace since deleted, and the user's own
        # PNGs. Then: twsim's stale names are gone, the user's files are kept.
        d = self.make_dir("stale")
        rows = [summary_row(i, {"machine.cpus": c}, a, 1.0, 0.1)
                for i, c in enumerate([16, 64]) for a in ("old", "new")]
        write_summary(os.path.join(d, "summary.csv"), ["machine.cpus"], rows)
        stale = ["p_lockup_vs_workers.png", "max_irqoff_by_point.png", "phase_cpus_unrelated.png",
                 "trace_heatmap.png", "critical_unrelated_vs_workers.png", "tornado.png",
                 "irqoff_ccdf.png"]
        mine = ["my_notes.png", "p_lockup.png", "teardown_vs_cpus.png.bak", "phase.txt"]
        for name in stale + mine:
            with open(os.path.join(d, name), "wb") as f:
                f.write(b"old")
        p = self.plot(d)
        drawn = ["p_lockup_vs_cpus.png", "max_irqoff_vs_cpus.png", "teardown_vs_cpus.png"]
        self.assert_pngs(d, drawn, p.stdout)
        self.assertEqual(sorted(os.listdir(d)),
                         sorted(drawn + mine + ["summary.csv", "ratios.csv"]))

    def test_missing_summary_is_one_line_and_exit_2(self):
        # Given: a directory without summary.csv. Then: one error line, exit 2.
        d = self.make_dir("empty")
        p = self.plot(d, rc=2)
        self.assertEqual(p.stdout, "")
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
        self.assertIn(f"twsim: error: {d}: cannot read summary.csv", p.stderr)


if __name__ == "__main__":
    if "--keep" in sys.argv:
        i = sys.argv.index("--keep")
        KEEP = os.path.abspath(sys.argv[i + 1])
        del sys.argv[i:i + 2]
    unittest.main()
