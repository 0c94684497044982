"""Figure: per-CPU x time heat map of interrupts off for one run, from a trace.

Usage: python3 plot/plot_heatmap.py TRACE.json [-o OUT.png] [--bins N]

Reads the Chrome trace-event file `twsim run CONFIG --trace FILE` writes
(sim/cli/chrome_trace.cc: one process per algorithm named "<algorithm>
teardown", one thread per CPU, and for every interrupts-off stretch an "X" span
of category "irqoff": raw_spin_lock_irqsave to raw_spin_unlock_irqrestore, the
spin and hold spans nest inside it). One panel per algorithm, in trace order;
rows are the CPUs the trace names, columns time bins from the run's start to
its last span or report (the watchdog ticks drawn around stretches are not the run); colour = fraction of each bin with interrupts off. Detector
reports (instants of category "report") are marked where and when they were
printed. The file is read event by event, keeping only the stretches.

Big runs: the trace keeps the 500,000 longest spans of each algorithm
(sim/model/timeline.cc build_timeline) and says in otherData "note_<algorithm>"
what it left out; such a panel says so, and its fractions are lower bounds.
Writes OUT.png (default: TRACE's name with _heatmap.png). Exit 0, or 2 with one
line on stderr when TRACE is missing or not such a trace.
"""

from __future__ import annotations

import glob
import json
import math
import os
import sys
from array import array

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402  (a dependency of matplotlib)

import twsim_results as tr  # noqa: E402

# The PNG names this figure writes (plot.py removes those it did not redraw).
OWNS = r".+_heatmap\.png"

DEFAULT_BINS = 400
MAX_ROWS = 256  # more CPUs than this: each row is the busiest of k neighbours
CHUNK = 1 << 20
# Detector reports by the kernel line they carry (sim/io/kernel_log.cc): kernel/watchdog.c
# watchdog_hardlockup_check, watchdog_timer_fn; kernel/rcu/tree_stall.h print_other_cpu_stall.
REPORT_MARKS = [("hard LOCKUP", "hard LOCKUP report", "X"),
                ("soft lockup", "soft lockup report", "D"),
                ("detected stalls", "RCU stall report", "*")]


class Trace:
    """What the heat map needs of one trace file."""

    def __init__(self):
        self.title = ""
        self.notes = {}  # algorithm -> what the trace left out
        self.names = {}  # pid -> algorithm
        self.cpus = set()
        self.spans = {}  # (pid, cpu) -> (array of starts, array of ends), ns
        self.reports = []  # (pid, cpu, at_ns, kind index in REPORT_MARKS)
        self.start_ns = 0
        self.end_ns = 0

    def algorithms(self) -> list:
        """(pid, algorithm) in trace order."""
        return sorted(self.names.items())


def _ns(us) -> int:
    """Trace time (µs with ns decimals, chrome_trace.cc micros()) in ns."""
    if isinstance(us, bool) or not isinstance(us, (int, float)) or not math.isfinite(us):
        raise ValueError(f"an event time that is not a finite number: {us!r}")
    return round(us * 1000)


def events(path: str, header: dict):
    """Yields the objects of the traceEvents array one at a time, reading the
    file in chunks; fills `header` with the document's other members once the
    array is read. Raises OSError, or ValueError when it is not such a file."""
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as f:
        buf, pos = "", 0

        def more() -> bool:
            """Reads on; drops what was consumed (before pos)."""
            nonlocal buf, pos
            chunk = f.read(CHUNK)
            buf, pos = buf[pos:] + chunk, 0
            return bool(chunk)

        while True:  # find the array: '"traceEvents": [' or a bare top-level array
            stripped = buf.lstrip()
            if stripped.startswith("["):
                head, pos = "", len(buf) - len(stripped) + 1
                break
            pos = 0
            key = buf.find('"traceEvents"')
            bracket = buf.find("[", key) if key >= 0 else -1
            if bracket >= 0:
                head, pos = buf[:key], bracket + 1
                break
            if not more():
                raise ValueError("no traceEvents array (not a Chrome trace-event file)")
        while True:
            while True:  # skip separators, reading on when the buffer runs out
                while pos < len(buf) and buf[pos] in " \t\r\n,":
                    pos += 1
                if pos < len(buf) or not more():
                    break
            if pos >= len(buf):
                raise ValueError("traceEvents array is cut short")
            if buf[pos] == "]":
                break
            try:
                obj, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as e:
                if more():
                    continue
                raise ValueError(f"bad event: {e}") from None
            yield obj
            pos = end
        if head:  # the members around the array, with the array left empty
            while more():
                pass
            try:
                doc = json.loads(head + '"traceEvents":[]' + buf[pos + 1:])
            except json.JSONDecodeError as e:
                raise ValueError(f"bad JSON around traceEvents: {e}") from None
            header.update(doc if isinstance(doc, dict) else {})


