#!/usr/bin/env bash
# quota-cli benchmark: a full `limits` + `usage` pass over ACCOUNTS x REGIONS against moto behind a
# loopback proxy that adds LATENCY_MS to every request, compared with a baseline that mimics the
# old exporter (3 workers, a 0.1 s sleep after every API call).
#
#   mvn -B -q -o -DskipTests package && bench/run.sh            # 50 accounts x 4 regions, 50 ms
#   bench/run.sh --quick                                        # 5 x 2 smoke run (about a minute)
#   ACCOUNTS=20 REGIONS=2 LATENCY_MS=100 bench/run.sh
#   bench/run.sh --accounts 300 --regions 4 --no-baseline       # 300 x 4, limits + usage
#   bench/run.sh --fleet --label after                          # fleet sequence, 300 x 2 (below)
#
# --fleet: the fleet-scale figures, ACCOUNTS 300 x REGIONS 2 by default. One quota-cli process per
# phase at the jar's default concurrency: a cold `usage` (empty cache dir), `usage --force` on the
# same cache right after, a warm `usage` rerun within the TTL, and a cold `limits --force` (another
# empty cache dir); then the old-design baseline (cold usage, usage --force, cold limits --force) at
# BASELINE_ACCOUNTS (default 30, the first of the fleet's accounts; the report extrapolates it
# linearly to ACCOUNTS and says so). No concurrency sweep, no heap scaling. --label NAME names the
# run; the summary goes to bench/results/fleet/NAME.md (gitignored) with the figures as JSON beside
# it (NAME.json; bench/compare.py puts several side by side). RUN_TIMEOUT defaults to 900 s.
#
# Work files go to bench/.work/run.XXXXXX (caches removed at the end, measurements kept; the two
# most recent earlier ones are kept too; BENCH_KEEP=1 keeps everything).
# Environment: ACCOUNTS (50), REGIONS (4), LATENCY_MS (50), CONCURRENCIES ("32 64": tried besides
# the default 16), SCALING_ACCOUNTS ("10 25 50": heap-scaling runs in 1 region), BASELINE_PAUSE
# (100ms), RUN_TIMEOUT (1800 s per quota-cli command), BENCH_KEEP=1 keeps the work directory,
# BENCH_JAVA_OPTS (extra JVM options for every quota-cli run, for experiments), PROFILE=1 (JFR
# CPU profile of the default-concurrency runs, summarised in the report), HEAP_SAMPLE_MS (100),
# EXPERIMENTS ('name|JVM options;...': extra configurations at the default concurrency),
# CATALOGUE (aws: Service Quotas lists AWS-sized ec2 and sagemaker catalogues, 1730 and 810
# quotas, 100 a page; configured: only the quotas bench/quotas.yaml lists), QUOTA_CLI_JAR (the jar
# measured, default target/quota-cli.jar; e.g. one built from an older commit in a git worktree),
# BASELINE_JAR (the jar of the old-design baseline, default QUOTA_CLI_JAR). A jar runs under the
# bin/quota-cli of the checkout it was built in (JAR/../../bin/quota-cli) if there is one, else
# under this checkout's; never with a class-data sharing archive (QUOTA_CLI_CDS=0), so that a
# stray quota-cli.jsa next to one jar does not favour it.
# BENCH_CLI_ARGS: extra quota-cli options for every run (e.g. --ignore-degradation), split on
# whitespace. BASELINE_ACCOUNTS (--fleet only): accounts of the baseline.
# Options: --accounts N and --regions R (as ACCOUNTS and REGIONS), --catalogue aws|configured,
# --fleet, --label NAME, --baseline-accounts N (as BASELINE_ACCOUNTS),
# --quick (5 x 2, scaling 2 5), --no-baseline, --no-scaling, --out FILE (default
# bench/results/latest.md, which is committed; quick runs bench/results/quick/latest.md, which is
# gitignored, so that a smoke run leaves the checkout unchanged).
#
# Starts on 127.0.0.1 (free ports): moto_server (EC2, ELB, SageMaker, CloudFront, STS, CloudWatch), WireMock
# standalone (Service Quotas and Route 53 GetAccountLimit, mappings from bench/estate.py), and two
# latency proxies (bench/latency_proxy.py), one in front of each. Seeds moto directly with boto3.
# Every quota-cli run gets a fresh cache dir and textfile dir and runs under /usr/bin/time -v with
# a GC log; bench/report.py turns the measurements into the summary (stdout and --out). Every
# process started here is stopped on exit; every wait is bounded.
set -euo pipefail

