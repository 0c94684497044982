"""Reading twsim result directories, and the drawing helpers the figures share.

A result directory is what `twsim run` writes (docs/design.md §4): summary.csv (tidy:
one row per point, algorithm and metric, sim/io/csv_results.h), ratios.csv (the paired
old/new ratios, one row per point and metric), optionally results.json (the resolved
config, for titles and detector windows) and thresholds.csv (from `twsim threshold`).
Every CSV starts with experiment, seed, config_hash, point, then the swept keys as
machine_cpus-style columns (sim/io/csv_point_columns.h), read back here as the dotted
keys (machine.cpus). Columns are read by name; unknown ones are ignored, and empty or
non-finite cells count as missing.

In memory, summary.csv is pivoted back to one dict per point and algorithm: metric M
gives M (the mean), M_lo, M_hi, M_min, M_max; p_D gives p_D, p_D_lo, p_D_hi; the
hard-lockup window gives hard_window_ns_lo/_hi and hard_margin. ratios.csv gives one
dict per point with ratio_<numerator>_<denominator>_<metric> and its _lo, _hi, _pairs.
"""

from __future__ import annotations

import csv
import json
import math
import os

import matplotlib

matplotlib.use("Agg")  # headless: never needs a display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import (FuncFormatter, LogFormatter, LogLocator,  # noqa: E402
                               NullFormatter)

ALGORITHM_COLORS = {"old": "tab:red", "new": "tab:blue",
                    "single-pass": "tab:orange", "exit-test": "tab:green"}
ALGORITHM_MARKERS = {"old": "o", "new": "s", "single-pass": "^", "exit-test": "v"}
ALGORITHM_LINES = {"old": "-", "new": "--", "single-pass": "-.", "exit-test": ":"}


class Results:
    """One result directory: its summary rows, optional thresholds, config."""

    def __init__(self, directory: str):
        self.dir = directory
        self.marks = {}  # operating point to mark, {key: value} (plot.py --mark)
        self.marks_drawn = 0
        self.swept, self.rows = read_summary(os.path.join(directory, "summary.csv"))
        self.ratios = read_ratios(os.path.join(directory, "ratios.csv"))
        path = os.path.join(directory, "thresholds.csv")
        self.threshold_swept, self.thresholds = (
            read_table(path) if os.path.exists(path) else ([], []))
        self.doc = {}
        path = os.path.join(directory, "results.json")
        if os.path.exists(path):
            try:
                with open(path, encoding="utf-8") as f:
                    self.doc = json.load(f)
            except (OSError, ValueError):
                self.doc = {}  # optional: plot without titles' extras
        if not isinstance(self.doc, dict):
            self.doc = {}
        config = self.doc.get("config")
        self.config = config if isinstance(config, dict) else {}

    @property
    def name(self) -> str:
        return (self.config.get("name") or self.doc.get("name")
                or os.path.basename(os.path.normpath(self.dir)))

    def scenarios(self) -> list:
        """The resolved config of each point (results.json), else the experiment's."""
        points = self.doc.get("points")
        out = [p.get("scenario") for p in points or [] if isinstance(p, dict)]
        out = [s for s in out if isinstance(s, dict)]
        return out or [self.config]

    def scenario_of(self, point) -> dict:
        """The resolved config of point number `point` (results.json), else the
        experiment's."""
        for p in self.doc.get("points") or []:
            if (isinstance(p, dict) and p.get("index") == point
                    and isinstance(p.get("scenario"), dict)):
                return p["scenario"]
        return self.config

    def out_path(self, stem: str) -> str:
        return os.path.join(self.dir, stem + ".png")


# The config's sections (sim/io/config_schema.cc kSections): a swept key's column is the
# key with '.' as '_' (sim/io/csv_point_columns.h), so machine_cpus is machine.cpus.
SECTIONS = ("machine", "kernel", "lock", "costs", "task_work", "io_wq", "background")
# Columns that end the swept keys (the first one after them) in twsim's CSVs.
AFTER_SWEPT = ("algorithm", "metric", "input")


