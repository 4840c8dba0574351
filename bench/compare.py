#!/usr/bin/env python3
"""Puts the figures of several `bench/run.sh --fleet` runs side by side (Markdown, stdout).

    bench/compare.py bench/results/fleet/before.json bench/results/fleet/after.json [--out FILE]

One column per run (its --label, else the file name), in the order given; with two runs a last
column gives after / before. Every figure is the one its own report shows (bench/report.py
--fleet); nothing is recomputed here, so a figure a run lacks (an older jar without some
self-metric) shows as –.
"""

import argparse
import json
import os
import sys

PHASES = [
    ("usage-cold", "cold usage"),
    ("usage-force", "usage --force"),
    ("usage-warm", "warm usage rerun"),
    ("limits-cold", "cold limits --force"),
]


def textfile(f, key):
    files = f.get("textfiles") or {}
    return sum(v[key] for v in files.values()) if files else None


FIGURES = [
    ("wall s", lambda f, b: f.get("wall_s"), "%.1f"),
    ("old design at the fleet's size s (see the reports)", lambda f, b: (b or {}).get("wall_s_at_fleet"), "%.1f"),
    ("speed-up vs old design", lambda f, b: (b or {}).get("speedup"), "%.1fx"),
    ("API calls", lambda f, b: f.get("api_calls"), "%d"),
    ("Service Quotas calls", lambda f, b: f.get("servicequotas_calls"), "%d"),
    ("Service Quotas calls per account-region", lambda f, b: f.get("servicequotas_calls_per_account_region"), "%.2f"),
    ("quota-cli CPU s", lambda f, b: f.get("cpu_s"), "%.1f"),
    ("CPU ms per API call", lambda f, b: f.get("cpu_ms_per_call"), "%.2f"),
    ("peak RSS MB", lambda f, b: f.get("max_rss_mb"), "%.0f"),
    ("textfile bytes", lambda f, b: textfile(f, "bytes"), "%d"),
    ("textfile lines", lambda f, b: textfile(f, "lines"), "%d"),
    ("textfile lines per account-region", lambda f, b: f.get("textfile_lines_per_account_region"), "%.1f"),
    ("targets ok", lambda f, b: (f.get("targets") or {}).get("ok"), "%d"),
    ("targets failed", lambda f, b: (f.get("targets") or {}).get("failed"), "%d"),
    ("targets degraded", lambda f, b: (f.get("targets") or {}).get("degraded"), "%d"),
    ("targets timed out", lambda f, b: f.get("timed_out"), "%d"),
    ("exit code", lambda f, b: f.get("rc"), "%d", False),
    ("CPU s other programs took meanwhile", lambda f, b: f.get("other_programs_cpu_s"), "%.1f"),
]


def cell(value, spec):
    return "–" if value is None else spec % value


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("runs", nargs="+", help="NAME.json files written by bench/run.sh --fleet")
    p.add_argument("--out", help="also write the table here")
    a = p.parse_args()
    runs = []
    for path in a.runs:
        with open(path) as f:
            doc = json.load(f)
        runs.append((doc.get("label") or os.path.splitext(os.path.basename(path))[0], doc))
    two = len(runs) == 2
    L = []
    w = L.append
    w("# quota-cli fleet benchmark: %s" % " vs ".join(name for name, _ in runs))
    w("")
    def jar_text(jar):
        return "%s%s (sha256 %s)" % (jar.get("commit", "?"), " dirty" if jar.get("dirty") else "", jar.get("sha256", "?"))

    for name, doc in runs:
        base = next(iter((doc.get("baseline") or {}).values()), None)
        w("- **%s**: %d accounts x %d regions, %g ms latency, %s catalogue%s; jar %s; old design %s; "
          "benchmark %.1f min." % (
              name, doc["accounts"], doc["regions"], doc["latency_ms"], doc.get("catalogue", "?"),
              ", quota-cli options `%s`" % doc["cli_args"] if doc.get("cli_args") else "",
              jar_text(doc.get("jar") or {}),
              "not run" if base is None else "at %d accounts%s, jar %s" % (
                  base["accounts"], " (extrapolated)" if base["extrapolated"] else "",
                  jar_text(doc.get("baseline_jar") or {})),
              (doc.get("bench_seconds") or 0) / 60.0))
    shapes = {(d["accounts"], d["regions"], d["latency_ms"], d.get("catalogue")) for _, d in runs}
    if len(shapes) > 1:
        w("")
        w("**The runs differ in estate or latency: their figures are not comparable as they stand.**")
    w("")
    head = "| phase | figure | " + " | ".join(name for name, _ in runs) + (" | %s / %s |" % (runs[1][0], runs[0][0]) if two else " |")
    w(head)
    w("|---|---|" + "---|" * (len(runs) + (1 if two else 0)))
    for phase, title in PHASES:
        if not any(phase in d.get("phases", {}) for _, d in runs):
            continue
        for label, get, spec, *ratio in FIGURES:
            values = []
            for _, d in runs:
                f = d.get("phases", {}).get(phase)
                values.append(None if f is None else get(f, (d.get("baseline") or {}).get(phase)))
            if all(v is None for v in values):
                continue
            row = "| %s | %s | %s |" % (title, label, " | ".join(cell(v, spec) for v in values))
            if two:
                x, y = values
                show = (ratio or [True])[0] and isinstance(x, (int, float)) and isinstance(y, (int, float)) and x
                row += " %s |" % ("%.2f" % (y / x) if show else "–")
            w(row)
    text = "\n".join(L) + "\n"
    sys.stdout.write(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
