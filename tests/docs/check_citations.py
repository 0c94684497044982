#!/usr/bin/env python3
"""Fails when the repository cites a document it does not hold.

Usage: check_citations.py REPO_ROOT        check the repository
       check_citations.py --self-test      plant bad citations in a scratch tree
                                            and check that each one is reported

Checked files: configs/*.json, README.md, docs/**, sim/**, plot/**, tests/**.
A citation is bad when it
  - names a document kept outside the repository: reference/..., ../shared/...,
    DESIGN.md, STYLE.md, or kernel-facts / calibration without the docs/ path;
  - names docs/X.md (or any repository path) that does not exist;
  - names a section of docs/X.md ("§2.4", "C1", "rule 7", "rules 8-12") that
    is not one of that file's headings. A heading's label is its first word:
    "### 2.4 ..." is §2.4, "### C1. ..." is C1, "### Rule 7. ..." is rule 7.
Prints one line per bad citation (FILE:LINE: problem: text) and exits 1; 0 when
all are good.
"""
import os
import re
import subprocess
import sys
import tempfile

SCANNED_DIRS = ("configs", "docs", "sim", "plot", "tests")
SCANNED_FILES = ("README.md",)
TEXT_SUFFIXES = (".md", ".json", ".h", ".cc", ".py", ".sh", ".cmake", ".txt", ".bt")

# This checker names the forbidden patterns itself.
SELF = "tests/docs/check_citations.py"
# Files the lead owns during the merge (their comments still cite the old
# names); remove them from this set once their citations are rewritten.
PENDING_LEAD: set = set()

# Paths used as examples (of an error message), not citations.
EXAMPLE_PATHS = {"configs/x.json"}

OUTSIDE = [
    (re.compile(r"\.\./shared"), "cites ../shared (outside the repository)"),
    (re.compile(r"(?<![\w/.])reference/"), "cites reference/ (outside the repository)"),
    (re.compile(r"\bDESIGN(?:\.md)?\b"), "cites DESIGN.md (outside the repository; use docs/design.md)"),
    (re.compile(r"\bSTYLE\.md\b"), "cites STYLE.md (outside the repository)"),
    (re.compile(r"(?<!docs/)\bkernel-facts\b"), "cites kernel-facts without docs/ (use docs/kernel-facts.md)"),
    (re.compile(r"(?<!docs/)\bcalibration(?:\.md)? §"), "cites calibration without docs/ (use docs/calibration.md)"),
    (re.compile(r"(?<![\w/])calibration\.md"), "cites calibration.md without docs/ (use docs/calibration.md)"),
]

ANCHOR = r"(?:§\d+(?:\.\d+)*|C\d+(?:-C\d+)?|[Rr]ules? \d+(?:-\d+)?)"
DOC_CITE = re.compile(r"docs/([\w./-]+?\.md)((?:[ ,;)\]]+(?:and )?" + ANCHOR + r")*)")
ANCHOR_RE = re.compile(ANCHOR)
PATH_CITE = re.compile(r"(?<![\w/.-])((?:configs|sim|tests|plot|docs|scripts)/[\w./-]*\w\.(?:json|md|h|cc|py|sh|bt|cmake))\b")
HEADING = re.compile(r"^#+\s+(\S+)(?:\s+(\S+))?")


def heading_labels(path):
    """The section labels a markdown file defines (see the module comment)."""
    labels = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = HEADING.match(line)
            if not m:
                continue
            first, second = m.group(1).rstrip(".:"), (m.group(2) or "").rstrip(".:")
            if re.fullmatch(r"\d+(?:\.\d+)*", first):
                labels.add("§" + first)
            elif re.fullmatch(r"C\d+", first):
                labels.add(first)
            elif first.lower() == "rule" and second.isdigit():
                labels.add("rule " + second)
    return labels


def expand(anchor):
    """'C1-C4' -> C1..C4, 'rules 8-12' -> rule 8..rule 12, '§2.4' -> §2.4."""
    m = re.fullmatch(r"C(\d+)-C(\d+)", anchor)
    if m:
        return ["C%d" % i for i in range(int(m.group(1)), int(m.group(2)) + 1)]
    m = re.fullmatch(r"[Rr]ules? (\d+)(?:-(\d+))?", anchor)
    if m:
        lo = int(m.group(1))
        return ["rule %d" % i for i in range(lo, int(m.group(2) or lo) + 1)]
    return [anchor]


