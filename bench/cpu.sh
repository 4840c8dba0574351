#!/usr/bin/env bash
# quota-cli CPU per pass: how much CPU a cold `limits --force`, a warm `limits`, a cold `usage` and a
# warm `usage` rerun take over ACCOUNTS x REGIONS, against moto and WireMock with no added latency.
#
#   mvn -B -q -o -DskipTests package && bench/cpu.sh             # 60 accounts x 4 regions
#   ACCOUNTS=10 REGIONS=2 bench/cpu.sh
#   bench/cpu.sh --jar /tmp/old.jar                              # another build of quota-cli
#   bench/cpu.sh --serve                                         # then keep the stand-ins up
#   PROFILE=1 bench/cpu.sh                                       # + JFR of the cold limits pass
#   CDS=1 bench/cpu.sh                                           # with a class-data sharing archive
#
# Prints one row per run: CPU seconds (user+sys, from /usr/bin/time -v), wall seconds, API calls
# (the sum of quota_cli_api_calls in the written file), classes loaded (the JVM's own counter,
# from -XX:+PerfDataSaveToFile and jstat), max RSS; then the cold limits pass's CPU per API call,
# both whole-process and less the CPU of `--version` (JVM start-up) and of the warm `limits`
# rerun (start-up plus a pass that makes no call).
#
# The estate: role accounts 800000000001.. reached by STS AssumeRole in moto from one pair of
# base keys, each with REGIONS explicit regions (no region discovery); the bench quotas file
# (ec2, ebs, elasticloadbalancing regional; route53, cloudfront global). Service Quotas and
# Route 53 GetAccountLimit are served by WireMock (mappings generated here); the usage counters'
# Describe/List calls and CloudWatch by moto, which holds no resource (nothing is seeded): the
# counts are 0, the calls are made all the same. Every run passes --ignore-degradation, so the time
# the runs charge to the budget never skips a target. Work files go to bench/.work/cpu.XXXXXX
# (gitignored). Everything listens on 127.0.0.1; both servers stop on exit; every wait is bounded.
#
# Environment: ACCOUNTS (60), REGIONS (4, at most 12), CONCURRENCY (64), RUN_TIMEOUT (600 s per
# run), BENCH_JAVA_OPTS (extra JVM options for every quota-cli run), PROFILE=1, CDS=1 (an archive
# trained the way `make install` trains its own, used by every run; without it no archive is used,
# as in a checkout).
set -euo pipefail

bench_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$bench_dir/.." && pwd)"
cd "$repo"

serve=0 jar="$repo/target/quota-cli.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) serve=1 ;;
    --jar) jar="$(readlink -f "$2")"; shift ;;
    --jar=*) jar="$(readlink -f "${1#--jar=}")" ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "cpu: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
ACCOUNTS="${ACCOUNTS:-60}"
REGIONS="${REGIONS:-4}"
CONCURRENCY="${CONCURRENCY:-64}"
RUN_TIMEOUT="${RUN_TIMEOUT:-600}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
PROFILE="${PROFILE:-0}"
CDS="${CDS:-0}"
startup_timeout=60
wiremock_version=3.10.0
wiremock_jar="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$wiremock_version/wiremock-standalone-$wiremock_version.jar"

say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'cpu: error: %s\n' "$*" >&2; exit 1; }
[[ "$ACCOUNTS" =~ ^[1-9][0-9]*$ ]] || die "ACCOUNTS must be a positive integer"
[[ "$REGIONS" =~ ^[1-9][0-9]*$ ]] && [ "$REGIONS" -le 12 ] || die "REGIONS must be 1..12"
for tool in java jstat python3 curl moto_server timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found on PATH"
done
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
[ -f "$jar" ] || die "$jar not found; build it first: mvn -B -q -o -DskipTests package"
[ -f "$wiremock_jar" ] || die "WireMock $wiremock_version not in ~/.m2 (mvn dependency:get -Dartifact=org.wiremock:wiremock-standalone:$wiremock_version)"

mkdir -p "$bench_dir/.work"
work="$(mktemp -d "$bench_dir/.work/cpu.XXXXXX")"
mkdir -p "$work/logs" "$work/runs"

