"""twsim's CSVs read by pandas as a user would (issue 15): `twsim run` on
tests/data/cli_tiny.json with a labelled zip added, then each CSV

- reads back byte for byte (read as text, written with to_csv);
- has the experiment name, seed and config hash of results.json in every row;
- is queried with df.query on the swept key's column (machine_cpus), unquoted;
- keeps counts and ns totals as integers (int64 columns), not 1.2e+10;
- and summary.csv's means, pivoted to one row per point and algorithm, equal
  results.json's.

Needs an interpreter with pandas: the first of $PYTHON, /usr/bin/python3,
python3 that has it (Debian: apt-get install python3-pandas); without one the
test is skipped (exit 77) with a one-line reason.
Usage: csv_pandas_test.py TWSIM_BINARY
"""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SKIP = 77

CHECK = r'''
import io, json, os, re, sys
import pandas as pd
out = sys.argv[1]
doc = json.load(open(os.path.join(out, "results.json")))
files = ["runs.csv", "summary.csv", "ratios.csv", "irqoff_ccdf.csv"]
for name in files:
    path = os.path.join(out, name)
    text = open(path, encoding="utf-8").read()
    as_text = pd.read_csv(path, dtype=str, keep_default_na=False)
    back = io.StringIO()
    as_text.to_csv(back, index=False, lineterminator="\n")
    assert back.getvalue() == text, f"{name}: does not round-trip"
    # pandas reads 1.2e+10 as an integer too: the text itself must not have one.
    assert not re.search(r"[0-9]e[+-]", text), f"{name}: a number in exponent form"
    df = pd.read_csv(path)
    assert len(df) > 0, name
    assert set(df["experiment"]) == {doc["name"]}, name
    assert set(df["seed"]) == {doc["seed"]}, name
    assert set(df["config_hash"]) == {doc["config_hash"]}, name
    large = df.query("machine_cpus == 4 and label == 'large'")
    assert 0 < len(large) < len(df) and set(df["label"]) == {"small", "large"}, name
runs = pd.read_csv(os.path.join(out, "runs.csv"))
for column in ["teardown_ns", "max_irqoff_ns", "nodes_visited", "irqoff_cpu_ns", "events",
               "machine_cpus"]:
    assert str(runs[column].dtype) == "int64", (column, runs[column].dtype)
# min and max are empty on probability rows: nullable integers, which pandas
# refuses to read from a cell such as 1.2e+10 or 5.5.
summary = pd.read_csv(os.path.join(out, "summary.csv"),
                      dtype={"n": "int64", "min": "Int64", "max": "Int64"})
assert summary["min"].notna().sum() > 0
assert str(pd.read_csv(os.path.join(out, "ratios.csv"))["pairs"].dtype) == "int64"
assert str(pd.read_csv(os.path.join(out, "irqoff_ccdf.csv"))["stretches"].dtype) == "int64"
means = summary.pivot_table(index=["point", "algorithm"], columns="metric", values="mean")
checked = 0
for p in doc["points"]:
    for algorithm, a in p["algorithms"].items():
        row = means.loc[(p["index"], algorithm)]
        for metric, m in a["metrics"].items():
            assert abs(row[metric] - m["mean"]) <= 1e-8 * max(1.0, abs(m["mean"])), metric
            checked += 1
        assert row["p_hard"] == a["detectors"]["hard"]["p"]
print(f"pandas {pd.__version__}: {len(files)} CSVs round-trip; {checked} means agree")
'''


def pandas_python():
    for py in [os.environ.get("PYTHON"), "/usr/bin/python3", "python3"]:
        if py and subprocess.run([py, "-c", "import pandas"],
                                 capture_output=True).returncode == 0:
            return py
    return None


def main(argv):
    py = pandas_python()
    if py is None:
        print("SKIPPED: no python3 with pandas (Debian: apt-get install python3-pandas)")
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        config = json.load(open(os.path.join(ROOT, "tests", "data", "cli_tiny.json")))
        config["sweep"] = {"zip": {"machine.cpus": [2, 4], "label": ["small", "large"]}}
        path = os.path.join(tmp, "zip.json")
        with open(path, "w") as f:
            json.dump(config, f)
        out = os.path.join(tmp, "r")
        run = subprocess.run([argv[1], "run", path, "-o", out, "--quiet"], capture_output=True,
                             text=True, timeout=300)
        if run.returncode != 0:
            print(f"twsim run failed: {run.stderr}")
            return 1
        check = subprocess.run([py, "-c", CHECK, out], capture_output=True, text=True,
                               timeout=300)
        print(check.stdout.strip() or check.stderr.strip())
        return check.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
