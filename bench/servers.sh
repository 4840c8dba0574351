# Shared by bench/run.sh and bench/cpu.sh (sourced, not run): a free loopback port, and waiting for
# a server that was just started. The caller defines die() and startup_timeout.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for NAME PID URL LOG: until URL answers; fails (with the log's tail) if PID exits first or
# startup_timeout seconds pass.
wait_for() {
  local name="$1" pid="$2" url="$3" log="$4" deadline=$((SECONDS + startup_timeout))
  until curl -s -o /dev/null --max-time 2 "$url"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "$name exited during startup (log above)"; }
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 20 "$log" >&2; die "$name did not answer at $url within ${startup_timeout}s"; }
    sleep 0.2
  done
}