pids=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local pid
  [ "${#pids[@]}" -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=bench/servers.sh
. "$bench_dir/servers.sh"

say "Estate: $ACCOUNTS accounts x $REGIONS regions; work dir $work"
python3 - "$ACCOUNTS" "$REGIONS" "$bench_dir/quotas.yaml" "$work" <<'EOF'
import json, os, sys
import yaml  # PyYAML: a moto dependency

accounts, regions, quotas_file, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
region_names = ["us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-2",
                "ap-northeast-1", "us-east-2", "eu-west-2", "ca-central-1", "sa-east-1",
                "ap-south-1", "eu-north-1"][:regions]
lines = ["accounts:"]
for i in range(accounts):
    acct = "%012d" % (800000000001 + i)
    lines += ['  - account_id: "%s"' % acct, "    account_name: cpu-%03d" % (i + 1),
              "    access_key_id: AKIACPUBENCHBASE0001", "    secret_access_key: cpu-bench-not-real",
              "    role_arn: arn:aws:iam::%s:role/quota-reader" % acct,
              "    regions: [%s]" % ", ".join(region_names)]
open(os.path.join(work, "accounts.yaml"), "w").write("\n".join(lines) + "\n")

ct = "application/x-amz-json-1.1"
def sq(op, service, extra=()):
    return {"method": "POST", "url": "/",
            "headers": {"X-Amz-Target": {"equalTo": "ServiceQuotasV20190624." + op}},
            "bodyPatterns": [{"contains": '"ServiceCode":"%s"' % service}] + list(extra)}
def ok(body, status=200):
    return {"status": status, "headers": {"Content-Type": ct, "x-amzn-RequestId": "cpu-bench"},
            "jsonBody": body}
mappings = []
services = yaml.safe_load(open(quotas_file))["services"]
for service, spec in services.items():
    quotas = [{"ServiceCode": service, "QuotaCode": q["code"], "QuotaName": q["name"],
               "QuotaArn": "arn:aws:servicequotas:us-east-1::%s/%s" % (service, q["code"]),
               "Value": float(5 + i * 5), "Unit": "None", "Adjustable": True,
               "GlobalQuota": spec["scope"] == "global"}
              for i, q in enumerate(spec.get("quotas", []))]
    mappings.append({"request": sq("ListServiceQuotas", service), "response": ok({"Quotas": quotas[:1]})})
    mappings.append({"request": sq("ListAWSDefaultServiceQuotas", service), "response": ok({"Quotas": quotas})})
    for q in quotas:
        code = [{"contains": '"QuotaCode":"%s"' % q["QuotaCode"]}]
        for op in ("GetServiceQuota", "GetAWSDefaultServiceQuota"):
            mappings.append({"request": sq(op, service, code), "response": ok({"Quota": q})})
for t in ["MAX_HOSTED_ZONES_BY_OWNER", "MAX_HEALTH_CHECKS_BY_OWNER",
          "MAX_REUSABLE_DELEGATION_SETS_BY_OWNER", "MAX_TRAFFIC_POLICIES_BY_OWNER",
          "MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER"]:
    mappings.append({"request": {"method": "GET", "urlPath": "/2013-04-01/accountlimit/" + t},
                     "response": {"status": 200, "headers": {"Content-Type": "text/xml"},
                                  "body": '<?xml version="1.0"?><GetAccountLimitResponse xmlns='
                                          '"https://route53.amazonaws.com/doc/2013-04-01/"><Limit>'
                                          "<Type>%s</Type><Value>50</Value></Limit><Count>0</Count>"
                                          "</GetAccountLimitResponse>" % t}})
os.makedirs(os.path.join(work, "wiremock", "mappings"))
os.makedirs(os.path.join(work, "wiremock", "__files"))
json.dump({"mappings": mappings}, open(os.path.join(work, "wiremock", "mappings", "cpu.json"), "w"))
EOF

moto_port="$(free_port)"
MOTO_EC2_LOAD_DEFAULT_AMIS=false moto_server -H 127.0.0.1 -p "$moto_port" >"$work/logs/moto.log" 2>&1 &
moto_pid=$!; pids+=("$moto_pid")
wiremock_port="$(free_port)"
java -Xmx512m -jar "$wiremock_jar" --bind-address 127.0.0.1 --port "$wiremock_port" \
  --root-dir "$work/wiremock" --disable-banner --no-request-journal >"$work/logs/wiremock.log" 2>&1 &
wiremock_pid=$!; pids+=("$wiremock_pid")
wait_for moto_server "$moto_pid" "http://127.0.0.1:$moto_port/" "$work/logs/moto.log"
wait_for WireMock "$wiremock_pid" "http://127.0.0.1:$wiremock_port/__admin/mappings" "$work/logs/wiremock.log"

export AWS_ACCESS_KEY_ID=AKIACPUBENCHAMBIENT1 AWS_SECRET_ACCESS_KEY=cpu-bench AWS_REGION=us-east-1
export AWS_CONFIG_FILE="$work/no-aws-config" AWS_SHARED_CREDENTIALS_FILE="$work/no-aws-credentials"
export AWS_EC2_METADATA_DISABLED=true
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL QUOTA_CLI_JAVA_OPTS
while IFS= read -r var; do unset "$var"; done < <(env | sed -n 's/^\(QUOTA_CLI_[A-Z0-9_]*\)=.*/\1/p')
export QUOTA_CLI_JAR="$jar" QUOTA_CLI_CDS=0
common=(--accounts-file "$work/accounts.yaml" --quotas "$bench_dir/quotas.yaml"
  --concurrency "$CONCURRENCY" -q --ignore-degradation
  --endpoint-url "http://127.0.0.1:$moto_port"
  --service-endpoint "servicequotas=http://127.0.0.1:$wiremock_port"
  --service-endpoint "route53=http://127.0.0.1:$wiremock_port")
args=("${common[@]}" --cache-dir "$work/cache")

# run NAME [JAVA OPTIONS --] QUOTA-CLI ARGS...: one run under /usr/bin/time -v; prints its row.
run() {
  local name="$1" dir="$work/runs/$1" rc=0 extra=""
  shift
  if [ "${2:-}" = -- ]; then extra="$1"; shift 2; fi
  mkdir -p "$dir"
  QUOTA_CLI_JAVA_OPTS="$cds -XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=$dir/perf.hsperf $BENCH_JAVA_OPTS $extra" \
    timeout -k 10 "$RUN_TIMEOUT" /usr/bin/time -v -o "$dir/time.txt" bin/quota-cli "$@" \
    >"$dir/stdout.txt" 2>"$dir/stderr.txt" || rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
    tail -n 20 "$dir/stderr.txt" >&2; die "$name exited $rc"
  fi
  timeout -k 5 60 jstat -J-Djstat.showUnsupported=true -snap "file://$dir/perf.hsperf" >"$dir/perf.txt" 2>/dev/null || true
  python3 - "$name" "$dir" "$rc" <<'EOF' | tee -a "$work/rows.tsv"
import re, sys
name, d, rc = sys.argv[1], sys.argv[2], sys.argv[3]
t = open(d + "/time.txt").read()
user = float(re.search(r"User time \(seconds\): ([0-9.]+)", t).group(1))
sys_ = float(re.search(r"System time \(seconds\): ([0-9.]+)", t).group(1))
wall_s = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)", t).group(1)
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall_s.split(":"))))
rss = int(re.search(r"Maximum resident set size \(kbytes\): ([0-9]+)", t).group(1)) // 1024
calls = 0
try:
    for line in open(d + "/out.prom"):
        if line.startswith("quota_cli_api_calls{") or line.startswith("quota_cli_api_calls "):
            calls += int(float(line.rsplit(" ", 1)[1]))
