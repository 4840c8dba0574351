#!/usr/bin/env python3
"""Turns bench/run.sh's measurements into the benchmark summary (Markdown, stdout and --out).

Per quota-cli run (one subcommand of one configuration) run.sh leaves in its directory:
run.json (wall clock from `date +%s.%N`, server CPU deltas, load average), time.txt
(/usr/bin/time -v: max RSS, CPU), gc.log (unified GC log with gc+heap=debug), the .prom file
(quota_cli_api_calls by service and operation), the two latency proxies' counts
(proxy-*.json) and, for heap-scaling runs, heap.json from the HeapSampler agent.

The floor of one pass (one quota-cli process) is the largest of three lower bounds on its wall
time, all computed from the calls the proxies saw (so the rate-limiter key is the same as
quota-cli's: account, API region, signing service, operation):
  rate   max over keys of (n - 1) / RATE + latency: the client-side rate limiter (RATE calls/s per
         account, region and operation, RetrySettings.DEFAULT) spaces a key's n calls RATE apart
         and the last one still takes one latency. STS AssumeRole is made by the SDK's
         credentials provider outside the limiter and is left out.
  chain  max over targets (account x region x service) of calls x latency, + one latency for the
         account's AssumeRole: a target makes its calls one after another.
  width  all calls x latency / concurrency: at most --concurrency targets, each with one call in
         flight, run at once.
"rate-limit floor" = max(rate, chain): what an unboundedly parallel run would need; "floor at
concurrency P" adds width. Neither counts JVM start-up or CPU; both are reported separately
(start-up of `quota-cli --version`, and the CPU floor of this machine = CPU seconds of quota-cli,
moto, WireMock and both proxies / cores).
"""

import argparse
import glob
import json
import os
import re
import statistics
import sys

RATE = 8.0  # RetrySettings.DEFAULT.ratePerSecond
PROM_CALL = re.compile(r'^quota_cli_api_calls\{(.*)\}\s+([0-9.eE+-]+)')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')
EBS_OPS = {"DescribeVolumes", "DescribeSnapshots"}


def parse_time(path):
    out = {}
    try:
        with open(path) as f:
            for line in f:
                k, _, v = line.strip().rpartition(": ")
                if k == "Maximum resident set size (kbytes)":
                    out["rss_kb"] = int(v)
                elif k == "User time (seconds)":
                    out["user"] = float(v)
                elif k == "System time (seconds)":
                    out["sys"] = float(v)
    except OSError:
        pass
    return out


def parse_gc(path):
    """Peak heap in use (before any GC, and at exit) and the largest heap after a GC, in KB."""
    blocks = {}  # (gc id or 'exit', 'before'|'after') -> used KB
    current = None
    gcs = 0
    full = 0
    pause_ms = 0.0
    try:
        with open(path) as f:
            for line in f:
                m = re.search(r"GC\((\d+)\) Heap (before|after) GC", line)
                if m:
                    current = (m.group(1), m.group(2))
                    blocks[current] = 0
                    continue
                if "[gc,heap,exit" in line and line.rstrip().endswith("Heap"):
                    current = ("exit", "before")
                    blocks[current] = 0
                    continue
                m = re.search(r"(?:new|tenured|old|young) generation\s+total \d+K, used (\d+)K", line)
                if m and current is not None:
                    blocks[current] += int(m.group(1))
                    continue
                pm = re.search(r"\[gc\s*\] GC\(\d+\) Pause.* ([0-9.]+)ms\s*$", line)
                if pm:
                    pause_ms += float(pm.group(1))
                if re.search(r"\[gc\s*\] GC\(\d+\) Pause", line):
                    gcs += 1
                    if "Pause Full" in line:
                        full += 1
    except OSError:
        return {}
    before = [v for (k, w), v in blocks.items() if w == "before"]
    after = [v for (k, w), v in blocks.items() if w == "after"]
    return {"peak_used_kb": max(before) if before else None,
            "max_after_gc_kb": max(after) if after else None,
            "gcs": gcs, "full_gcs": full, "pause_s": pause_ms / 1000.0}


def parse_prom(directory):
    calls = {}
    for path in glob.glob(os.path.join(directory, "*.prom")):
        with open(path) as f:
            for line in f:
                m = PROM_CALL.match(line)
                if m:
                    labels = dict(LABEL.findall(m.group(1)))
                    key = labels.get("service", "?") + ":" + labels.get("operation", "?")
                    calls[key] = calls.get(key, 0) + int(float(m.group(2)))
    return calls


def parse_perf(path):
    """The JVM's counters at exit (jstat -snap of -XX:PerfDataSaveFile): class loading, JIT, GC."""
    v = {}
    try:
        with open(path) as f:
            for line in f:
                k, _, val = line.strip().partition("=")
                v[k] = val
    except OSError:
        return None
    if not v:
        return None
    hz = float(v.get("sun.os.hrt.frequency", "1e9"))

    def secs(*names):
        return sum(float(v.get(n, 0)) for n in names) / hz

    return {
        "classes": int(v.get("java.cls.loadedClasses", 0)) + int(v.get("java.cls.sharedLoadedClasses", 0)),
        "class_load_s": secs("sun.cls.time"),
        "jit_s": secs("sun.ci.standardTime", "sun.ci.osrTime"),
        "jit_compiles": int(v.get("sun.ci.totalCompiles", 0)),
        "gc_s": secs("sun.gc.collector.0.time", "sun.gc.collector.1.time"),
        "threads_peak": int(v.get("java.threads.livePeak", 0)),
    }