def read_trace(path: str) -> Trace:
    t, header, first = Trace(), {}, True
    cpu_of_tid = {}
    for e in events(path, header):
        if not isinstance(e, dict):
            raise ValueError("an event that is not a JSON object")
        ph, pid = e.get("ph"), e.get("pid")
        if ph == "M":
            args = e.get("args")
            name = args.get("name") if isinstance(args, dict) else None
            if e.get("name") == "process_name" and isinstance(name, str):
                t.names[pid] = name.removesuffix(" teardown")
            elif e.get("name") == "thread_name":
                # twsim names each CPU's track "CPU <n>" (sim/cli/chrome_trace.cc); its
                # tid is unique across processes, not the CPU number.
                if isinstance(name, str) and name.startswith("CPU ") and name[4:].isdigit():
                    cpu_of_tid[e.get("tid")] = int(name[4:])
                else:
                    t.cpus.add(e.get("tid"))
            continue
        if "ts" not in e or e.get("cat") == "watchdog":
            continue  # hrtimer and NMI ticks are drawn 2 periods past a stretch: not the run
        start = _ns(e["ts"])
        end = start + _ns(e.get("dur", 0)) if ph == "X" else start
        t.start_ns = start if first else min(t.start_ns, start)
        t.end_ns = end if first else max(t.end_ns, end)
        first = False
        if ph == "X" and e.get("cat") == "irqoff":
            starts, ends = t.spans.setdefault((pid, e.get("tid")), (array("q"), array("q")))
            starts.append(start)
            ends.append(end)
            t.cpus.add(e.get("tid"))
        elif ph == "i" and e.get("cat") == "report":
            kind = next((i for i, (text, _, _) in enumerate(REPORT_MARKS)
                         if text in str(e.get("name"))), None)
            if kind is not None:
                t.reports.append((pid, e.get("tid"), start, kind))
    if cpu_of_tid:  # tracks named "CPU <n>": rows are those CPU numbers
        cpu = lambda tid: cpu_of_tid.get(tid, tid)  # noqa: E731
        t.spans = {(pid, cpu(tid)): v for (pid, tid), v in t.spans.items()}
        t.reports = [(pid, cpu(tid), at, kind) for pid, tid, at, kind in t.reports]
        t.cpus = {cpu(tid) for tid in t.cpus} | set(cpu_of_tid.values())
    other = header.get("otherData") if isinstance(header.get("otherData"), dict) else {}
    t.title = str(other.get("title", ""))
    t.notes = {k[len("note_"):]: str(v) for k, v in other.items() if k.startswith("note_")}
    for pid, _ in t.spans:
        t.names.setdefault(pid, f"process {pid}")
    t.start_ns = min(t.start_ns, 0)  # a run starts at t = 0
    return t


def busy_before(starts, ends, edges):
    """Time in [min, edge) covered by the union of the spans, at each edge (ns)."""
    order = np.argsort(starts, kind="stable")
    s, e = np.asarray(starts)[order], np.asarray(ends)[order]
    # Merge overlapping spans: a new run begins where a start passes every end before it.
    reach = np.maximum.accumulate(e)
    begins = np.ones(len(s), dtype=bool)
    begins[1:] = s[1:] > reach[:-1]
    first = np.flatnonzero(begins)
    last = np.append(first[1:], len(s)) - 1
    s, e = s[first], reach[last]
    done = np.concatenate(([0], np.cumsum(e - s)))
    k = np.searchsorted(e, edges, side="right")  # spans over by each edge
    partial = np.where(k < len(s), edges - s[np.minimum(k, len(s) - 1)], 0)
    return done[k] + np.clip(partial, 0, None)


def irqoff_matrix(t: Trace, pid, cpus: list, edges) -> np.ndarray:
    """Fraction of each time bin [edges[j], edges[j+1]) with interrupts off,
    one row per CPU in `cpus`."""
    edges = np.asarray(edges, dtype=np.float64)
    out = np.zeros((len(cpus), len(edges) - 1))
    for row, cpu in enumerate(cpus):
        spans = t.spans.get((pid, cpu))
        if spans and len(spans[0]):
            busy = busy_before(np.asarray(spans[0], np.float64),
                               np.asarray(spans[1], np.float64), edges)
            out[row] = np.diff(busy) / np.diff(edges)
    return out


def group_rows(matrix: np.ndarray, k: int) -> np.ndarray:
    """Rows in groups of k neighbours, each the busiest (max) of its group."""
    if k <= 1:
        return matrix
    pad = (-len(matrix)) % k
    padded = np.vstack([matrix, np.zeros((pad, matrix.shape[1]))])
    return padded.reshape(-1, k, matrix.shape[1]).max(axis=1)