def scanned_files(root):
    files = [f for f in SCANNED_FILES if os.path.exists(os.path.join(root, f))]
    for d in SCANNED_DIRS:
        for dirpath, _, names in os.walk(os.path.join(root, d)):
            for n in sorted(names):
                rel = os.path.relpath(os.path.join(dirpath, n), root)
                if n.endswith(TEXT_SUFFIXES) and rel != SELF and rel not in PENDING_LEAD:
                    files.append(rel)
    return sorted(files)


def check(root):
    problems = []
    label_cache = {}
    for rel in scanned_files(root):
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        for no, line in enumerate(lines, 1):
            where = "%s:%d" % (rel, no)
            for pattern, what in OUTSIDE:
                m = pattern.search(line)
                if m:
                    problems.append("%s: %s: %s" % (where, what, line.strip()[:120]))
            for m in PATH_CITE.finditer(line):
                if m.group(1) not in EXAMPLE_PATHS and not os.path.exists(os.path.join(root, m.group(1))):
                    problems.append("%s: cites %s, which is not in the repository" % (where, m.group(1)))
            # A citation may wrap: read its anchors on the joined next line too.
            text = line + " " + (lines[no].strip() if no < len(lines) else "")
            for m in DOC_CITE.finditer(text):
                if m.start() >= len(line):
                    break
                doc = os.path.join(root, "docs", m.group(1))
                if not os.path.exists(doc):
                    continue  # PATH_CITE reports it
                if doc not in label_cache:
                    label_cache[doc] = heading_labels(doc)
                for a in ANCHOR_RE.findall(m.group(2)):
                    for label in expand(a):
                        key = label if not label.startswith("Rule") else label.lower()
                        if key not in label_cache[doc]:
                            problems.append("%s: cites docs/%s %s, which has no such section" % (where, m.group(1), label))
    return problems


def self_test():
    """Each planted citation must be reported, the good ones must not."""
    bad = {
        "README.md": "See reference/kernel-facts.md §2.",
        "sim/a.h": "// (kernel-facts §4.6)",
        "sim/b.h": "// (calibration.md §3.1)",
        "sim/c.h": "// (DESIGN.md §4)",
        "plot/d.py": "# see ../shared/STYLE.md",
        "configs/e.json": '{"description": "(docs/kernel-facts.md §9.9)"}',
        "tests/f.cc": "// docs/kernel-facts.md C1-C7",
        "tests/g.cc": "// docs/nosuch.md §1",
        "docs/h.md": "See docs/kernel-facts.md rules 1-3.",
        "sim/i.h": "// see sim/model/nosuch.h",
    }
    good = {"sim/ok.h": "// docs/kernel-facts.md §2.4 step 6, §1.3, C1-C2, rule 1 and\n// rules 1-2"}
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "docs"))
        with open(os.path.join(root, "docs", "kernel-facts.md"), "w") as f:
            f.write("# t\n## 1. a\n### 1.3 b\n## 2. c\n### 2.4 d\n### C1. e\n### C2. f\n### Rule 1. g\n### Rule 2. h\n")
        for rel, text in list(bad.items()) + list(good.items()):
            os.makedirs(os.path.dirname(os.path.join(root, rel)) or root, exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text + "\n")
        problems = check(root)
    failed = False
    for rel in bad:
        if not any(p.startswith(rel + ":") for p in problems):
            print("self-test: planted bad citation in %s was not reported" % rel)
            failed = True
    for p in problems:
        if p.startswith("sim/ok.h:"):
            print("self-test: good citation reported: " + p)
            failed = True
    print("self-test: %d planted bad citations, %d reports" % (len(bad), len(problems)))
    return 1 if failed else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) != 2:
        print("usage: check_citations.py REPO_ROOT | --self-test", file=sys.stderr)
        return 2
    problems = check(argv[1])
    for p in problems:
        print(p)
    print("citations: %d problem(s)" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