except FileNotFoundError:
    pass
classes = "?"
try:
    # Classes loaded from the jar and the JDK plus those mapped from a class-data sharing archive.
    counters = dict(l.strip().split("=", 1) for l in open(d + "/perf.txt") if "=" in l)
    classes = int(counters["java.cls.loadedClasses"]) + int(counters["java.cls.sharedLoadedClasses"])
except (FileNotFoundError, KeyError, ValueError):
    pass
print("%-14s\tcpu %6.2f s (user %5.2f sys %4.2f)\twall %6.2f s\tcalls %5d\tclasses %s\trss %4d MiB\trc %s"
      % (name, user + sys_, user, sys_, wall, calls, classes, rss, rc))
EOF
}

cds=""
if [ "$CDS" = 1 ]; then
  say "Class-data sharing archive: a usage pass over one account whose endpoint refuses connections"
  mkdir -p "$work/cds"
  printf 'accounts:\n  - account_id: "000000000000"\n    account_name: cds-training\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n    secret_access_key: cds-training\n    regions: [us-east-1]\n' >"$work/cds/accounts.yaml"
  QUOTA_CLI_JAVA_OPTS="-XX:ArchiveClassesAtExit=$work/quota-cli.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
    timeout -k 10 120 bin/quota-cli usage --accounts-file "$work/cds/accounts.yaml" --cache-dir "$work/cds/cache" \
    --endpoint-url http://127.0.0.1:9 --deadline 2s --output "$work/cds/usage.prom" >"$work/cds/log" 2>&1 || true
  [ -s "$work/quota-cli.jsa" ] || { cat "$work/cds/log" >&2; die "could not generate the archive"; }
  cds="-XX:SharedArchiveFile=$work/quota-cli.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