def load_json(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def target_service(service, operation, code):
    if service == "servicequotas":
        return code or "?"
    if service == "ec2":
        return "ebs" if operation in EBS_OPS else "ec2"
    if service == "monitoring":
        return "elasticloadbalancing"  # the only bench service with CloudWatch usage metrics
    return service


def floors(proxies, latency, concurrency):
    by_limiter = {}
    by_target = {}
    total = 0
    sts = 0
    for p in proxies:
        for key, n in (p.get("by_key") or {}).items():
            parts = key.split("|")
            if len(parts) < 4:
                continue  # a request with no SigV4 identity (a health check, the admin API)
            akid, region, service, op = parts[:4]
            code = parts[4] if len(parts) > 4 else None
            total += n
            if service == "sts":
                sts += n
                continue
            lk = (akid, region, service, op)
            by_limiter[lk] = by_limiter.get(lk, 0) + n
            tk = (akid, region, target_service(service, op, code))
            by_target[tk] = by_target.get(tk, 0) + n
    rate, rate_key = 0.0, None
    for k, n in by_limiter.items():
        v = (n - 1) / RATE + latency
        if v > rate:
            rate, rate_key = v, k
    chain = max(by_target.values(), default=0) * latency + (latency if sts else 0.0)
    width = total * latency / concurrency if concurrency else 0.0
    return {"rate": rate, "rate_key": rate_key, "chain": chain, "width": width,
            "unbounded": max(rate, chain), "at_p": max(rate, chain, width), "proxy_calls": total}


GLOBAL_SERVICES = {"route53", "cloudfront"}


def targets_of(proxy_stats):
    """Per target (account x region x service) its calls as limiter keys, from the proxies' counts.

    The account is the session access key; accounts are ordered by their first request (quota-cli
    works through them in account-id order). Returns (account order, {target: [limiter key, ...]}).
    """
    first_seen = {}
    targets = {}
    for p in proxy_stats:
        arrivals = p.get("arrivals") or {}
        for key, n in (p.get("by_key") or {}).items():
            parts = key.split("|")
            if len(parts) < 4:
                continue  # a request with no SigV4 identity (a health check, the admin API)
            akid, region, service, op = parts[:4]
            if service == "sts":
                continue
            code = parts[4] if len(parts) > 4 else None
            ts = target_service(service, op, code)
            t0 = min(arrivals.get(key) or [0.0])
            first_seen[akid] = min(first_seen.get(akid, t0), t0)
            region_name = "global" if ts in GLOBAL_SERVICES else region
            calls = targets.setdefault((akid, region_name, ts), [])
            lk = (akid, region, service, op)
            # Service Quotas' two lists first (the limits), then the counter's calls.
            calls.extend([(0 if service == "servicequotas" else 1, op, lk)] * n)
    for k in targets:
        targets[k] = [lk for _, _, lk in sorted(targets[k], key=lambda c: (c[0], c[1]))]
    order = {a: i for i, a in enumerate(sorted(first_seen, key=lambda a: first_seen[a]))}
    return order, targets


def simulate(order, targets, concurrency, latency, rate, interleave=False):
    """Wall time of one pass with zero CPU: a pool of `concurrency` workers takes targets in order
    (quota-cli's: account, region, service; or interleaved: the i-th target of every account
    before the (i+1)-th of any), each makes its calls one after another, a call takes `latency`
    and waits for its limiter key's next permit (smooth: 1/rate apart); an account's first target
    first makes AssumeRole (one latency, no limiter) and its other targets wait for it."""
    import heapq
    keys = sorted(targets, key=lambda t: (order.get(t[0], 0), t[1], t[2]))
    if interleave:
        rank = {}
        seen = {}
        for t in keys:
            rank[t] = seen.get(t[0], 0)
            seen[t[0]] = rank[t] + 1
        keys = sorted(keys, key=lambda t: (rank[t], order.get(t[0], 0)))
    queue = list(reversed(keys))
    next_permit = {}
    creds = {}
    spacing = 1.0 / rate
    events = []  # (time, seq, target, call index)
    seq = 0
    end = 0.0
    for _ in range(min(concurrency, len(queue))):
        t = queue.pop()
        heapq.heappush(events, (0.0, seq, t, -1))
        seq += 1
    while events:
        now, _, t, i = heapq.heappop(events)
        if i == -1:  # credentials
            acct = t[0]
            if acct not in creds:
                creds[acct] = now + latency
            heapq.heappush(events, (max(now, creds[acct]), seq, t, 0))
            seq += 1
            continue
        calls = targets[t]
        if i < len(calls):
            lk = calls[i]
            start = max(now, next_permit.get(lk, 0.0))
            next_permit[lk] = start + spacing
            heapq.heappush(events, (start + latency, seq, t, i + 1))
            seq += 1
            continue
        end = max(end, now)
        if queue:
            heapq.heappush(events, (now, seq, queue.pop(), -1))
            seq += 1
    return end


def limiter_gaps(proxy_stats):
    """Of the gaps between consecutive calls on one limiter key, how many are 1/RATE s (+-15 ms)."""
    per_key = {}
    for p in proxy_stats:
        for key, times in (p.get("arrivals") or {}).items():
            parts = key.split("|")
            if parts[2] == "sts":
                continue
            per_key.setdefault(tuple(parts[:4]), []).extend(times)
    gaps = paced = 0
    for times in per_key.values():
        times.sort()
        for a, b in zip(times, times[1:]):
            gaps += 1
            if abs((b - a) - 1.0 / RATE) <= 0.015:
                paced += 1
    return gaps, paced


def pause_of(args):
    m = re.search(r"--bench-pause-after-call\s+(\d+)(ms|s)", args)
    if not m:
        return 0.0
    return int(m.group(1)) / (1000.0 if m.group(2) == "ms" else 1.0)


def concurrency_of(args, default=16):
    m = re.search(r"--concurrency\s+(\d+)", args)
    return int(m.group(1)) if m else default


SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)')


def parse_textfiles(directory):
    """Size of each .prom file, and the run's targets by status from its self-metrics.

    files: name -> bytes, lines (all, HELP and TYPE included), self_lines (quota_cli_* samples);
    targets: status -> count (quota_cli_targets); failed_reasons: reason -> failed targets
    (quota_cli_target_failed); degraded_account_regions (quota_cli_target_degraded samples);
    from_cache (quota_cli_targets_from_cache). A family the jar does not write stays absent.
    """
    out = {"files": {}, "targets": {}, "failed_reasons": {}}
    for path in sorted(glob.glob(os.path.join(directory, "*.prom"))):
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8", "replace")
        lines = text.splitlines()
        out["files"][os.path.basename(path)] = {
            "bytes": len(data), "lines": len(lines),
            "self_lines": sum(1 for line in lines if line.startswith("quota_cli_"))}
        for line in lines:
            m = SAMPLE.match(line)
            if not m or not m.group(1).startswith("quota_cli_target"):
                continue
            name, labels, value = m.group(1), dict(LABEL.findall(m.group(2) or "")), float(m.group(3))
            if name == "quota_cli_targets":
                st = labels.get("status", "?")
                out["targets"][st] = out["targets"].get(st, 0) + int(value)
            elif name == "quota_cli_target_failed":
                rs = labels.get("reason", "?")
                out["failed_reasons"][rs] = out["failed_reasons"].get(rs, 0) + int(value)
            elif name == "quota_cli_target_degraded":
                out["degraded_account_regions"] = out.get("degraded_account_regions", 0) + 1
            elif name == "quota_cli_targets_from_cache":
                out["from_cache"] = out.get("from_cache", 0) + int(value)
    return out