def plot_trace(path: str, out: str, bins: int = DEFAULT_BINS) -> str:
    t = read_trace(path)
    panels = t.algorithms()
    if not panels:
        raise ValueError("no processes (algorithms) in the trace")
    cpus = sorted(c for c in t.cpus if isinstance(c, int))
    span_ns = max(t.end_ns - t.start_ns, 1)
    edges = t.start_ns + np.arange(bins + 1) * (span_ns / bins)
    scale, unit = tr.duration_unit(span_ns * 1e-9)
    k = math.ceil(len(cpus) / MAX_ROWS) if cpus else 1
    n_rows = max(1, math.ceil(len(cpus) / k))
    height = 1.0 + min(3.0, 0.6 + 0.04 * n_rows)
    fig, axes = tr.plt.subplots(len(panels), 1, figsize=(11, height * len(panels)),
                                squeeze=False, sharex=True, constrained_layout=True)
    cmap = tr.plt.get_cmap("magma_r").copy()
    cmap.set_bad("white")  # bins with interrupts on throughout
    extent = (t.start_ns * 1e-9 / scale, t.end_ns * 1e-9 / scale, n_rows - 0.5, -0.5)
    image = None
    for ax, (pid, algorithm) in zip(axes[:, 0], panels):
        m = group_rows(irqoff_matrix(t, pid, cpus, edges), k) if cpus else np.zeros((1, bins))
        image = ax.imshow(np.ma.masked_equal(m, 0), aspect="auto", interpolation="nearest",
                          cmap=cmap, vmin=0, vmax=1, extent=extent)
        row_of = {cpu: i // k for i, cpu in enumerate(cpus)}
        labelled = False
        for kind, (_, label, marker) in enumerate(REPORT_MARKS):
            at = [(a * 1e-9 / scale, row_of[c]) for p, c, a, kd in t.reports
                  if p == pid and kd == kind and c in row_of]
            if at:
                ax.scatter(*zip(*at), marker=marker, s=60 if len(at) <= 50 else 20, color="tab:cyan", edgecolors="black",
                           linewidths=0.6, zorder=3, label=f"{label} ({len(at)})")
                labelled = True
        ax.set_xlim(extent[0], extent[1])
        ax.set_ylim(extent[2], extent[3])
        note = t.notes.get(algorithm)
        ax.set_title(f"{algorithm} teardown" + (f" — trace thinned ({note}): fractions are "
                                                f"lower bounds" if note else ""),
                     fontsize="medium" if not note else "small", loc="left")
        ticks = (list(range(n_rows)) if n_rows <= 24 else
                 sorted({round(i * (n_rows - 1) / 8) for i in range(9)}))
        ax.set_yticks(ticks)
        ax.set_yticklabels([str(cpus[i * k]) if cpus else "-" for i in ticks])
        ax.set_ylabel("CPU" if k == 1 else f"CPU (a row: busiest of {k})")
        if labelled:
            ax.legend(fontsize="x-small", loc="upper right")
    axes[-1, 0].set_xlabel(f"time since the teardown started ({unit})")
    bar = fig.colorbar(image, ax=list(axes[:, 0]), location="bottom", shrink=0.5, aspect=40)
    bar.set_label(f"interrupts off: fraction of each {tr.duration_text(span_ns * 1e-9 / bins)}"
                  f" time bin (white: none)")
    fig.suptitle(f"Interrupts off per CPU: {t.title or os.path.basename(path)}\n"
                 f"(rows: the {len(cpus)} CPU{'s' if len(cpus) != 1 else ''} with an event in the trace)")
    return tr.save(fig, out)


def find_traces(directory: str) -> list:
    """The Chrome traces in a result directory: *.json files whose first 64 kB
    have a traceEvents member (a `--trace DIR/NAME.json` beside the results)."""
    out = []
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                if '"traceEvents"' in f.read(1 << 16):
                    out.append(path)
        except OSError:
            continue
    return out


def out_path(trace: str) -> str:
    return os.path.splitext(trace)[0] + "_heatmap.png"


def plot(res: tr.Results) -> list:
    """plot.py's entry: a heat map beside each trace in the result directory."""
    out = []
    for path in find_traces(res.dir):
        try:
            out.append(plot_trace(path, out_path(path)))
        except (OSError, ValueError) as e:
            print(f"twsim: warning: {path}: {e}; no heat map", file=sys.stderr)
    return out


USAGE = "usage: plot_heatmap.py TRACE.json [-o OUT.png] [--bins N]"


def main(argv: list) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    trace, out, bins = None, None, DEFAULT_BINS
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-o", "--bins"):
            if i + 1 >= len(argv):
                print(f"twsim: error: plot_heatmap: {arg} needs a value", file=sys.stderr)
                return 2
            i += 1
            if arg == "-o":
                out = argv[i]
            else:
                try:
                    bins = int(argv[i])
                except ValueError:
                    bins = 0
                if not 1 <= bins <= 100000:
                    print(f"twsim: error: plot_heatmap: --bins must be an integer from 1 to "
                          f"100000, got '{argv[i]}'", file=sys.stderr)
                    return 2
        elif trace is None:
            trace = arg
        else:
            print(f"twsim: error: plot_heatmap: one trace at a time, got '{arg}' too; {USAGE}",
                  file=sys.stderr)
            return 2
        i += 1
    if trace is None:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        print(plot_trace(trace, out or out_path(trace), bins))
    except OSError as e:
        print(f"twsim: error: plot_heatmap: {e.filename or trace}: {e.strerror or e}",
              file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"twsim: error: plot_heatmap: {trace}: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