bench_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$bench_dir/.." && pwd)"
# Read before the cd (a relative path is the caller's) and before every QUOTA_CLI_* variable of the
# caller's environment is unset (below, before quota-cli runs).
bench_jar="$(readlink -m -- "${QUOTA_CLI_JAR:-$repo/target/quota-cli.jar}")"
baseline_jar="$(readlink -m -- "${BASELINE_JAR:-$bench_jar}")"
cd "$repo"

quick=0 fleet=0 baseline=1 scaling=1 out="" label="${LABEL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --fleet) fleet=1 ;;
    --label) label="${2:-}"; shift ;;
    --label=*) label="${1#--label=}" ;;
    --baseline-accounts) BASELINE_ACCOUNTS="${2:-}"; shift ;;
    --baseline-accounts=*) BASELINE_ACCOUNTS="${1#--baseline-accounts=}" ;;
    --no-baseline) baseline=0 ;;
    --no-scaling) scaling=0 ;;
    --accounts) ACCOUNTS="${2:-}"; shift ;;
    --accounts=*) ACCOUNTS="${1#--accounts=}" ;;
    --regions) REGIONS="${2:-}"; shift ;;
    --regions=*) REGIONS="${1#--regions=}" ;;
    --catalogue) CATALOGUE="${2:-}"; shift ;;
    --catalogue=*) CATALOGUE="${1#--catalogue=}" ;;
    --out) out="$2"; shift ;;
    --out=*) out="${1#--out=}" ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$quick" = 1 ]; then
  ACCOUNTS="${ACCOUNTS:-5}" REGIONS="${REGIONS:-2}"
  CONCURRENCIES="${CONCURRENCIES-32}" SCALING_ACCOUNTS="${SCALING_ACCOUNTS:-2 5}"
  out="${out:-$bench_dir/results/quick/latest.md}"
fi
if [ "$fleet" = 1 ]; then
  [ "$quick" = 0 ] || { echo "bench: --fleet and --quick do not combine" >&2; exit 2; }
  [[ "$label" =~ ^[A-Za-z0-9._-]*$ ]] || { echo "bench: --label: letters, digits, . _ - only" >&2; exit 2; }
  ACCOUNTS="${ACCOUNTS:-300}" REGIONS="${REGIONS:-2}" CONCURRENCIES="" RUN_TIMEOUT="${RUN_TIMEOUT:-900}"
  scaling=0
  # Not the committed results/latest.md: under the gitignored results/fleet/.
  out="${out:-$bench_dir/results/fleet/${label:-latest}.md}"
elif [ -n "${BASELINE_ACCOUNTS:-}" ]; then
  echo "bench: BASELINE_ACCOUNTS / --baseline-accounts apply to --fleet only" >&2; exit 2
fi
ACCOUNTS="${ACCOUNTS:-50}"
REGIONS="${REGIONS:-4}"
LATENCY_MS="${LATENCY_MS:-50}"
CONCURRENCIES="${CONCURRENCIES-32 64}"
SCALING_ACCOUNTS="${SCALING_ACCOUNTS:-10 25 50}"
BASELINE_PAUSE="${BASELINE_PAUSE:-100ms}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
read -r -a cli_extra <<<"${BENCH_CLI_ARGS:-}"
PROFILE="${PROFILE:-0}"
HEAP_SAMPLE_MS="${HEAP_SAMPLE_MS:-100}"
RUN_TIMEOUT="${RUN_TIMEOUT:-1800}"
CATALOGUE="${CATALOGUE:-aws}"
DEFAULT_CONCURRENCY=64  # quota-cli's own default (--concurrency)
out="${out:-$bench_dir/results/latest.md}"
startup_timeout=60
wiremock_version=3.10.0

say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
is_int() { [[ "$1" =~ ^[1-9][0-9]*$ ]]; }