def load_runs(list_file, latency, default_concurrency=16):
    runs = {}
    order = []
    with open(list_file) as f:
        paths = [line.strip() for line in f if line.strip()]
    for path in paths:
        r = load_json(path)
        if r is None:
            continue
        d = r["dir"]
        r["wall"] = r["t1"] - r["t0"]
        r["time"] = parse_time(os.path.join(d, "time.txt"))
        r["gc"] = parse_gc(os.path.join(d, "gc.log"))
        r["calls"] = parse_prom(os.path.join(d, "textfiles"))
        r["heap"] = load_json(os.path.join(d, "heap.json"))
        r["concurrency"] = concurrency_of(r["args"], default_concurrency)
        r["textfiles"] = parse_textfiles(os.path.join(d, "textfiles"))
        proxies = [load_json(os.path.join(d, n), {}) for n in ("proxy-moto.json", "proxy-wiremock.json")]
        r["proxy"] = {"requests": sum(p.get("requests", 0) for p in proxies),
                      "errors": sum(p.get("errors", 0) for p in proxies),
                      "max_in_flight": sum(p.get("max_in_flight", 0) for p in proxies),
                      "connections": sum(p.get("connections", 0) for p in proxies)}
        r["floor"] = floors(proxies, latency, r["concurrency"])
        r["pause"] = pause_of(r["args"])
        if any(p.get("by_key") for p in proxies):
            acct_order, targets = targets_of(proxies)
            per_call = latency + r["pause"]
            r["sim"] = simulate(acct_order, targets, r["concurrency"], per_call, RATE)
            r["sim_interleaved"] = simulate(acct_order, targets, r["concurrency"], per_call, RATE, interleave=True)
            r["gaps"] = limiter_gaps(proxies) if any(p.get("arrivals") for p in proxies) else None
        r["jfr"] = load_json(os.path.join(d, "jfr-top.json"))
        r["perf"] = parse_perf(os.path.join(d, "perf.txt"))
        cpu = dict(r.get("cpu_seconds", {}))
        cpu["quota-cli"] = r["time"].get("user", 0.0) + r["time"].get("sys", 0.0)
        r["cpu"] = cpu
        # CPU that other programs on the machine took during the run (other sessions' builds...).
        busy = r.get("machine_busy_seconds")
        r["other_cpu"] = None if busy is None else max(0.0, busy - sum(cpu.values()))
        if r["name"] not in runs:
            runs[r["name"]] = {}
            order.append(r["name"])
        # The fleet's phases (usage-cold, usage-force, ...); otherwise the subcommand.
        runs[r["name"]][r.get("phase", r["sub"])] = r
    return runs, order


def describe_jar(info):
    """One line on the jar a run used (run.json's "jar", written by run.sh's jar_info)."""
    if not info:
        return "target/quota-cli.jar (not recorded)"
    text = "`%s` (sha256 %s" % (info.get("path", "?"), info.get("sha256", "?"))
    if info.get("commit"):
        text += ", in a checkout at %s \"%s\"" % (info["commit"], info.get("subject", ""))
        if info.get("dirty"):
            text += " with uncommitted changes to src/, pom.xml or bin/"
        if info.get("older_than_commit"):
            text += "; the jar is older than the last commit there that changed src/, pom.xml or bin/: rebuild it?"
    return text + "; launcher `%s`)" % info.get("launcher", "?")


def jars_of(runs, names):
    """The jar of each configuration (its first run's), in order, without repeats."""
    out = []
    for n in names:
        for r in runs[n].values():
            info = r.get("jar")
            key = (info or {}).get("path"), (info or {}).get("sha256")
            if all(k != key for k, _, _ in out):
                out.append((key, info, [n]))
            else:
                next(e for e in out if e[0] == key)[2].append(n)
            break
    return [(info, names_) for _, info, names_ in out]


def mb(kb):
    return "–" if kb is None else "%.0f" % (kb / 1024.0)


def fmt(x, digits=1):
    return "–" if x is None else ("%.*f" % (digits, x))


def combine(passes):
    """Figures of a configuration: both passes added up (floors too: the passes run one after the other)."""
    c = {"wall": 0.0, "calls": {}, "floor_p": 0.0, "floor_u": 0.0, "cpu": {}, "rc": [],
         "rss_kb": 0, "peak_used_kb": 0, "other_cpu": None, "proxy_requests": 0, "errors": 0, "max_in_flight": 0}
    for sub in ("limits", "usage"):
        r = passes.get(sub)
        if r is None:
            continue
        c["wall"] += r["wall"]
        for k, v in r["calls"].items():
            c["calls"][k] = c["calls"].get(k, 0) + v
        c["floor_p"] += r["floor"]["at_p"]
        c["floor_u"] += r["floor"]["unbounded"]
        for k, v in r["cpu"].items():
            c["cpu"][k] = c["cpu"].get(k, 0.0) + v
        c["rc"].append(r["rc"])
        if r.get("other_cpu") is not None:
            c["other_cpu"] = (c["other_cpu"] or 0.0) + r["other_cpu"]
        c["rss_kb"] = max(c["rss_kb"], r["time"].get("rss_kb", 0))
        c["peak_used_kb"] = max(c["peak_used_kb"], r["gc"].get("peak_used_kb") or 0)
        c["proxy_requests"] += r["proxy"]["requests"]
        c["errors"] += r["proxy"]["errors"]
        c["max_in_flight"] = max(c["max_in_flight"], r["proxy"]["max_in_flight"])
    c["total_calls"] = sum(c["calls"].values())
    c["cpu_total"] = sum(c["cpu"].values())
    return c


# ------------------------------------------------------------------------------------ fleet

FLEET_PHASES = [
    ("usage-cold", "cold `usage`"),
    ("usage-force", "`usage --force` right after"),
    ("usage-warm", "warm `usage` rerun (within the TTL)"),
    ("limits-cold", "cold `limits --force`"),
]


