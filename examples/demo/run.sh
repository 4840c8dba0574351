#!/usr/bin/env bash
# quota-cli demo: runs the real `quota-cli limits` job end to end without AWS credentials.
#
#   mvn -B -q -DskipTests package && examples/demo/run.sh
#   examples/demo/run.sh --serve    # the same, then keeps the stand-ins up for hand-run queries
#
# Starts two local stand-ins on 127.0.0.1 (free ports): moto_server for STS (AssumeRole of the
# demo-shared account) and WireMock for the Service Quotas API (mappings in wiremock/mappings).
# Runs quota-cli twice against them with the accounts and quotas in this directory: the first run
# calls the API, the second answers from the limit cache. Exits with the first run's exit code.
# With --serve it then keeps moto and WireMock running in the foreground and prints the
# environment and the bin/quota-cli commands to run against them from another terminal; Ctrl-C
# stops both (exit code 0).
# Needs java 17+, mvn (fetches WireMock once), curl, python3 and moto_server (pip install
# 'moto[server]'). Everything it writes goes under target/demo; both servers stop on exit.
set -euo pipefail

serve=0
for arg in "$@"; do
  case "$arg" in
    --serve) serve=1 ;;
    -h | --help)
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
      exit 0
      ;;
    *)
      printf 'demo: error: unknown argument: %s (usage: %s [--serve])\n' "$arg" "$0" >&2
      exit 2
      ;;
  esac
done

demo_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$demo_dir/../.." && pwd)"
cd "$repo"

wiremock_version=3.10.0
work="$repo/target/demo"
logs="$work/logs"
cache_dir="$work/cache"
textfile_dir="$work/textfiles"
wiremock_jar="$work/lib/wiremock-standalone-$wiremock_version.jar"
startup_timeout=30

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

for tool in java curl python3 moto_server; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found on PATH"
done
[ -f target/quota-cli.jar ] || die "target/quota-cli.jar not found; build it first: mvn -B -q -DskipTests package"

# A fresh state for every demo: no cache, so the first run really calls the API.
rm -rf "$cache_dir" "$textfile_dir" "$logs"
mkdir -p "$cache_dir" "$textfile_dir" "$logs" "$work/lib"

# ---------------------------------------------------------------- servers

pids=()
# Stops the servers: TERM, then KILL whatever still runs after 10 s.
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local pid watchdog
  [ "${#pids[@]}" -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  (for _ in $(seq 100); do sleep 0.1; done; kill -KILL "${pids[@]}" 2>/dev/null) &
  watchdog=$!
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  kill "$watchdog" 2>/dev/null || true
  wait "$watchdog" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until URL answers with any HTTP status, or fails after $startup_timeout seconds.
wait_for() {
  local name="$1" pid="$2" url="$3" log="$4" deadline=$((SECONDS + startup_timeout))
  until curl -s -o /dev/null --max-time 2 "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      die "$name exited during startup (log above: $log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$log" >&2
      die "$name did not answer at $url within ${startup_timeout}s (log: $log)"
    fi
    sleep 0.2
  done
}

if [ ! -f "$wiremock_jar" ]; then
  say "Fetching WireMock $wiremock_version (from ~/.m2 or Maven Central)"
  if ! mvn -B -q dependency:copy \
      -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version" \
      -DoutputDirectory="$work/lib" >"$logs/mvn.log" 2>&1; then
    cat "$logs/mvn.log" >&2
    die "could not fetch WireMock $wiremock_version (log above: $logs/mvn.log)"
  fi
fi

started=$SECONDS
moto_port="$(free_port)"
moto_server -H 127.0.0.1 -p "$moto_port" >"$logs/moto.log" 2>&1 &
moto_pid=$!
pids+=("$moto_pid")

wiremock_port="$(free_port)"
java -jar "$wiremock_jar" --bind-address 127.0.0.1 --port "$wiremock_port" \
  --root-dir "$demo_dir/wiremock" --disable-banner >"$logs/wiremock.log" 2>&1 &
wiremock_pid=$!
pids+=("$wiremock_pid")

wait_for "moto_server (STS)" "$moto_pid" "http://127.0.0.1:$moto_port/" "$logs/moto.log"
wait_for "WireMock (Service Quotas)" "$wiremock_pid" "http://127.0.0.1:$wiremock_port/__admin/mappings" "$logs/wiremock.log"
say "moto_server (STS) on 127.0.0.1:$moto_port, WireMock (Service Quotas) on 127.0.0.1:$wiremock_port; up in $((SECONDS - started))s"

# ---------------------------------------------------------------- quota-cli

# Fake ambient credentials, for this script only; a real ~/.aws is kept out of the way.
export AWS_ACCESS_KEY_ID=AKIADEMO000000000000
export AWS_SECRET_ACCESS_KEY=demo
export AWS_REGION=us-east-1
export AWS_CONFIG_FILE="$work/no-aws-config"
export AWS_SHARED_CREDENTIALS_FILE="$work/no-aws-credentials"
export AWS_EC2_METADATA_DISABLED=true
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL

quota_cli=(
  bin/quota-cli limits
  --accounts-file examples/demo/accounts.yaml
  --quotas examples/demo/quotas.yaml
  --cache-dir "$cache_dir"
  --textfile-dir "$textfile_dir"
  --service-endpoint "sts=http://127.0.0.1:$moto_port"
  --service-endpoint "servicequotas=http://127.0.0.1:$wiremock_port"
)
prom="$textfile_dir/aws_quota_limits.prom"

explain() {
  case "$1" in
    0) echo "exit code 0: every target succeeded" ;;
    1) echo "exit code 1: fatal error; nothing written, the previous file is untouched" ;;
    2) echo "exit code 2: usage or configuration error" ;;
    3) echo "exit code 3: some targets failed; the file was written (see quota_cli_target_failed)" ;;
    *) echo "exit code $1: unexpected" ;;
  esac
}

