#!/usr/bin/env python3
"""Summarises a JDK Flight Recording of one quota-cli run: where its Java threads spent CPU.

    jfr_top.py RECORDING.jfr > jfr-top.json

Reads `jfr print --events jdk.ExecutionSample` (method samples of running Java threads) and
`jfr print --events jdk.Compilation` (JIT compilations, which run on compiler threads that the
samples do not see). Reports the samples' total, the top frames (self time), and the share of
samples with a frame of each category anywhere on the stack (inclusive; categories overlap).
Caveat: JFR samples only threads running Java code, a few threads per sampling period, so with
thousands of threads and much time in the JVM itself (class loading, JIT) it sees a small part of
the CPU; the hsperf counters in the report's "JVM overhead" table cover that part.
"""

import json
import re
import subprocess
import sys
from collections import Counter

CATEGORIES = [
    ("SDK client build", r"awssdk\.core\.client\.builder\.SdkDefaultClientBuilder\.build"),
    ("SDK credentials (AssumeRole provider)", r"awssdk\.services\.sts\.auth|awssdk\.auth\.credentials"),
    ("endpoint resolution (rules)", r"awssdk\.(services\.\w+\.endpoints|core\.internal\.endpoints|endpoints)"),
    ("SigV4 signing", r"awssdk\.http\.auth\.aws|awssdk\.auth\.signer|signer\.internal"),
    ("response unmarshalling (XML)", r"awssdk\.protocols\.(query|xml)"),
    ("request/response JSON (SDK)", r"awssdk\.protocols\.json"),
    ("HTTP client (HttpURLConnection)", r"sun\.net\.www|awssdk\.http\.urlconnection"),
    ("SDK interceptors / execution pipeline", r"awssdk\.core\.internal\.http\.pipeline"),
    ("class loading", r"java\.lang\.ClassLoader\.(loadClass|defineClass)|jdk\.internal\.loader"),
    ("Failsafe (retry, rate limiter)", r"dev\.failsafe"),
    ("quota-cli output (render, write)", r"dev\.quotacli\.output"),
    ("quota-cli cache (JSON files)", r"dev\.quotacli\.cache"),
    ("YAML / config", r"org\.yaml|dev\.quotacli\.config"),
]


def jfr(args):
    return subprocess.run(["jfr"] + args, check=True, capture_output=True, text=True, timeout=300).stdout


def main():
    path = sys.argv[1]
    text = jfr(["print", "--events", "jdk.ExecutionSample", path])
    samples = []
    stack = None
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            stack = []
        elif stack is not None:
            if s == "]" or s.startswith("]"):
                samples.append(stack)
                stack = None
            elif s and s != "...":
                stack.append(re.sub(r"\s+line:.*$", "", s))
    top = Counter(st[0] for st in samples if st)
    cats = Counter()
    compiled = [(name, re.compile(rx)) for name, rx in CATEGORIES]
    for st in samples:
        joined = "\n".join(st)
        for name, rx in compiled:
            if rx.search(joined):
                cats[name] += 1
    compile_ms = 0.0
    compilations = 0
    for m in re.finditer(r"duration = ([0-9.]+) (ms|s|us)", jfr(["print", "--events", "jdk.Compilation", path])):
        v = float(m.group(1))
        compile_ms += v * {"ms": 1.0, "s": 1000.0, "us": 0.001}[m.group(2)]
        compilations += 1
    n = len(samples) or 1
    json.dump({
        "samples": len(samples),
        "top_frames": [[f, c, round(100.0 * c / n, 1)] for f, c in top.most_common(15)],
        "categories": [[k, cats[k], round(100.0 * cats[k] / n, 1)] for k, _ in CATEGORIES],
        "jit_compilations": compilations,
        "jit_compile_ms": round(compile_ms, 1),
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