def phase_figures(r, account_regions):
    """The figures of one fleet phase (one quota-cli process), for the table and the JSON."""
    calls = sum(r["calls"].values())
    sq = sum(v for k, v in r["calls"].items() if k.startswith("servicequotas:"))
    cpu = r["cpu"].get("quota-cli", 0.0)
    tf = r.get("textfiles") or {}
    files = tf.get("files", {})
    lines = sum(f["lines"] for f in files.values())
    return {
        "wall_s": r["wall"], "rc": r["rc"], "accounts": r.get("accounts"),
        "account_regions": account_regions,
        "api_calls": calls, "calls_by_operation": dict(sorted(r["calls"].items())),
        "servicequotas_calls": sq,
        "servicequotas_calls_per_account_region": sq / account_regions if account_regions else None,
        "cpu_s": cpu, "cpu_ms_per_call": 1000.0 * cpu / calls if calls else None,
        "max_rss_mb": r["time"]["rss_kb"] / 1024.0 if r["time"].get("rss_kb") else None,
        "textfiles": files,
        "textfile_lines_per_account_region": lines / account_regions if account_regions and files else None,
        "targets": tf.get("targets", {}), "failed_reasons": tf.get("failed_reasons", {}),
        "timed_out": tf.get("failed_reasons", {}).get("timeout", 0) if tf.get("targets") else None,
        "degraded_account_regions": tf.get("degraded_account_regions", 0) if tf.get("targets") else None,
        "from_cache": tf.get("from_cache"),
        "server_cpu_s": sum(v for k, v in r["cpu"].items() if k != "quota-cli"),
        "other_programs_cpu_s": r.get("other_cpu"),
        "loadavg": [r.get("loadavg_before"), r.get("loadavg_after")],
        "threads_peak": (r.get("perf") or {}).get("threads_peak"),
    }


ESTATE_WIDE_CALLS = {"servicequotas:ListAWSDefaultServiceQuotas"}


def baseline_figures(runs, a):
    """The old-design baseline per phase: measured at its own account count, extrapolated to the
    fleet's linearly in accounts (wall x fleet accounts / baseline accounts); beside it the floor of
    3 workers at the fleet's size: its calls (but the estate-wide ones) scaled likewise, x (latency
    + pause) / 3."""
    base = runs.get("baseline") or {}
    fleet = runs.get("fleet") or {}
    out = {}
    for phase, _ in FLEET_PHASES:
        r = base.get(phase)
        if r is None:
            continue
        accounts = r.get("accounts") or a.accounts
        calls = sum(r["calls"].values())
        f = fleet.get(phase)
        scale = a.accounts / accounts
        linear = r["wall"] * scale
        # The estate-wide default lists (once per region and service in a pass) do not grow.
        fixed = sum(v for k, v in r["calls"].items() if k in ESTATE_WIDE_CALLS)
        floor = ((calls - fixed) * scale + fixed) * (a.latency_ms / 1000.0 + r["pause"]) / r["concurrency"]
        out[phase] = {
            "accounts": accounts, "wall_s": r["wall"], "api_calls": calls, "rc": r["rc"],
            "extrapolated": accounts != a.accounts,
            "wall_s_at_fleet": linear, "floor_s_at_fleet": floor,
            "speedup": linear / f["wall"] if f and f["wall"] else None,
            "speedup_vs_floor": floor / f["wall"] if f and f["wall"] else None,
            "cpu_s": r["cpu"].get("quota-cli", 0.0),
            "calls_by_operation": dict(sorted(r["calls"].items())),
        }
    return out