now_ms() { date +%s%3N; }

# Requests the stand-ins have received so far: WireMock's request journal, moto's access log.
wiremock_requests() {
  curl -s -X POST -d '{}' "http://127.0.0.1:$wiremock_port/__admin/requests/count" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])'
}
wiremock_unmatched() {
  curl -s "http://127.0.0.1:$wiremock_port/__admin/requests/unmatched" \
    | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["requests"]))'
}
sts_requests() { grep -c '"POST / ' "$logs/moto.log" || true; }

# --serve: keeps moto and WireMock up in the foreground until Ctrl-C (or until one of them exits),
# after printing what to type in another terminal. Never returns.
serve() {
  local status=0
  say "Serving: moto_server (STS) on 127.0.0.1:$moto_port, WireMock (Service Quotas) on 127.0.0.1:$wiremock_port"
  cat <<EOF
In another terminal, set the demo's fake credentials (no real AWS account is used):

  cd $(printf '%q' "$repo")
  export AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY AWS_REGION=$AWS_REGION
  export AWS_CONFIG_FILE=$(printf '%q' "$AWS_CONFIG_FILE")
  export AWS_SHARED_CREDENTIALS_FILE=$(printf '%q' "$AWS_SHARED_CREDENTIALS_FILE")
  export AWS_EC2_METADATA_DISABLED=true
  unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL

then query the emulated estate. The operator's view (a table on stdout; writes no textfile):

  bin/quota-cli limits --accounts-file examples/demo/accounts.yaml --quotas examples/demo/quotas.yaml \\
    --cache-dir $(printf '%q' "$cache_dir") \\
    --service-endpoint sts=http://127.0.0.1:$moto_port \\
    --service-endpoint servicequotas=http://127.0.0.1:$wiremock_port

  add --force to refetch from WireMock instead of answering from the limit cache, --format json
  for JSON, or narrow it: --account 111111111111 --region eu-west-1 --service ec2

What the cache holds (the last runs, degraded targets, cache ages):

  bin/quota-cli status --cache-dir $(printf '%q' "$cache_dir")

Requests WireMock has served: http://127.0.0.1:$wiremock_port/__admin/requests
Press Ctrl-C to stop moto and WireMock.
EOF
  trap 'printf "\ndemo: stopping moto and WireMock\n"; exit 0' INT
  wait -n "${pids[@]}" || status=$?
  die "a stand-in exited while serving (status $status; logs in $logs)"
}

say "Run 1: ${quota_cli[*]}"
t0=$(now_ms)
rc=0
"${quota_cli[@]}" || rc=$?
t1=$(now_ms)
echo "$(explain "$rc") (took $((t1 - t0)) ms)"
sq1="$(wiremock_requests)"
sts1="$(sts_requests)"
echo "Service Quotas requests served by WireMock: $sq1; STS requests served by moto: $sts1"
unmatched="$(wiremock_unmatched)"
if [ "$unmatched" != 0 ]; then
  echo "demo: warning: WireMock had no mapping for $unmatched request(s); see $logs/wiremock.log and" \
    "http://127.0.0.1:$wiremock_port/__admin/requests/unmatched" >&2
fi
if [ -f "$prom" ]; then
  say "$prom"
  cat "$prom"
fi

if [ ! -f "$prom" ]; then
  echo "demo: run 1 wrote no file; skipping run 2" >&2
  [ "$serve" = 0 ] || serve
  exit "$rc"
fi

say "Run 2 (same command; the limit cache is fresh, so no Service Quotas calls)"
rc2=0
"${quota_cli[@]}" || rc2=$?
t2=$(now_ms)
echo "$(explain "$rc2") (took $((t2 - t1)) ms)"
# (counts go through variables: bash 5.2 misparses a signal trap run inside $(( $(...) )))
sq2="$(wiremock_requests)"
sts2="$(sts_requests)"
echo "Service Quotas requests served by WireMock in run 2: $((sq2 - sq1)); STS requests served by moto in run 2: $((sts2 - sts1))"
grep -E '^quota_cli_(targets|targets_from_cache)[{ ]' "$prom" || true
if ! grep -E '^quota_cli_api_calls[{ ]' "$prom"; then
  echo "(no quota_cli_api_calls samples: run 2 made no AWS API calls)"
fi

[ "$serve" = 0 ] || serve
exit "$rc"