def dotted(column: str) -> str:
    """A CSV column back to its config key: machine_cpus -> machine.cpus,
    task_work_unrelated -> task_work.unrelated; other names unchanged."""
    for section in SECTIONS:
        if column.startswith(section + "_") and len(column) > len(section) + 1:
            return section + "." + column[len(section) + 1:]
    return column


def read_table(path: str):
    """(swept keys, rows) of a twsim CSV: the swept keys sit between `point` and
    the first of AFTER_SWEPT (a zip's `label` column among them); rows carry
    them under their dotted names. Raises OSError when the file cannot be read."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        rows = [r for r in reader if r.get("point") not in (None, "")]
    swept = []
    if "point" in header:
        for column in header[header.index("point") + 1:]:
            if column in AFTER_SWEPT:
                break
            swept.append(column)
    for column in swept:
        key = dotted(column)
        if key != column:
            for r in rows:
                r[key] = r.pop(column, None)
    return [dotted(c) for c in swept], rows


def read_summary(path: str):
    """(swept keys, rows) of summary.csv, one row per point and algorithm (see
    the module doc). Raises OSError when the file cannot be read."""
    swept, tidy = read_table(path)
    wide = {}
    for r in tidy:
        key = (r.get("point"), r.get("algorithm"))
        row = wide.get(key)
        if row is None:
            row = {k: r.get(k) for k in ["point", "algorithm", "n", *swept]}
            wide[key] = row
        metric = r.get("metric") or ""
        row[metric] = r.get("mean")
        for suffix in ("lo", "hi", "min", "max"):
            row[f"{metric}_{suffix}"] = r.get(suffix)
        if metric == "hard_window_ns":
            row["hard_margin"] = r.get("margin")
    return swept, list(wide.values())


def read_ratios(path: str) -> list:
    """ratios.csv as one row per point (see the module doc); [] without the file."""
    if not os.path.exists(path):
        return []
    _, tidy = read_table(path)
    points = {}
    for r in tidy:
        row = points.setdefault(r.get("point"), {k: v for k, v in r.items() if k not in (
            "metric", "numerator", "denominator", "pairs", "ratio", "lo", "hi")})
        name = f"ratio_{r.get('numerator')}_{r.get('denominator')}_{r.get('metric')}"
        row[name] = r.get("ratio")
        for suffix in ("lo", "hi", "pairs"):
            row[f"{name}_{suffix}"] = r.get(suffix)
    return list(points.values())


def num(row: dict, column: str):
    """The cell as a finite float, or None when missing, empty or not a number."""
    text = row.get(column)
    if text is None:
        return None
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def value(text):
    """A swept value as written in the CSV: a float if numeric, else display text
    (JSON string quotes, if any, removed)."""
    text = (text or "").strip()
    if text.startswith('"'):
        try:
            return str(json.loads(text))
        except ValueError:
            return text
    if text.lower() in ("true", "false", "nan", "inf", "-inf", "infinity", "-infinity"):
        return text
    try:
        return float(text)
    except ValueError:
        return text


def short(key: str) -> str:
    """`machine.cpus` -> `cpus`, for file names and legends."""
    return key.rsplit(".", 1)[-1]


LABEL = "label"  # the CSV column of a zip's row names (sweep.zip.label)

# Units of a config key, by its name's ending (the config's own convention:
# sim/scenario/config.h names every time and rate with its unit).
KEY_UNITS = [("_ns", "ns"), ("_us", "µs"), ("_ms", "ms"), ("_s", "s"), ("_ghz", "GHz"),
             ("_hz", "Hz"), ("_per_cpu", "per CPU"), ("cpus", "CPUs"), ("workers", "workers")]


def key_label(key: str) -> str:
    """An axis label for a swept key, with its unit: `machine.cpus (CPUs)`,
    `task_work.unrelated (nodes)`, `horizon_s (s)`."""
    name = short(key)
    if name in ("unrelated", "pending_create"):
        return f"{key} ({'nodes' if name == 'unrelated' else 'live creates'})"
    unit = next((u for end, u in KEY_UNITS if name.endswith(end)), None)
    return f"{key} ({unit})" if unit else key


def fmt(v) -> str:
    """A swept value for legends and titles: 1000000 rather than 1e+06."""
    if isinstance(v, float):
        return tick_text(v)
    return str(v)


def tick_text(v: float) -> str:
    """A number as a tick reads best: whole numbers in full (464159, 1000000),
    others with up to 6 significant digits (0.25, 2.625)."""
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:g}"


def _fixed_by(rows: list, x_key: str, key: str) -> bool:
    """Whether each value of x_key comes with a single value of key."""
    seen = {}
    return all(seen.setdefault(r.get(x_key), r.get(key)) == r.get(key) for r in rows)


class XAxis:
    """The x axis of the vs-x figures: the first swept key whose values are all
    numeric and vary, else one category per point. A zip's `label` column names
    its rows: the zip keys it fixes are left out of legends and categories."""

    def __init__(self, rows: list, swept: list):
        self.key = None
        labelled = LABEL in swept
        # The keys that name a point: a label replaces the zip keys it fixes.
        named = [k for k in swept
                 if not (labelled and k != LABEL and _fixed_by(rows, LABEL, k))]
        for key in named:
            if key == LABEL:
                continue
            vals = {value(r.get(key)) for r in rows}
            if len(vals) > 1 and all(isinstance(v, float) for v in vals):
                self.key = key
                break
        # In category mode every naming key names the category. Else the other keys
        # split the lines, except those fixed by x (constant, or zipped with it).
        self.group_keys = [k for k in named if self.key and k != self.key
                           and not _fixed_by(rows, self.key, k)]
        self.categories = {}  # category text -> position
        self._swept = named
        if self.key is None:
            for r in sorted(rows, key=lambda r: num(r, "point") or 0):
                self.categories.setdefault(self._category(r), len(self.categories))
        xs = sorted({value(r.get(self.key)) for r in rows}) if self.key else []
        self.values = xs
        self.log = bool(xs) and xs[0] > 0 and xs[-1] / xs[0] > 10

    @property
    def label(self) -> str:
        return key_label(self.key) if self.key else "point"

    @property
    def stem(self) -> str:
        return "vs_" + short(self.key) if self.key else "by_point"

    def _category(self, row: dict) -> str:
        """`preempt=lazy, cpus=64`: the point's non-empty swept values (a
        label as itself)."""
        text = ", ".join(fmt(value(row.get(k))) if k == LABEL
                         else f"{short(k)}={fmt(value(row.get(k)))}"
                         for k in self._swept if row.get(k))
        return text or f"point {row.get('point')}"

    def x(self, row: dict) -> float:
        if self.key:
            return value(row.get(self.key))
        return float(self.categories[self._category(row)])

    def setup(self, ax) -> None:
        """Scale, label and ticks of one axes."""
        ax.set_xlabel(self.label)
        if self.key is None:
            ax.set_xticks(list(self.categories.values()))
            ax.set_xticklabels(list(self.categories.keys()),
                               rotation=30 if len(self.categories) > 3 else 0,
                               ha="right" if len(self.categories) > 3 else "center",
                               fontsize="small")
            ax.set_xlim(-0.5, len(self.categories) - 0.5)
        else:
            if self.log:
                ax.set_xscale("log")
            if len(self.values) <= 12:  # label the swept values themselves
                ax.set_xticks(self.values)
                ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: tick_text(v)))
                ax.xaxis.set_minor_formatter(NullFormatter())
        ax.grid(True, which="major", alpha=0.3)


class _PlainLogFormatter(LogFormatter):
    """Labels the ticks a log axis would label, as plain numbers (0.5, 20, 1e+06)."""

    def __call__(self, x, pos=None):
        return f"{x:g}" if super().__call__(x, pos) else ""


def log_y(ax) -> None:
    """Log y axis with plain-number tick labels."""
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(_PlainLogFormatter())
    minor = _PlainLogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.5))
    ax.yaxis.set_minor_formatter(minor)


class Series:
    """One line: the rows of one (group, algorithm), sorted by x."""

    def __init__(self, label, algorithm, group_index, points):
        self.label, self.algorithm, self.group_index = label, algorithm, group_index
        self.points = points  # [(x, row)]

    def style(self, n_groups: int) -> dict:
        """Colour by algorithm when there is one group, else by group (and the
        line style and marker by algorithm)."""
        a = self.algorithm
        if n_groups <= 1:
            color = ALGORITHM_COLORS.get(a, "black")
        else:
            color = f"C{self.group_index % 10}"
        return {"color": color, "marker": ALGORITHM_MARKERS.get(a, "D"),
                "linestyle": ALGORITHM_LINES.get(a, "-")}


def make_series(rows: list, xaxis: XAxis, extra_keys=(), by_algorithm=True) -> list:
    """Rows split into lines: one per combination of the group keys (and
    extra_keys) and, if by_algorithm, per algorithm. With by_algorithm False,
    one row per x (the first) is kept: for per-point values such as ratios."""
    keys = list(xaxis.group_keys) + list(extra_keys)
    groups, lines = {}, {}
    for r in rows:
        g = tuple(fmt(value(r.get(k))) for k in keys)
        groups.setdefault(g, len(groups))
        a = r.get("algorithm", "") if by_algorithm else ""
        lines.setdefault((g, a), {}).setdefault(xaxis.x(r), r)
    out = []
    for (g, a), by_x in lines.items():
        parts = [a] if a else []
        parts += [v if k == LABEL else f"{short(k)}={v}" for k, v in zip(keys, g)]
        out.append(Series(", ".join(parts) or None, a, groups[g], sorted(by_x.items())))
    return out


def draw(ax, xaxis: XAxis, series: list, y, lo=None, hi=None, scale=1.0,
         band=False, log=False) -> int:
    """Draws each series' column y (and its interval lo..hi, as a band when band
    and there are two or more numeric-x points, else as error bars), times scale.
    Circles points whose runs were cut off at the horizon (p_complete < 1: the
    value is a lower bound). Skips missing cells, and values <= 0 on a log axis.
    Returns points drawn."""
    n_groups = len({s.group_index for s in series})
    drawn = 0
    for i, s in enumerate(series):
        offset = (i - (len(series) - 1) / 2) * 0.12 if xaxis.key is None else 0.0
        xs, ys, los, his = [], [], [], []
        cut_x, cut_y = [], []
        for x, r in s.points:
            v = num(r, y)
            if v is None or (log and v * scale <= 0):
                continue
            v *= scale
            complete = num(r, "p_complete")
            if complete is not None and complete < 1:
                cut_x.append(x + offset)
                cut_y.append(v)
            lo_v = num(r, lo) if lo else None
            hi_v = num(r, hi) if hi else None
            xs.append(x + offset)
            ys.append(v)
            los.append(min(v, lo_v * scale) if lo_v is not None else v)
            his.append(max(v, hi_v * scale) if hi_v is not None else v)
        if not xs:
            continue
        drawn += len(xs)
        style = s.style(n_groups)
        # A series equal to one drawn before would hide it: say so in the legend and
        # draw it hollow and larger, so both stay visible.
        label = s.label
        same = _same_as(ax, label, xs, ys)
        if same is not None:
            label = f"{label or ''} (same as {same})".strip()
            style.update(markerfacecolor="none", markersize=10)
        lines = len(xs) > 1 and xaxis.key is not None
        if not lines:
            style["linestyle"] = "none"
        if band and lines:
            ax.plot(xs, ys, label=label, **style)
            ax.fill_between(xs, los, his, color=style["color"], alpha=0.15, linewidth=0)
        else:
            if log:  # a bound <= 0 has no place on a log axis: finish() runs the bar
                open_lo = [(x, v) for x, v, l in zip(xs, ys, los) if l <= 0]  # to the bottom
                ax._twsim_open_lo = getattr(ax, "_twsim_open_lo", []) + [
                    (x, v, style["color"]) for x, v in open_lo]
                los = [l if l > 0 else v for l, v in zip(los, ys)]
            err = [[v - l for v, l in zip(ys, los)], [h - v for v, h in zip(ys, his)]]
            ax.errorbar(xs, ys, yerr=err, capsize=3, label=label, **style)
        if cut_x:  # runs cut off at the horizon: the value is a lower bound
            labelled = getattr(ax, "_twsim_cut_labelled", False)
            ax.scatter(cut_x, cut_y, s=140, facecolors="none", edgecolors="black",
                       linewidths=1.2, zorder=5,
                       label=None if labelled else "runs cut off at horizon_s (a lower bound)")
            ax._twsim_cut_labelled = True
    return drawn


def _same_as(ax, label, xs: list, ys: list):
    """The label of a series drawn before on ax with the same points (to 6
    significant digits), else None; remembers this one."""
    key = tuple((f"{x:.6g}", f"{y:.6g}") for x, y in zip(xs, ys))
    seen = ax.__dict__.setdefault("_twsim_series", {})
    if key in seen:
        return seen[key]
    seen[key] = label or "another series"
    return None


class _PlainTicks(LogFormatter):
    """Every tick as a plain number (or a duration), for a log axis given 1-2-5 ticks."""

    def __init__(self, seconds: bool):
        super().__init__()
        self.seconds = seconds

    def __call__(self, x, pos=None):
        return duration_text(x) if self.seconds else f"{x:g}"


def readable_log_ticks(ax) -> None:
    """A log axis spanning less than a decade or so shows one decade label or
    none: give it 1-2-5 ticks, each labelled, instead. Keeps the axis limits."""
    for axis, scale, lim in ((ax.xaxis, ax.get_xscale(), ax.get_xlim()),
                             (ax.yaxis, ax.get_yscale(), ax.get_ylim())):
        lo, hi = sorted(lim)
        if (scale != "log" or lo <= 0 or hi / lo > 20
                or isinstance(axis.get_major_formatter(), FuncFormatter)):  # swept values
            continue
        seconds = isinstance(axis.get_major_formatter(), _DurationLogFormatter)
        axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        axis.set_major_formatter(_PlainTicks(seconds))
        axis.set_minor_formatter(NullFormatter())
        if len([t for t in axis.get_majorticklocs() if lo <= t <= hi]) < 2:
            axis.set_major_locator(LogLocator(base=10, subs=tuple(range(1, 10))))
        (ax.set_xlim if axis is ax.xaxis else ax.set_ylim)(lim)


def finish(ax, drawn: int, empty: str = "no data") -> None:
    """Call last on each axes: a legend if anything is labelled, a note instead
    of an empty plot, and error bars whose lower bound is <= 0 on a log axis run
    down to the bottom of the axes."""
    if drawn == 0:
        ax.text(0.5, 0.5, empty, transform=ax.transAxes, ha="center", va="center",
                color="gray")
        return
    open_lo = getattr(ax, "_twsim_open_lo", [])
    if open_lo:
        bottom, top = ax.get_ylim()
        for x, v, color in open_lo:
            ax.vlines(x, bottom, v, color=color, linewidth=1.5)
        ax.set_ylim(bottom, top)
    readable_log_ticks(ax)
    labels = ax.get_legend_handles_labels()[1]
    if len(labels) > 4:  # beside the axes, where it hides no data
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    elif labels:
        ax.legend(fontsize="small")


def caption(res: Results) -> str:
    """Second title line: the runs behind each point."""
    n = sorted({int(v) for v in (num(r, "n") for r in res.rows) if v is not None})
    if not n:
        return ""
    runs = f"{n[0]}" if len(n) == 1 else f"{n[0]}-{n[-1]}"
    return f"{runs} run{'s' if n[-1] > 1 else ''} per point and algorithm"


def figure(panels: int = 1, width: float = 7.5, height: float = 5.0):
    """(figure, list of axes) laid out so the titles never overlap."""
    fig, axes = plt.subplots(1, panels, figsize=(width * panels, height), squeeze=False,
                             constrained_layout=True)
    return fig, list(axes[0])


def save(fig, path: str) -> str:
    """Writes the figure atomically (a temp file renamed over path)."""
    tmp = path + ".tmp.png"
    fig.savefig(tmp, dpi=120, bbox_inches="tight")
    plt.close(fig)
    os.replace(tmp, path)
    return path


# The detector windows, from docs/kernel-facts.md §4.6: a stretch shorter than
# the "never" line cannot trip the hard-lockup detector, one longer than the
# "certain" line always does; the soft-lockup line is 2*thresh units of 2^30 ns
# (kernel/watchdog.c get_timestamp(): running_clock() >> 30); the RCU line is
# kernel.rcu_stall_timeout_s. Turbo (nominal vs actual clock) is ignored.
SOFTLOCKUP_UNIT_S = 2 ** 30 / 1e9

# Hard-lockup window as (never <=, certain >=) multiples of watchdog_thresh_s.
HARD_WINDOWS = {"perf": ("perf NMI", 0.6, 2.0), "buddy": ("buddy", 0.8, 1.6),
                "buddy-legacy": ("buddy (pre-7.1)", 0.8, 2.4)}


def windows(scenarios: list) -> list:
    """Distinct (thresh_s, hardlockup_detector, softlockup_detector,
    rcu_stall_timeout_s or None) over the resolved configs given."""
    out = []
    for scenario in scenarios:
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


def draw_windows(ax, ws: list, vertical: bool = False) -> None:
    """The windows of windows() in seconds: horizontal lines on a y axis of
    stretch lengths, vertical ones (vertical=True) on such an x axis."""
    span, line = (ax.axvspan, ax.axvline) if vertical else (ax.axhspan, ax.axhline)
    for thresh, hard, soft, rcu in ws:
        tag = f" (thresh {thresh:g} s)" if len(ws) > 1 else ""
        alpha = 0.12 if len(ws) == 1 else 0.06
        if hard in HARD_WINDOWS:
            name, never, certain = HARD_WINDOWS[hard]
            lo, hi = never * thresh, certain * thresh
            span(lo, hi, color="orange", alpha=alpha, linewidth=0)
            line(lo, color="darkorange", linestyle=":", linewidth=1.2,
                 label=f"{name} hard lockup: never below {lo:.3g} s{tag}")
            line(hi, color="darkred", linestyle=":", linewidth=1.2,
                 label=f"{name} hard lockup: always above {hi:.3g} s{tag}")
        if soft:
            s = 2 * thresh * SOFTLOCKUP_UNIT_S
            line(s, color="purple", linestyle="-.", linewidth=1.2,
                 label=f"soft lockup at re-enable: about {s:.3g} s{tag}")
        if rcu:
            line(rcu, color="gray", linestyle="--", linewidth=1,
                 label=f"RCU stall timeout {rcu:g} s{tag}")


DURATION_UNITS = [(1.0, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]


def duration_unit(seconds: float):
    """(scale in s, name) of the largest unit not above `seconds` (ns at least)."""
    return next(((u, n) for u, n in DURATION_UNITS if seconds >= u), DURATION_UNITS[-1])


def duration_text(seconds: float) -> str:
    """A length in seconds as a person writes it: 100 ns, 1 µs, 2.5 ms, 20 s."""
    if seconds <= 0:
        return "0"
    scale, unit = duration_unit(seconds * (1 + 1e-9))  # 1e-3 is 1 ms, not 1000 µs
    return f"{seconds / scale:.3g} {unit}"


class _DurationLogFormatter(LogFormatter):
    """Labels the ticks a log axis of seconds would label as durations."""

    def __call__(self, x, pos=None):
        return duration_text(x) if super().__call__(x, pos) else ""


def log_x_seconds(ax) -> None:
    """Log x axis of durations in seconds, ticks labelled 100 ns, 1 ms, 10 s."""
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(_DurationLogFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())