def fleet_sections(w, a, runs, startups, startup):
    """The fleet report: one column per phase, the figures the fleet-scale issue asks for."""
    fleet = runs.get("fleet") or {}
    account_regions = a.accounts * a.regions
    figs = {p: phase_figures(fleet[p], account_regions) for p, _ in FLEET_PHASES if p in fleet}
    base = baseline_figures(runs, a)
    phases = [(p, title) for p, title in FLEET_PHASES if p in figs]
    jar = next((r.get("jar") for r in fleet.values()), None)
    base_run = next(iter((runs.get("baseline") or {}).values()), None)
    base_accounts = base_run.get("accounts") if base_run else None

    w("# quota-cli fleet benchmark%s: %d accounts x %d regions, %g ms latency per request"
      % (": " + a.label if a.label else "", a.accounts, a.regions, a.latency_ms))
    w("")
    w("quota-cli: %s." % describe_jar(jar))
    w("")
    w("Phases, each one quota-cli process at the jar's default concurrency%s: a cold `usage` (empty cache "
      "dir), `usage --force` right after it on the same cache (limits cached, usage recounted), a warm "
      "`usage` rerun within the usage TTL (same cache), and a cold `limits --force` (another empty cache "
      "dir). %s moto (EC2, ELB, SageMaker, CloudFront, CloudWatch, STS) and WireMock (Service Quotas, "
      "Route 53 GetAccountLimit) each behind a loopback proxy that sleeps %g ms before forwarding every "
      "request. Machine: %d cores, shared by quota-cli, moto, WireMock and the proxies. JVM start-up "
      "(`quota-cli --version`, best of %d): %.2f s. Seeding moto: %.0f s (not measured)." % (
          " (extra options: `%s`)" % a.cli_args if a.cli_args else "",
          "Service Quotas lists AWS-sized catalogues for ec2 and sagemaker (1730 and 810 quotas, 100 a "
          "page), the other services their configured quotas." if a.catalogue == "aws" else
          "Service Quotas lists only the configured quotas.",
          a.latency_ms, a.cores, len(startups), startup, a.seed_seconds))
    if a.bench_seconds:
        measured = sum(r["wall"] for n in runs for r in runs[n].values())
        w("")
        w("This benchmark took %.1f min in all (bench/run.sh start to report), %.1f min of it quota-cli "
          "runs; the rest is starting the servers, seeding moto and the untimed warm-up." % (
              a.bench_seconds / 60.0, measured / 60.0))
    w("")

    w("## Figures")
    w("")
    w("| | " + " | ".join(title for _, title in phases) + " |")
    w("|---|" + "---|" * len(phases))

    def row(label, cell):
        w("| %s | %s |" % (label, " | ".join(cell(p, figs[p]) for p, _ in phases)))

    def opt(x, spec="%.1f"):
        return "–" if x is None else spec % x

    row("wall s", lambda p, f: "%.1f" % f["wall_s"])
    if base:
        row("old design at %d accounts, s (%s)" % (a.accounts, "extrapolated, see below"
                                                   if any(b["extrapolated"] for b in base.values()) else "measured"),
            lambda p, f: opt(base[p]["wall_s_at_fleet"]) if p in base else "–")
        row("**speed-up vs old design**", lambda p, f: opt((base.get(p) or {}).get("speedup"), "**%.1fx**"))
    row("API calls", lambda p, f: "%d" % f["api_calls"])
    row("Service Quotas calls", lambda p, f: "%d" % f["servicequotas_calls"])
    row("Service Quotas calls per account-region",
        lambda p, f: opt(f["servicequotas_calls_per_account_region"], "%.2f"))
    row("quota-cli CPU s (user+sys)", lambda p, f: "%.1f" % f["cpu_s"])
    row("quota-cli CPU ms per API call", lambda p, f: opt(f["cpu_ms_per_call"], "%.2f"))
    row("peak RSS MB", lambda p, f: opt(f["max_rss_mb"], "%.0f"))
    row("textfile", lambda p, f: ", ".join("`%s`" % n for n in f["textfiles"]) or "–")
    row("textfile bytes", lambda p, f: ", ".join("%d" % v["bytes"] for v in f["textfiles"].values()) or "–")
    row("textfile lines (of which quota_cli_* samples)",
        lambda p, f: ", ".join("%d (%d)" % (v["lines"], v["self_lines"]) for v in f["textfiles"].values()) or "–")
    row("textfile lines per account-region", lambda p, f: opt(f["textfile_lines_per_account_region"]))
    for status in ("ok", "failed", "degraded"):
        row("targets %s (quota_cli_targets)" % status,
            lambda p, f, s=status: "%d" % f["targets"][s] if s in f["targets"] else "–")
    row("of the failed: timed out (reason timeout)", lambda p, f: opt(f["timed_out"], "%d"))
    row("failed by reason (quota_cli_target_failed)",
        lambda p, f: ", ".join("%s %d" % kv for kv in sorted(f["failed_reasons"].items())) or
        ("none" if f["targets"] else "–"))
    row("degraded account-regions (quota_cli_target_degraded)", lambda p, f: opt(f["degraded_account_regions"], "%d"))
    row("targets from cache", lambda p, f: opt(f["from_cache"], "%d"))
    row("exit code", lambda p, f: "%d" % f["rc"])
    row("peak live threads", lambda p, f: opt(f["threads_peak"], "%d"))
    row("CPU s of moto, WireMock, proxies", lambda p, f: "%.1f" % f["server_cpu_s"])
    row("CPU s other programs took meanwhile", lambda p, f: opt(f["other_programs_cpu_s"]))
    row("load average before / after", lambda p, f: "%s / %s" % tuple(f["loadavg"]))
    w("")
    w("Wall = `date +%%s.%%N` around the command (JVM start-up included). API calls from the "
      "`quota_cli_api_calls` lines of the written file (every page and retry; STS AssumeRole "
      "included); account-regions = %d accounts x %d regions = %d (the global services' calls and "
      "lines are counted in, spread over them). CPU = user+sys of the quota-cli process "
      "(/usr/bin/time -v), JVM start-up and JIT included; per API call = that CPU / API calls. Peak RSS "
      "= max resident set (/usr/bin/time -v). Textfile lines = every line (HELP and TYPE included). "
      "Targets are account x region x service work items, from the file's self-metrics; a degraded "
      "account-region (its time budget used up) counts each of its targets as degraded. Other "
      "programs' CPU is the machine's busy time (/proc/stat) minus quota-cli's and the servers': "
      "well above zero means the machine was not quiet and the wall times are inflated." % (
          a.accounts, a.regions, account_regions))
    w("")

    if base:
        jar_b = base_run.get("jar") if base_run else None
        w("## Old design (baseline)")
        w("")
        w("The same phases with `--concurrency 3 --bench-pause-after-call %s` (3 workers, a %s sleep after "
          "every API call), %d accounts x %d regions (the first %d of the fleet's accounts), %s." % (
              a.baseline_pause, a.baseline_pause, base_accounts, a.regions, base_accounts,
              "the same jar" if (jar_b or {}).get("path") == (jar or {}).get("path")
              and (jar_b or {}).get("sha256") == (jar or {}).get("sha256")
              else "quota-cli " + describe_jar(jar_b)))
        if any(b["extrapolated"] for b in base.values()):
            w("Its wall times at %d accounts are **extrapolated linearly** from that run: wall x %d / %d "
              "(proportional: its API calls grow with accounts, and with 3 workers and a %s pause its "
              "wall is mostly calls x (latency + pause) / 3). What does not grow with accounts is scaled "
              "too, which overstates it: JVM start-up, the Service Quotas default lists fetched once per "
              "region and service in a pass, and the stretches where fewer than 3 targets are left to "
              "run. A lower bound beside it: the floor of 3 busy workers, its calls scaled likewise (but "
              "the default lists) x (latency + pause) / 3, with no start-up, no CPU and no idle worker; "
              "the old design at "
              "%d accounts lies between the two." % (
                  a.accounts, a.accounts, base_accounts, a.baseline_pause, a.accounts))
        else:
            w("Measured at the fleet's size: no extrapolation.")
        w("")
        w("| phase | accounts | wall s | API calls | quota-cli CPU s | exit code | wall s at %d accounts "
          "(linear) | speed-up | floor of 3 workers at %d, s | speed-up vs that floor |" % (a.accounts, a.accounts))
        w("|---|---|---|---|---|---|---|---|---|---|")
        for p, title in FLEET_PHASES:
            b = base.get(p)
            if b is None:
                continue
            w("| %s | %d | %.1f | %d | %.1f | %d | %.1f | %s | %s | %s |" % (
                title, b["accounts"], b["wall_s"], b["api_calls"], b["cpu_s"], b["rc"], b["wall_s_at_fleet"],
                opt(b["speedup"], "%.1fx"), opt(b["floor_s_at_fleet"]), opt(b["speedup_vs_floor"], "%.1fx")))
        w("")

    w("## API calls by operation")
    w("")
    cols = [(p, t, f["calls_by_operation"]) for (p, t), f in ((pt, figs[pt[0]]) for pt in phases)]
    cols += [(p, "old design, %s, %d accounts" % (t, b["accounts"]), b["calls_by_operation"])
             for p, t in FLEET_PHASES for b in [base.get(p)] if b]
    ops = sorted({k for _, _, c in cols for k in c})
    w("| service:operation | " + " | ".join(t for _, t, _ in cols) + " |")
    w("|---|" + "---|" * len(cols))
    for op in ops:
        w("| %s | %s |" % (op, " | ".join(str(c.get(op, 0)) for _, _, c in cols)))
    w("| **total** | %s |" % " | ".join(str(sum(c.values())) for _, _, c in cols))
    w("")
    return {"label": a.label, "accounts": a.accounts, "regions": a.regions, "latency_ms": a.latency_ms,
            "catalogue": a.catalogue, "cores": a.cores, "cli_args": a.cli_args, "jar": jar,
            "startup_s": startup, "bench_seconds": a.bench_seconds, "phases": figs,
            "baseline": base, "baseline_pause": a.baseline_pause,
            "baseline_jar": base_run.get("jar") if base_run else None}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", required=True)
    p.add_argument("--startup", required=True)
    p.add_argument("--accounts", type=int, required=True)
    p.add_argument("--regions", type=int, required=True)
    p.add_argument("--latency-ms", type=float, required=True)
    p.add_argument("--default-concurrency", type=int, default=16)
    p.add_argument("--baseline-pause", default="100ms")
    p.add_argument("--seed-seconds", type=float, default=0.0)
    p.add_argument("--catalogue", choices=["aws", "configured"], default="configured",
                   help="what Service Quotas listed (run.sh's CATALOGUE)")
    p.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    p.add_argument("--out", required=True)
    p.add_argument("--fleet", action="store_true",
                   help="the fleet report (run.sh --fleet): phases fleet/usage-cold ... and the baseline's")
    p.add_argument("--label", default="", help="names the run in the fleet report's title (e.g. before)")
    p.add_argument("--cli-args", default="", help="extra quota-cli options the runs had (BENCH_CLI_ARGS)")
    p.add_argument("--bench-seconds", type=float, default=0.0, help="the whole benchmark's duration")
    p.add_argument("--json", help="fleet: also write the figures as JSON here (for bench/compare.py)")
    a = p.parse_args()
    latency = a.latency_ms / 1000.0
    runs, order = load_runs(a.runs, latency, a.default_concurrency)
    try:
        with open(a.startup) as f:
            startups = [float(x) for x in f.read().split()]
    except OSError:
        startups = []
    startup = min(startups) if startups else 0.0

    main_names = [n for n in order if not n.startswith("heap")]
    heap_names = [n for n in order if n.startswith("heap")]
    interval = next((runs[n][s]["heap"] or {}).get("interval_ms") for n in heap_names for s in runs[n]
                    if runs[n][s]["heap"]) if heap_names else None
    combined = {n: combine(runs[n]) for n in main_names}
    default_name = "c%d" % a.default_concurrency
    tool_names = [n for n in main_names if n != "baseline"]
    best_name = min(tool_names, key=lambda n: combined[n]["wall"]) if tool_names else None
    base = combined.get("baseline")

    L = []
    w = L.append
    figures = None
    if a.fleet:
        figures = fleet_sections(w, a, runs, startups, startup)
    else:
        w("# quota-cli benchmark: %d accounts x %d regions, %g ms latency per request"
          % (a.accounts, a.regions, a.latency_ms))
        w("")
        w("Full pass = `limits --force` then `usage --force` (two JVM processes, fresh cache dir). "
          "moto (EC2, ELB, SageMaker, CloudFront, CloudWatch, STS) and WireMock (Service Quotas, Route 53 "
          "GetAccountLimit) each behind a loopback proxy that sleeps %g ms before forwarding every request. "
          "%s"
          "Baseline = the same commands with `--concurrency 3 --bench-pause-after-call %s` (the old exporter: "
          "3 workers, a sleep after every API call). Machine: %d cores; everything (quota-cli, moto, WireMock, "
          "proxies) shares them. JVM start-up (`quota-cli --version`, best of %d): %.2f s. Seeding moto: %.0f s "
          "(not measured)." % (a.latency_ms,
                               "Service Quotas lists AWS-sized catalogues for ec2 and sagemaker (1730 and "
                               "810 quotas, 100 a page), the other services their configured quotas. "
                               if a.catalogue == "aws" else
                               "Service Quotas lists only the configured quotas. ",
                               a.baseline_pause, a.cores, len(startups), startup, a.seed_seconds))
        w("")
        for info, names in jars_of(runs, main_names + heap_names):
            w("quota-cli of %s: %s." % (", ".join(names), describe_jar(info)))
        if a.cli_args:
            w("Extra quota-cli options in every run: `%s`." % a.cli_args)
        w("")
        w("## Summary")
        w("")
        w("| configuration | limits s | usage s | total s | API calls | floor at P s | wall / floor | "
          "rate-limit floor s | CPU s (cli+servers) | CPU floor s | other programs' CPU s | max RSS MB | peak heap used MB | exit codes |")
        w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for n in main_names:
            c = combined[n]
            lim = runs[n].get("limits", {}).get("wall")
            use = runs[n].get("usage", {}).get("wall")
            label = n
            if n == default_name:
                label += " (default)"
            if n == best_name and n != default_name:
                label += " (best)"
            w("| %s | %s | %s | %.1f | %d | %.1f | %.1f | %.2f | %.1f (%.1f+%.1f) | %.1f | %s | %s | %s | %s |" % (
                label, fmt(lim), fmt(use), c["wall"], c["total_calls"], c["floor_p"],
                c["wall"] / c["floor_p"] if c["floor_p"] else float("nan"), c["floor_u"],
                c["cpu_total"], c["cpu"].get("quota-cli", 0), c["cpu_total"] - c["cpu"].get("quota-cli", 0),
                c["cpu_total"] / a.cores, fmt(c["other_cpu"]), mb(c["rss_kb"]), mb(c["peak_used_kb"]),
                "/".join(str(x) for x in c["rc"])))
        w("")
        w("Columns: wall clock per pass (`date +%%s.%%N` around the command, JVM start-up included); API calls "
          "from the `quota_cli_api_calls` lines of both .prom files; floors as defined below, summed over the "
          "two passes; CPU = user+sys of quota-cli (/usr/bin/time -v) plus the CPU moto, WireMock and both "
          "proxies used during the run (/proc/PID/stat); CPU floor = that CPU / %d cores; other programs' CPU = the machine's busy CPU time (/proc/stat) during the runs minus all of the above, i.e. what other programs on a shared machine took; max RSS of the JVM "
          "(/usr/bin/time -v); peak heap used = most heap in use at any GC or at exit (GC log; includes "
          "garbage not yet collected, so it mostly reflects the young generation's size)." % a.cores)
        w("")

        # --------------------------------------------------------------- goals
        w("## Goals")
        w("")
        if base and default_name in combined:
            d = combined[default_name]
            w("- **10x faster than the baseline** (goal set for 50 x 4 at 50 ms): default %.1f s vs baseline "
              "%.1f s = **%.1fx**%s; best (%s) %.1f s = **%.1fx**." % (
                  d["wall"], base["wall"], base["wall"] / d["wall"],
                  " (met)" if base["wall"] / d["wall"] >= 10 else " (missed by %.1fx)" % (10 / (base["wall"] / d["wall"])),
                  best_name, combined[best_name]["wall"], base["wall"] / combined[best_name]["wall"]))
            w("  Baseline alone: %.1f s (%.1f min) for %d API calls." % (base["wall"], base["wall"] / 60, base["total_calls"]))
        if default_name in combined:
            d = combined[default_name]
            b = combined[best_name]
            w("- **Within 1.5x of the floor**: default %.1f s / floor at P=%d %.1f s = **%.2fx**; best (%s) %.1f s / "
              "floor at its P %.1f s = **%.2fx**. Against the rate-limit floor alone (unbounded parallelism, "
              "%.2f s) the default is %.1fx. Subtracting JVM start-up (2 x %.2f s) the default is %.2fx the floor at P." % (
                  d["wall"], a.default_concurrency, d["floor_p"], d["wall"] / d["floor_p"],
                  best_name, b["wall"], b["floor_p"], b["wall"] / b["floor_p"],
                  d["floor_u"], d["wall"] / d["floor_u"], startup,
                  (d["wall"] - 2 * startup) / d["floor_p"]))
            w("  CPU floor of this machine for the default run: %.1f s (%.1f CPU s over %d cores), i.e. wall / CPU floor "
              "= %.2f: %s." % (d["cpu_total"] / a.cores, d["cpu_total"], a.cores, d["wall"] / (d["cpu_total"] / a.cores),
                               "the run is CPU-bound on this machine" if d["wall"] < 1.3 * d["cpu_total"] / a.cores
                               else "the run is not CPU-bound"))
        if default_name in combined and base:
            d = combined[default_name]
            dr = runs[default_name]
            sim = sum(dr[s].get("sim") or 0 for s in dr)
            simi = sum(dr[s].get("sim_interleaved") or 0 for s in dr)
            bsim = sum(runs["baseline"][s].get("sim") or 0 for s in runs["baseline"])
            threads = max((dr[s].get("perf") or {}).get("threads_peak", 0) for s in dr)
            w("- **Where the default run's time goes.** Replayed with zero CPU (see Per pass), quota-cli's "
              "scheduling alone needs %.1f s (baseline: %.1f s), i.e. at most %.1fx the baseline even on an "
              "infinitely fast machine: targets run in (account, region, service) order, so the %d concurrent "
              "targets are mostly one or two accounts' and queue on the same per-account limiter keys. Interleaving "
              "targets across accounts would need %.1f s (%.1fx). On top comes CPU, which this %d-core machine shares "
              "with the emulators: %.1f CPU s, at least %.1f s of wall (quota-cli %.1f CPU s, much of it JVM class "
              "loading and JIT, see JVM overhead; peak %d live threads), plus %.1f CPU s that other programs took "
              "during the runs." % (
                  sim, bsim, bsim / sim if sim else 0, a.default_concurrency, simi, bsim / simi if simi else 0,
                  a.cores, d["cpu_total"], d["cpu_total"] / a.cores, d["cpu"].get("quota-cli", 0), threads,
                  d["other_cpu"] or 0))
        if heap_names:
            pts = []
            for n in heap_names:
                accounts = int(n[4:])
                live = max((runs[n][s]["heap"] or {}).get("max_live_bytes", 0) for s in runs[n])
                pts.append((accounts, live / 1048576.0))
            pts.sort()
            verdict = ""
            if len(pts) >= 3:
                slopes = [(pts[i + 1][1] - pts[i][1]) / (pts[i + 1][0] - pts[i][0]) for i in range(len(pts) - 1)]
                ok = all(slopes[i + 1] <= 1.5 * max(slopes[i], 0) + 0.1 for i in range(len(slopes) - 1))
                verdict = " Per-account increments: %s MB/account%s." % (
                    ", ".join("%.2f" % s for s in slopes),
                    " — not growing: at most linear (met)" if ok else " — growing: faster than linear (missed)")
            rss = []
            for n in heap_names:
                rss.append((int(n[4:]), max(runs[n][s]["time"].get("rss_kb", 0) for s in runs[n]) / 1024.0))
            rss.sort()
            w("- **Peak heap grows at most linearly in accounts** (1 region; peak live heap, sampled by a full GC every "
              "%s ms, max of both passes): %s.%s Max RSS: %s." % (
                  interval, ", ".join("%d accounts %.1f MB" % p for p in pts), verdict,
                  ", ".join("%d accounts %.0f MB" % p for p in rss)))
        w("")

        # --------------------------------------------------------------- calls by operation
        w("## API calls by operation (limits + usage)")
        w("")
        cols = [n for n in main_names]
        ops = sorted({k for n in cols for k in combined[n]["calls"]})
        w("| service:operation | " + " | ".join(cols) + " |")
        w("|---|" + "---|" * len(cols))
        for op in ops:
            w("| %s | %s |" % (op, " | ".join(str(combined[n]["calls"].get(op, 0)) for n in cols)))
        w("| **total** | %s |" % " | ".join(str(combined[n]["total_calls"]) for n in cols))
        w("| requests the proxies saw | %s |" % " | ".join(str(combined[n]["proxy_requests"]) for n in cols))
        w("| proxy 5xx/failed | %s |" % " | ".join(str(combined[n]["errors"]) for n in cols))
        w("| most requests in flight (both proxies) | %s |" % " | ".join(str(combined[n]["max_in_flight"]) for n in cols))
        w("")

    # --------------------------------------------------------------- per pass detail
    w("## Per pass")
    w("")
    w("| run | pass | wall s | calls | rate s | chain s | width s | floor at P s | wall/floor | "
      "simulated, quota-cli's order s | simulated, interleaved s | limiter-paced gaps | mean calls in flight | "
      "quota-cli CPU s | moto CPU s | WireMock CPU s | proxies CPU s | other programs' CPU s | GCs (full), pause s | "
      "load avg before/after |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in order:
        for sub, r in runs[n].items():
            f = r["floor"]
            cpu = r["cpu"]
            gaps = r.get("gaps")
            w("| %s | %s | %.2f | %d | %.2f | %.2f | %.2f | %.2f | %.1f | %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s (%s), %.2f | %s/%s |" % (
                n, sub, r["wall"], sum(r["calls"].values()), f["rate"], f["chain"], f["width"], f["at_p"],
                r["wall"] / f["at_p"] if f["at_p"] else float("nan"),
                fmt(r.get("sim"), 2), fmt(r.get("sim_interleaved"), 2),
                "%d of %d" % (gaps[1], gaps[0]) if gaps else "–",
                f["proxy_calls"] * latency / r["wall"] if r["wall"] else 0.0, cpu.get("quota-cli", 0),
                cpu.get("moto", 0), cpu.get("wiremock", 0), cpu.get("proxy_moto", 0) + cpu.get("proxy_wiremock", 0),
                fmt(r["other_cpu"]), r["gc"].get("gcs", "–"), r["gc"].get("full_gcs", "–"), r["gc"].get("pause_s", 0.0),
                r.get("loadavg_before", "–"), r.get("loadavg_after", "–")))
    w("")
    w("Simulated = the pass replayed with zero CPU from the calls the proxies saw: a pool of P workers "
      "takes targets in quota-cli's order (account, region, service) or interleaved across accounts (every "
      "account's first target, then every account's second, ...), each call takes the latency (plus the "
      "baseline's pause) and waits for its limiter key's next permit (1/%g s apart); an account's targets "
      "wait for its AssumeRole. Limiter-paced gaps: consecutive calls on one limiter key %g ms apart "
      "(+-15 ms), i.e. calls the rate limiter held back. Mean calls in flight = calls x latency / wall." % (RATE, 1000.0 / RATE))
    w("")
    w("## JVM overhead of quota-cli (its own counters at exit)")
    w("")
    w("| run | pass | quota-cli CPU s | classes loaded | class loading s | JIT compiling s (compilations) | GC s | peak threads |")
    w("|---|---|---|---|---|---|---|---|")
    for n in order:
        for sub, r in runs[n].items():
            if not r.get("perf"):
                continue
            pf = r["perf"]
            w("| %s | %s | %.1f | %d | %.1f | %.1f (%d) | %.2f | %d |" % (
                n, sub, r["cpu"].get("quota-cli", 0), pf["classes"], pf["class_load_s"], pf["jit_s"],
                pf["jit_compiles"], pf["gc_s"], pf["threads_peak"]))
    w("")
    w("Class loading and JIT times are the JVM's hsperf counters (sun.cls.time, sun.ci.*Time): time spent, "
      "on any thread, loading/linking/initialising classes and compiling (C1 only: the launcher passes "
      "-XX:TieredStopAtLevel=1); they show how much of quota-cli's CPU is the JVM warming up rather than "
      "work per API call.")
    w("")
    profiled = [(n, s, r) for n in order for s, r in runs[n].items() if r.get("jfr")]
    for n, sub, r in profiled:
        j = r["jfr"]
        w("## CPU profile: %s %s (JFR, %d samples of running Java threads; JIT: %d compilations, %.1f s)" % (
            n, sub, j["samples"], j["jit_compilations"], j["jit_compile_ms"] / 1000.0))
        w("")
        w("| category (any frame on the stack; categories overlap) | samples | share |")
        w("|---|---|---|")
        for name, count, share in sorted(j["categories"], key=lambda c: -c[1]):
            w("| %s | %d | %.1f %% |" % (name, count, share))
        w("")
        w("| top frame (self) | samples | share |")
        w("|---|---|---|")
        for frame, count, share in j["top_frames"][:10]:
            w("| `%s` | %d | %.1f %% |" % (frame, count, share))
        w("")
    if heap_names:
        w("## Heap scaling (1 region, default concurrency)")
        w("")
        w("| accounts | pass | wall s | peak live heap MB | samples | heap pools' peak MB | max RSS MB |")
        w("|---|---|---|---|---|---|---|")
        for n in heap_names:
            for sub in ("limits", "usage"):
                r = runs[n].get(sub)
                if r is None:
                    continue
                h = r["heap"] or {}
                w("| %s | %s | %.1f | %s | %s | %s | %s |" % (
                    n[4:], sub, r["wall"], fmt(h.get("max_live_bytes", 0) / 1048576.0) if h else "–",
                    h.get("samples", "–"), fmt(h.get("pool_peaks_bytes", 0) / 1048576.0) if h else "–",
                    mb(r["time"].get("rss_kb"))))
        w("")
        w("Peak live heap: bench/HeapSampler.java, a Java agent loaded only in these runs, forces a full GC "
          "every %s ms and takes the heap in use right after it, i.e. the live set at that moment; the "
          "maximum over the run is reported. That is robust to GC timing and heap sizing (the GC log's "
          "before/after figures are not: they mostly show how big the young generation is), at the price of "
          "slower runs (their wall times are not comparable with the table above)." % interval)
        w("")
    w("## Floor, defined")
    w("")
    w("For one pass (one quota-cli process), from the requests the proxies counted by account (SigV4 access "
      "key), region, signing service and operation, with latency L = %g s and the client-side rate limit "
      "of %g calls/s per account, region and operation (RetrySettings.DEFAULT):" % (latency, RATE))
    w("")
    w("- rate = max over (account, region, operation) of (n - 1) / %g + L: the limiter spaces a key's n calls "
      "1/%g s apart and the last one still takes L (STS AssumeRole, made by the SDK outside the limiter, is "
      "left out);" % (RATE, RATE))
    w("- chain = max over targets (account x region x service) of calls x L, + L for the account's "
      "AssumeRole: a target's calls are sequential;")
    w("- width = all calls x L / P: at most P = --concurrency targets, one call each, are in flight.")
    w("")
    w("floor at P = max(rate, chain, width); rate-limit floor = max(rate, chain), what a run with unbounded "
      "parallelism would need. A configuration's floor is the sum over its two passes. None of them counts "
      "JVM start-up, CPU time or the servers' own service time; the CPU floor (CPU seconds of every process "
      "/ cores) is given beside them because on this machine the client, both servers and the proxies share "
      "%d cores." % a.cores)
    w("")
    text = "\n".join(L) + "\n"
    sys.stdout.write(text)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(text)
    if a.json and figures is not None:
        with open(a.json, "w") as f:
            json.dump(figures, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