profile=""
if [ "$PROFILE" = 1 ]; then
  profile="-XX:StartFlightRecording=filename=$work/runs/limits-cold/rec.jfr,settings=profile"
fi
say "Warm-up (untimed): one account's usage, so moto has imported its service modules"
first="$(sed -n 's/^  - account_id: "\([0-9]*\)"/\1/p' "$work/accounts.yaml" | head -n 1)"
timeout -k 10 300 bin/quota-cli usage --force "${common[@]}" --cache-dir "$work/cache-warmup" --account "$first" \
  --output "$work/warmup.prom" >/dev/null 2>"$work/logs/warmup.err" || { cat "$work/logs/warmup.err" >&2; die "warm-up failed"; }

say "Runs ($jar)"
run version --version
run limits-cold "$profile" -- limits --force "${args[@]}" --output "$work/runs/limits-cold/out.prom"
run limits-warm limits "${args[@]}" --output "$work/runs/limits-warm/out.prom"
run usage-cold usage "${args[@]}" --output "$work/runs/usage-cold/out.prom"
run usage-warm usage "${args[@]}" --output "$work/runs/usage-warm/out.prom"

python3 - "$work/rows.tsv" <<'EOF'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    name = line.split("\t")[0].strip()
    rows[name] = {"cpu": float(re.search(r"cpu +([0-9.]+)", line).group(1)),
                  "calls": int(re.search(r"calls +([0-9]+)", line).group(1))}
cold, calls = rows["limits-cold"]["cpu"], rows["limits-cold"]["calls"]
if calls:
    print("limits-cold: %.2f ms CPU per API call whole-process; %.2f ms less --version; %.2f ms less the warm limits rerun"
          % (1000 * cold / calls, 1000 * (cold - rows["version"]["cpu"]) / calls,
             1000 * (cold - rows["limits-warm"]["cpu"]) / calls))
EOF
if [ "$PROFILE" = 1 ] && [ -f "$work/runs/limits-cold/rec.jfr" ]; then
  python3 "$bench_dir/jfr_top.py" "$work/runs/limits-cold/rec.jfr" >"$work/runs/limits-cold/jfr-top.json" || true
  echo "JFR: $work/runs/limits-cold/rec.jfr (summary: jfr-top.json beside it)" >&2
fi

if [ "$serve" = 1 ]; then
  say "Serving: moto on 127.0.0.1:$moto_port, WireMock on 127.0.0.1:$wiremock_port (Ctrl-C stops both)"
  cat <<EOF
In another terminal:

  cd $(printf '%q' "$repo")
  export AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY AWS_REGION=$AWS_REGION
  export AWS_CONFIG_FILE=$(printf '%q' "$AWS_CONFIG_FILE") AWS_SHARED_CREDENTIALS_FILE=$(printf '%q' "$AWS_SHARED_CREDENTIALS_FILE")
  export AWS_EC2_METADATA_DISABLED=true QUOTA_CLI_JAR=$(printf '%q' "$jar") QUOTA_CLI_CDS=0
  export QUOTA_CLI_JAVA_OPTS='$cds'
  # cold limits (every call made again) and the warm usage rerun (answered from the cache):
  bin/quota-cli limits --force ${args[*]} --output $work/serve-limits.prom
  bin/quota-cli usage ${args[*]} --output $work/serve-usage.prom
EOF
  trap 'exit 0' INT
  wait -n "${pids[@]}" || true
  die "a stand-in exited while serving (logs in $work/logs)"
fi