is_int "$ACCOUNTS" || die "ACCOUNTS must be a positive integer"
is_int "$REGIONS" && [ "$REGIONS" -le 12 ] || die "REGIONS must be 1..12"
[ "$ACCOUNTS" -le 9999 ] || die "ACCOUNTS must be at most 9999"
case "$CATALOGUE" in aws|configured) ;; *) die "CATALOGUE must be aws or configured" ;; esac
[[ "$LATENCY_MS" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "LATENCY_MS must be a number of milliseconds"
if [ "$fleet" = 1 ]; then
  [ -z "${EXPERIMENTS:-}" ] || echo "bench: warning: EXPERIMENTS are not run with --fleet" >&2
  BASELINE_ACCOUNTS="${BASELINE_ACCOUNTS:-$((ACCOUNTS < 30 ? ACCOUNTS : 30))}"
  is_int "$BASELINE_ACCOUNTS" && [ "$BASELINE_ACCOUNTS" -le "$ACCOUNTS" ] \
    || die "BASELINE_ACCOUNTS must be 1..ACCOUNTS ($ACCOUNTS)"
fi
for c in $CONCURRENCIES; do is_int "$c" && [ "$c" -le 256 ] || die "CONCURRENCIES: $c is not 1..256"; done
scaling_list=()
[ "$scaling" = 1 ] || SCALING_ACCOUNTS=""
for n in $SCALING_ACCOUNTS; do
  is_int "$n" || die "SCALING_ACCOUNTS: $n is not a positive integer"
  if [ "$n" -le "$ACCOUNTS" ]; then scaling_list+=("$n"); else
    echo "bench: warning: heap-scaling size $n > ACCOUNTS=$ACCOUNTS, skipped" >&2; fi
done

for tool in java javac jar jstat python3 curl moto_server timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found on PATH (moto_server: pip install 'moto[server]')"
done
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time): it gives the max RSS"
python3 -c 'import boto3, yaml' 2>/dev/null || die "python3 cannot import boto3 and yaml (installed with moto[server])"
[ -f "$bench_jar" ] || die "$bench_jar not found; build it first: mvn -B -q -o -DskipTests package (or set QUOTA_CLI_JAR)"
[ -f "$baseline_jar" ] || die "BASELINE_JAR: $baseline_jar not found"

wiremock_jar="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$wiremock_version/wiremock-standalone-$wiremock_version.jar"

# Under bench/.work (gitignored), not /tmp: other programs on a shared machine clean /tmp.
mkdir -p "$bench_dir/.work"
# Keep the two most recent earlier work directories, remove older ones.
{ ls -1dt "$bench_dir"/.work/run.* 2>/dev/null || true; } | tail -n +3 | while IFS= read -r old; do rm -rf "$old"; done
work="$(mktemp -d "$bench_dir/.work/run.XXXXXX")"
logs="$work/logs"
mkdir -p "$logs" "$work/runs"

if [ ! -f "$wiremock_jar" ]; then
  say "Fetching WireMock $wiremock_version (Maven Central)"
  mvn -B -q dependency:get -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version" \
    >"$logs/mvn.log" 2>&1 || { cat "$logs/mvn.log" >&2; die "could not fetch WireMock $wiremock_version"; }
fi

# ---------------------------------------------------------------- processes

pids=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$? pid watchdog
  if [ "${#pids[@]}" -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    (for _ in $(seq 100); do sleep 0.1; done; kill -KILL "${pids[@]}" 2>/dev/null) &
    watchdog=$!
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    kill "$watchdog" 2>/dev/null || true
    wait "$watchdog" 2>/dev/null || true
  fi
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$rc" != 0 ]; then
    echo "bench: work directory kept: $work" >&2
  else
    # Keep the measurements (report.py can be rerun on them), drop caches and server files.
    rm -rf "$work"/cache-* "$work/wiremock" "$work/agent" "$work"/runs/*/textfiles/*.tmp "$work"/runs/*/rec.jfr
    echo "bench: measurements kept in $work (report: python3 bench/report.py --runs $work/runs.list ...)" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=bench/servers.sh
. "$bench_dir/servers.sh"

say "Estate: $ACCOUNTS accounts x $REGIONS regions, latency ${LATENCY_MS} ms per request, $CATALOGUE catalogue; work dir $work"
python3 "$bench_dir/estate.py" accounts --accounts "$ACCOUNTS" --regions "$REGIONS" --out "$work/accounts.yaml"
for n in "${scaling_list[@]}"; do
  python3 "$bench_dir/estate.py" accounts --accounts "$n" --regions 1 --out "$work/accounts-$n.yaml"
done
if [ "$fleet" = 1 ]; then
  # The fleet's first BASELINE_ACCOUNTS accounts (estate.py numbers them the same way).
  python3 "$bench_dir/estate.py" accounts --accounts "$BASELINE_ACCOUNTS" --regions "$REGIONS" \
    --out "$work/accounts-baseline.yaml"
fi
python3 "$bench_dir/estate.py" wiremock --quotas "$bench_dir/quotas.yaml" --out "$work/wiremock" \
  --catalogue "$CATALOGUE" >&2

moto_port="$(free_port)"
# No default AMIs: moto 5.2.1 then also has none of their snapshots, which DescribeSnapshots
# (OwnerIds=self is ignored by moto) would otherwise serialise by the hundred, ~0.6 s a call.
MOTO_EC2_LOAD_DEFAULT_AMIS=false moto_server -H 127.0.0.1 -p "$moto_port" >"$logs/moto.log" 2>&1 &
moto_pid=$!; pids+=("$moto_pid")
wiremock_port="$(free_port)"
java -Xmx1g -jar "$wiremock_jar" --bind-address 127.0.0.1 --port "$wiremock_port" \
  --root-dir "$work/wiremock" --disable-banner --no-request-journal --async-response-enabled false \
  --container-threads 200 >"$logs/wiremock.log" 2>&1 &
wiremock_pid=$!; pids+=("$wiremock_pid")
wait_for "moto_server" "$moto_pid" "http://127.0.0.1:$moto_port/" "$logs/moto.log"
wait_for "WireMock" "$wiremock_pid" "http://127.0.0.1:$wiremock_port/__admin/mappings" "$logs/wiremock.log"

# One proxy process per upstream, so the two do not share one Python interpreter lock.
proxy_max_seconds=$((RUN_TIMEOUT * 8 + 3600))
python3 "$bench_dir/latency_proxy.py" --latency-ms "$LATENCY_MS" --max-seconds "$proxy_max_seconds" \
  --route "moto=http://127.0.0.1:$moto_port" --ready-file "$work/proxy-moto.json" >"$logs/proxy-moto.log" 2>&1 &
proxy_moto_pid=$!; pids+=("$proxy_moto_pid")
python3 "$bench_dir/latency_proxy.py" --latency-ms "$LATENCY_MS" --max-seconds "$proxy_max_seconds" \
  --route "wiremock=http://127.0.0.1:$wiremock_port" --ready-file "$work/proxy-wiremock.json" >"$logs/proxy-wiremock.log" 2>&1 &
proxy_wm_pid=$!; pids+=("$proxy_wm_pid")
deadline=$((SECONDS + startup_timeout))
until [ -s "$work/proxy-moto.json" ] && [ -s "$work/proxy-wiremock.json" ]; do
  kill -0 "$proxy_moto_pid" 2>/dev/null && kill -0 "$proxy_wm_pid" 2>/dev/null \
    || { cat "$logs"/proxy-*.log >&2; die "a latency proxy exited during startup"; }
  [ "$SECONDS" -lt "$deadline" ] || die "the latency proxies did not start within ${startup_timeout}s"
  sleep 0.1
done
pm_port="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["moto"])' "$work/proxy-moto.json")"
pw_port="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["wiremock"])' "$work/proxy-wiremock.json")"
say "moto :$moto_port (proxy :$pm_port), WireMock :$wiremock_port (proxy :$pw_port)"

say "Warming WireMock up (directly, not through the proxy)"
timeout -k 10 300 python3 "$bench_dir/estate.py" warm-wiremock --url "http://127.0.0.1:$wiremock_port" \
  --quotas "$bench_dir/quotas.yaml" >&2 || die "WireMock warm-up failed (log: $logs/wiremock.log)"

say "Seeding moto directly (not through the proxy)"
# 50 x 4 took 39 s: allow 2 s per account and region, at least 15 min.
seed_timeout=$((ACCOUNTS * REGIONS * 2 > 900 ? ACCOUNTS * REGIONS * 2 : 900))
seed_t0=$(date +%s.%N)
timeout -k 10 $((seed_timeout + 60)) python3 "$bench_dir/estate.py" seed --moto "http://127.0.0.1:$moto_port" \
  --accounts "$ACCOUNTS" --regions "$REGIONS" --timeout "$seed_timeout" >&2 \
  || die "seeding moto failed (log: $logs/moto.log)"
seed_t1=$(date +%s.%N)

# ---------------------------------------------------------------- quota-cli runs

export AWS_ACCESS_KEY_ID=AKIABENCHAMBIENT0001 AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1
export AWS_CONFIG_FILE="$work/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$work/no-aws-credentials"
export AWS_EC2_METADATA_DISABLED=true
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL QUOTA_CLI_JAVA_OPTS
# No QUOTA_CLI_* option may leak in from the caller's environment.
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(QUOTA_CLI_[A-Z0-9_]*\)=.*/\1/p')
# No class-data sharing archive for any jar (see QUOTA_CLI_JAR above).
export QUOTA_CLI_CDS=0

# launcher_for JAR: the bin/quota-cli of the checkout the jar was built in (JAR/../../bin), else ours.
launcher_for() {
  local l
  l="$(dirname "$(dirname "$1")")/bin/quota-cli"
  [ -x "$l" ] || l="$repo/bin/quota-cli"
  echo "$l"
}
# jar_info JAR OUT.json: what the report says of a jar: path, launcher, digest, and the commit of
# the checkout it sits in (if any; dirty when src/, pom.xml or bin/ differ from it).
jar_info() {
  python3 - "$1" "$(launcher_for "$1")" "$2" <<'PY'
import hashlib, json, os, subprocess, sys
jar, launcher, out = sys.argv[1:4]
h = hashlib.sha256()
with open(jar, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
info = {"path": jar, "launcher": launcher, "sha256": h.hexdigest()[:12], "bytes": os.path.getsize(jar),
        "mtime": os.path.getmtime(jar)}
def git(*args):
    r = subprocess.run(["git", "-C", os.path.dirname(jar)] + list(args), capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None
commit = git("rev-parse", "--short=12", "HEAD")
if commit:
    info["commit"] = commit
    info["subject"] = (git("log", "-1", "--format=%s", "HEAD") or "")[:100]
    # What goes into the jar or runs it: src/, pom.xml, bin/ (not bench/ or docs).
    built_from = ["--", ":/src", ":/pom.xml", ":/bin"]
    info["dirty"] = bool(git("status", "--porcelain", "--untracked-files=no", *built_from))
    # A jar older than the last commit that changed those may not have been rebuilt since.
    info["source_commit_time"] = float(git("log", "-1", "--format=%ct", "HEAD", *built_from) or 0)
    info["older_than_commit"] = info["mtime"] < info["source_commit_time"]
with open(out, "w") as f:
    json.dump(info, f)
PY
}
jar_info "$bench_jar" "$work/jar.json"
jar_info "$baseline_jar" "$work/jar-baseline.json"
# The jar (and its launcher) of the runs that follow; the baseline switches to BASELINE_JAR.
use_jar() {
  cur_jar="$1" cur_jar_info="$2" cur_launcher="$(launcher_for "$1")"
}
use_jar "$bench_jar" "$work/jar.json"
say "quota-cli: $bench_jar (launcher $cur_launcher)"

endpoints=(
  --endpoint-url "http://127.0.0.1:$pm_port"
  --service-endpoint "servicequotas=http://127.0.0.1:$pw_port"
  --service-endpoint "route53=http://127.0.0.1:$pw_port"
)
clk_tck="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Busy jiffies of the whole machine (user+nice+system+irq+softirq+steal): with the processes'
# own ticks it tells how much CPU other programs took during a run.
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
proxy_ctl() { curl -s --max-time 10 -X "$1" "http://127.0.0.1:$2/__latency_proxy__/$3"; }

# run_one NAME PHASE ACCOUNTS_FILE CACHE_DIR EXTRA_JAVA_OPTS -- QUOTA-CLI OPTIONS...
# PHASE: limits or usage (with --force), or the fleet's usage-cold and usage-warm (without it),
# usage-force and limits-cold (with it).
run_one() {
  local name="$1" phase="$2" accounts_file="$3" cache="$4" java_extra="$5"
  shift 6
  local dir="$work/runs/$name-$phase" sub="${phase%%-*}" rc=0 t0 t1 c_moto c_wm c_pm c_pw load0 busy0 n_accounts
  local force=(--force)
  case "$phase" in usage-cold|usage-warm) force=() ;; esac
  n_accounts="$(grep -c '^  - account_id:' "$accounts_file" || true)"
  mkdir -p "$dir/textfiles"
  java_extra="${java_extra//@DIR@/$dir}"
  load0="$(cut -d' ' -f1 /proc/loadavg)"
  proxy_ctl POST "$pm_port" reset >/dev/null; proxy_ctl POST "$pw_port" reset >/dev/null
  c_moto=$(cpu_ticks "$moto_pid") c_wm=$(cpu_ticks "$wiremock_pid")
  c_pm=$(cpu_ticks "$proxy_moto_pid") c_pw=$(cpu_ticks "$proxy_wm_pid")
  busy0=$(busy_ticks)
  t0=$(date +%s.%N)
  QUOTA_CLI_JAR="$cur_jar" QUOTA_CLI_JAVA_OPTS="-Xlog:gc,gc+heap=debug,gc+heap+exit=debug:file=$dir/gc.log:uptime,level,tags -XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=$dir/perf.hsperf $BENCH_JAVA_OPTS $java_extra" \
    timeout -k 10 "$RUN_TIMEOUT" /usr/bin/time -v -o "$dir/time.txt" \
    "$cur_launcher" "$sub" --accounts-file "$accounts_file" --quotas "$bench_dir/quotas.yaml" \
      --cache-dir "$cache" --textfile-dir "$dir/textfiles" "${force[@]}" -q "${endpoints[@]}" "${cli_extra[@]}" "$@" \
      >"$dir/stdout.txt" 2>"$dir/stderr.txt" || rc=$?
  t1=$(date +%s.%N)
  proxy_ctl GET "$pm_port" "stats?arrivals=1" >"$dir/proxy-moto.json"
  proxy_ctl GET "$pw_port" "stats?arrivals=1" >"$dir/proxy-wiremock.json"
  # The JVM's own counters at exit (class loading, JIT, GC times), read back with jstat.
  if [ -f "$dir/perf.hsperf" ]; then
    timeout -k 5 60 jstat -J-Djstat.showUnsupported=true -snap "file://$dir/perf.hsperf" >"$dir/perf.txt" 2>/dev/null || true
  fi
  if [ -f "$dir/rec.jfr" ]; then
    timeout -k 5 300 python3 "$bench_dir/jfr_top.py" "$dir/rec.jfr" >"$dir/jfr-top.json" 2>"$dir/jfr-top.err" \
      || echo "bench: warning: could not summarise $dir/rec.jfr (see jfr-top.err)" >&2
  fi
  python3 - "$dir/run.json" <<EOF
import json, sys
json.dump({"name": "$name", "sub": "$sub", "phase": "$phase", "accounts": $n_accounts, "rc": $rc, "t0": $t0, "t1": $t1, "dir": "$dir",
           "args": """${force[*]} ${cli_extra[*]} $*""", "java_extra": "$java_extra", "accounts_file": "$accounts_file",
           "jar": json.load(open("$cur_jar_info")),
           "loadavg_before": $load0, "loadavg_after": $(cut -d' ' -f1 /proc/loadavg),
           "cpu_seconds": {"moto": ($(cpu_ticks "$moto_pid") - $c_moto) / $clk_tck,
                           "wiremock": ($(cpu_ticks "$wiremock_pid") - $c_wm) / $clk_tck,
                           "proxy_moto": ($(cpu_ticks "$proxy_moto_pid") - $c_pm) / $clk_tck,
                           "proxy_wiremock": ($(cpu_ticks "$proxy_wm_pid") - $c_pw) / $clk_tck},
           "machine_busy_seconds": ($(busy_ticks) - $busy0) / $clk_tck},
          open(sys.argv[1], "w"))
EOF
  printf "    %-14s %-11s rc=%s  %6.2f s\n" "$name" "$phase" "$rc" "$(python3 -c "print($t1 - $t0)")" >&2
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
    echo "bench: $name $phase exited $rc; stderr:" >&2; tail -n 20 "$dir/stderr.txt" >&2
  fi
  echo "$dir/run.json" >>"$work/runs.list"
}

# run_pass NAME ACCOUNTS_FILE EXTRA_JAVA_OPTS -- OPTIONS: limits then usage, one fresh cache dir.
run_pass() {
  local name="$1" accounts_file="$2" java_extra="$3" cache
  shift 4
  cache="$work/cache-$name"
  rm -rf "$cache"
  run_one "$name" limits "$accounts_file" "$cache" "$java_extra" -- "$@"
  run_one "$name" usage "$accounts_file" "$cache" "$java_extra" -- "$@"
}

# run_fleet NAME ACCOUNTS_FILE EXTRA_JAVA_OPTS "PHASE..." -- OPTIONS: the fleet's phases in order, the
# usage ones on one fresh cache dir, limits-cold on another.
run_fleet() {
  local name="$1" accounts_file="$2" java_extra="$3" phases="$4" cache phase
  shift 5
  cache="$work/cache-$name"
  rm -rf "$cache" "$cache-limits"
  for phase in $phases; do
    case "$phase" in
      limits-cold) run_one "$name" "$phase" "$accounts_file" "$cache-limits" "$java_extra" -- "$@" ;;
      *) run_one "$name" "$phase" "$accounts_file" "$cache" "$java_extra" -- "$@" ;;
    esac
  done
}

if [ "${#scaling_list[@]}" -gt 0 ]; then
  say "Compiling the heap sampler agent (bench/HeapSampler.java; heap-scaling runs only)"
  mkdir -p "$work/agent"
  javac -d "$work/agent" "$bench_dir/HeapSampler.java" || die "javac failed on bench/HeapSampler.java"
  printf 'Premain-Class: HeapSampler\n' >"$work/agent/manifest.txt"
  jar cfm "$work/heap-sampler.jar" "$work/agent/manifest.txt" -C "$work/agent" HeapSampler.class
fi

say "JVM start-up (quota-cli --version, best of 3)"
for _ in 1 2 3; do
  t0=$(date +%s.%N); QUOTA_CLI_JAR="$cur_jar" "$cur_launcher" --version >/dev/null; t1=$(date +%s.%N)
  python3 -c "print($t1 - $t0)" >>"$work/startup.txt"
done

# Warms the page cache for the jar and moto's lazily imported service modules (its first request
# of each service imports them), so the first measured run does not pay for them.
say "Warm-up (untimed): one account's usage"
first_account="$(sed -n 's/^  - account_id: "\([0-9]*\)"/\1/p' "$work/accounts.yaml" | head -n 1)"
QUOTA_CLI_JAR="$cur_jar" timeout -k 10 300 "$cur_launcher" usage --force --accounts-file "$work/accounts.yaml" --quotas "$bench_dir/quotas.yaml" \
  --cache-dir "$work/cache-warmup" --output "$work/warmup.prom" -q --account "$first_account" "${endpoints[@]}" \
  >/dev/null 2>"$logs/warmup.err" || { cat "$logs/warmup.err" >&2; die "warm-up run failed"; }

profile_opts=""
if [ "$PROFILE" = 1 ]; then
  command -v jfr >/dev/null 2>&1 || die "PROFILE=1 needs the JDK's jfr tool on the PATH"
  profile_opts="-XX:StartFlightRecording=filename=@DIR@/rec.jfr,settings=profile -XX:FlightRecorderOptions=stackdepth=256"
fi
if [ "$fleet" = 1 ]; then
  say "Fleet: cold usage, usage --force, warm usage rerun, cold limits --force (the jar's default concurrency)$([ "$PROFILE" = 1 ] && echo ', profiled with JFR')"
  run_fleet fleet "$work/accounts.yaml" "$profile_opts" "usage-cold usage-force usage-warm limits-cold" --
  if [ "$baseline" = 1 ]; then
    say "Baseline at $BASELINE_ACCOUNTS accounts: --concurrency 3 --bench-pause-after-call $BASELINE_PAUSE (the old design), $baseline_jar"
    use_jar "$baseline_jar" "$work/jar-baseline.json"
    run_fleet baseline "$work/accounts-baseline.yaml" "" "usage-cold usage-force limits-cold" \
      -- --concurrency 3 --bench-pause-after-call "$BASELINE_PAUSE"
    use_jar "$bench_jar" "$work/jar.json"
  fi
else
  say "quota-cli, default concurrency ($DEFAULT_CONCURRENCY)$([ "$PROFILE" = 1 ] && echo ', profiled with JFR')"
  run_pass "c$DEFAULT_CONCURRENCY" "$work/accounts.yaml" "$profile_opts" -- --concurrency "$DEFAULT_CONCURRENCY"
  for c in $CONCURRENCIES; do
    say "quota-cli --concurrency $c"
    run_pass "c$c" "$work/accounts.yaml" "" -- --concurrency "$c"
  done
  # EXPERIMENTS='name|JVM options;name|JVM options': extra configurations at the default concurrency.
  IFS=';' read -r -a experiments <<<"${EXPERIMENTS:-}"
  for e in "${experiments[@]}"; do
    [ -n "$e" ] || continue
    ename="x-${e%%|*}" eopts="${e#*|}"
    say "Experiment $ename: JVM options $eopts, --concurrency $DEFAULT_CONCURRENCY"
    run_pass "$ename" "$work/accounts.yaml" "$eopts" -- --concurrency "$DEFAULT_CONCURRENCY"
  done
  if [ "$baseline" = 1 ]; then
    say "Baseline: --concurrency 3 --bench-pause-after-call $BASELINE_PAUSE (the old design), $baseline_jar"
    use_jar "$baseline_jar" "$work/jar-baseline.json"
    run_pass "baseline" "$work/accounts.yaml" "" -- --concurrency 3 --bench-pause-after-call "$BASELINE_PAUSE"
    use_jar "$bench_jar" "$work/jar.json"
  fi
fi
if [ "$scaling" = 1 ]; then
  for n in "${scaling_list[@]}"; do
    say "Heap scaling: $n accounts x 1 region (full GC every $HEAP_SAMPLE_MS ms to sample the live heap)"
    run_pass "heap$n" "$work/accounts-$n.yaml" "-javaagent:$work/heap-sampler.jar=out=@DIR@/heap.json,interval=$HEAP_SAMPLE_MS" \
      -- --concurrency "$DEFAULT_CONCURRENCY"
  done
fi

say "Report"
mkdir -p "$(dirname "$out")"
report_opts=()
if [ "$fleet" = 1 ]; then report_opts=(--fleet --label "$label" --json "${out%.md}.json"); fi
python3 "$bench_dir/report.py" --runs "$work/runs.list" --startup "$work/startup.txt" \
  --accounts "$ACCOUNTS" --regions "$REGIONS" --latency-ms "$LATENCY_MS" \
  --default-concurrency "$DEFAULT_CONCURRENCY" --baseline-pause "$BASELINE_PAUSE" --catalogue "$CATALOGUE" \
  --seed-seconds "$(python3 -c "print($seed_t1 - $seed_t0)")" --out "$out" \
  --cli-args="${BENCH_CLI_ARGS:-}" --bench-seconds "$SECONDS" "${report_opts[@]}"
if [ "$fleet" = 1 ]; then
  # Are the usage values exact? Each fleet usage run's file against what estate.py seeded.
  {
    echo
    echo "## Usage values against the seeded estate (bench/check_usage.py)"
    echo
    for phase in usage-cold usage-force usage-warm; do
      f="$work/runs/fleet-$phase/textfiles/aws_quota_usage.prom"
      [ -f "$f" ] || continue
      echo "- $phase: $(python3 "$bench_dir/check_usage.py" --accounts "$ACCOUNTS" --regions "$REGIONS" "$f" | tail -n 1 | sed 's/^check_usage: //')"
    done
    # Can node_exporter's textfile collector carry them? Both fleet files, one scrape.
    ne="$(command -v prometheus-node-exporter || command -v node_exporter || true)"
    usage_f="$work/runs/fleet-usage-cold/textfiles/aws_quota_usage.prom"
    limits_f="$work/runs/fleet-limits-cold/textfiles/aws_quota_limits.prom"
    if [ -n "$ne" ] && [ -f "$usage_f" ] && [ -f "$limits_f" ]; then
      ne_dir="$work/node-exporter"; mkdir -p "$ne_dir"; cp "$usage_f" "$limits_f" "$ne_dir/"
      ne_port="$(free_port)"
      "$ne" --web.listen-address="127.0.0.1:$ne_port" --collector.disable-defaults --collector.textfile \
        --collector.textfile.directory="$ne_dir" >"$work/logs/node-exporter.log" 2>&1 &
      ne_pid=$!
      for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$ne_port/metrics" 2>/dev/null && break; sleep 0.2; done
      t0=$(date +%s.%N)
      curl -fsS --max-time 60 -o "$ne_dir/scrape.txt" "http://127.0.0.1:$ne_port/metrics" || true
      t1=$(date +%s.%N)
      kill "$ne_pid" 2>/dev/null || true
      echo
      echo "## node_exporter's textfile collector on the cold usage and limits files"
      echo
      echo "- node_textfile_scrape_error: $(sed -n 's/^node_textfile_scrape_error //p' "$ne_dir/scrape.txt")"
      echo "- quota series served: $(grep -c '^cloud_service_quota' "$ne_dir/scrape.txt" || true); one scrape took $(python3 -c "print(round($t1 - $t0, 2))") s"
    fi
  } >>"$out"
fi
echo "bench: summary written to $out$([ "$fleet" = 1 ] && echo ", figures to ${out%.md}.json")" >&2
