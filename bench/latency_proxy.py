#!/usr/bin/env python3
"""A loopback HTTP/1.1 reverse proxy that adds a fixed latency to every request.

Benchmark helper for bench/run.sh (standard library only). Each listener forwards to its own
upstream (one listener in front of moto, one in front of WireMock), so a single option set
describes one hop:

    latency_proxy.py --latency-ms 50 --route moto=http://127.0.0.1:5000 --ready-file ports.json

Every --route NAME=URL opens a listener on 127.0.0.1 (an ephemeral port unless NAME=URL@PORT);
once all listen, {"NAME": port, ...} is written to --ready-file (atomically). Per request the
proxy reads the whole request body (Content-Length or chunked), sleeps the latency, forwards it
on a persistent upstream connection (one per client connection; a stale one is reopened once),
reads the whole answer (Content-Length, chunked or close-delimited) and sends it back with a
Content-Length, keeping the client's connection alive unless it asked to close. Hop-by-hop
headers are dropped; Host is passed through unchanged (SigV4 signs it).

Requests are counted by operation: the X-Amz-Target header (JSON protocols), else the Action
field of the query string or form body (query protocols), else a REST route (CloudFront
ListDistributions, Route 53 GetAccountLimit, else METHOD /path-prefix). The service, region and
access key come from the SigV4 Authorization header's credential scope. Counts are served as JSON
at GET /__latency_proxy__/stats (with ?arrivals=1 also every request's arrival time per key) and
zeroed by POST /__latency_proxy__/reset; those two paths are not forwarded and not delayed.

Bounded: --max-seconds (default 3600) stops the proxy by itself; SIGTERM/SIGINT stop it too.
"""

import argparse
import http.client
import json
import os
import re
import signal
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTROL_PREFIX = "/__latency_proxy__/"
HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
    "te", "trailer", "trailers", "transfer-encoding", "upgrade", "expect", "content-length",
}
CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/\d{8}/([^/,\s]+)/([^/,\s]+)/aws4_request")
REST_ROUTES = [
    ("GET", re.compile(r"^/\d{4}-\d{2}-\d{2}/distribution/?$"), "ListDistributions"),
    ("GET", re.compile(r"^/\d{4}-\d{2}-\d{2}/accountlimit/[^/]+$"), "GetAccountLimit"),
]
MAX_BODY = 64 * 1024 * 1024


class Stats:
    """Request counts, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.started = time.time()
            self.requests = 0
            self.errors = 0
            self.by_operation = {}
            self.by_key = {}
            self.arrivals = {}  # key -> arrival times (monotonic s), for gap analysis
            self.in_flight = 0
            self.max_in_flight = 0
            self.connections = 0

    def arrive(self, key, when):
        with self.lock:
            self.arrivals.setdefault(key, []).append(when)

    def begin(self):
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def end(self, service, operation, key, ok):
        with self.lock:
            self.in_flight -= 1
            self.requests += 1
            if not ok:
                self.errors += 1
            op = service + ":" + operation
            self.by_operation[op] = self.by_operation.get(op, 0) + 1
            self.by_key[key] = self.by_key.get(key, 0) + 1

    def connection(self):
        with self.lock:
            self.connections += 1

    def snapshot(self, arrivals=False):
        with self.lock:
            extra = {"arrivals": {k: [round(t, 4) for t in v] for k, v in sorted(self.arrivals.items())}} if arrivals else {}
            return dict(extra, **{
                "since": self.started,
                "requests": self.requests,
                "errors": self.errors,
                "connections": self.connections,
                "max_in_flight": self.max_in_flight,
                "by_operation": dict(sorted(self.by_operation.items())),
                # "access key|region|service|operation[|ServiceCode]" -> count
                "by_key": dict(sorted(self.by_key.items())),
            })


def read_chunked(rfile):
    """Reads a chunked body (discarding trailers) and returns its bytes."""
    parts = []
    total = 0
    while True:
        line = rfile.readline(65537)
        if not line:
            raise ValueError("connection closed inside a chunked body")
        size = int(line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            while True:  # trailers, up to the empty line
                trailer = rfile.readline(65537)
                if trailer in (b"\r\n", b"\n", b""):
                    return b"".join(parts)
        total += size
        if total > MAX_BODY:
            raise ValueError("request body too large")
        chunk = rfile.read(size)
        if len(chunk) != size:
            raise ValueError("connection closed inside a chunk")
        parts.append(chunk)
        rfile.readline(3)  # CRLF after the chunk


def classify(method, path, headers, body):
    """(service, operation, key) of one request, for the counts."""
    auth = headers.get("Authorization", "")
    m = CREDENTIAL.search(auth)
    access_key, region, service = (m.group(1), m.group(2), m.group(3)) if m else ("-", "-", "-")
    operation = None
    extra = ""
    target = headers.get("X-Amz-Target")
    if target:
        operation = target.rsplit(".", 1)[-1]
        if service == "servicequotas" and body:
            try:
                code = json.loads(body.decode("utf-8")).get("ServiceCode")
                if code:
                    extra = "|" + str(code)
            except (ValueError, UnicodeDecodeError, AttributeError):
                pass
    parsed = urllib.parse.urlsplit(path)
    if operation is None:
        action = urllib.parse.parse_qs(parsed.query).get("Action")
        if not action and body and "x-www-form-urlencoded" in headers.get("Content-Type", ""):
            try:
                action = urllib.parse.parse_qs(body.decode("utf-8")).get("Action")
            except UnicodeDecodeError:
                action = None
        if action:
            operation = action[0]
    if operation is None:
        for route_method, pattern, name in REST_ROUTES:
            if method == route_method and pattern.match(parsed.path):
                operation = name
                break
    if operation is None:
        prefix = "/".join(parsed.path.split("/")[:3])
        operation = method + " " + (prefix or "/")
    return service, operation, "|".join((access_key, region, service, operation)) + extra


class ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "latency-proxy"
    sys_version = ""

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.upstream = None
        self.server.stats.connection()

    def finish(self):
        try:
            super().finish()
        finally:
            self.close_upstream()

    def log_message(self, fmt, *args):  # quiet: errors are reported by log_error only
        pass

    def log_error(self, fmt, *args):
        sys.stderr.write("latency_proxy[%s]: %s\n" % (self.server.name, fmt % args))

    def close_upstream(self):
        if self.upstream is not None:
            try:
                self.upstream.close()
            except OSError:
                pass
            self.upstream = None

    def open_upstream(self):
        host, port = self.server.upstream
        conn = http.client.HTTPConnection(host, port, timeout=self.server.upstream_timeout)
        conn.connect()
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.upstream = conn
        return conn

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return read_chunked(self.rfile)
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        n = int(length)
        if n < 0 or n > MAX_BODY:
            raise ValueError("bad Content-Length")
        body = self.rfile.read(n)
        if len(body) != n:
            raise ValueError("connection closed inside the body")
        return body

    def respond(self, status, reason, headers, body):
        """Sends status, headers and body in one write (no Nagle/delayed-ACK stall)."""
        lines = ["HTTP/1.1 %d %s" % (status, reason or "")]
        for name, value in headers:
            lines.append("%s: %s" % (name, value))
        no_body = self.command == "HEAD" or status in (204, 304) or 100 <= status < 200
        if not no_body:
            lines.append("Content-Length: %d" % len(body))
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if no_body else head + body)
        self.wfile.flush()

    def control(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == CONTROL_PREFIX + "stats" and self.command == "GET":
            arrivals = "arrivals=1" in urllib.parse.urlsplit(self.path).query
            body = json.dumps(self.server.stats.snapshot(arrivals), indent=1).encode()
        elif path == CONTROL_PREFIX + "reset" and self.command == "POST":
            self.server.stats.reset()
            body = b'{"reset": true}'
        else:
            self.respond(404, "Not Found", [("Content-Type", "text/plain")], b"unknown control path\n")
            return
        self.respond(200, "OK", [("Content-Type", "application/json")], body)

    def forward(self, body):
        out_headers = [(k, v) for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP]
        for attempt in (0, 1):
            reused = self.upstream is not None
            conn = self.upstream or self.open_upstream()
            try:
                conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for k, v in out_headers:
                    conn.putheader(k, v)
                if body or self.command in ("POST", "PUT", "PATCH"):
                    conn.putheader("Content-Length", str(len(body)))
                conn.endheaders(body if body else None)
                resp = conn.getresponse()
                data = resp.read()  # Content-Length, chunked or close-delimited
                if resp.will_close:
                    self.close_upstream()
                return resp, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.BadStatusLine):
                self.close_upstream()
                if attempt == 1 or not reused:
                    raise
        raise AssertionError("unreachable")

    def handle_any(self):
        if self.path.startswith(CONTROL_PREFIX):
            self.control()
            return
        stats = self.server.stats
        stats.begin()
        ok = False
        service, operation, key = "-", self.command, "-"
        try:
            try:
                body = self.read_body()
            except (ValueError, OSError) as e:
                self.close_connection = True
                self.respond(400, "Bad Request", [("Content-Type", "text/plain")], (str(e) + "\n").encode())
                return
            service, operation, key = classify(self.command, self.path, self.headers, body)
            stats.arrive(key, time.monotonic())
            if self.server.latency > 0:
                time.sleep(self.server.latency)
            try:
                resp, data = self.forward(body)
            except (OSError, http.client.HTTPException) as e:
                self.log_error("upstream %s: %r", self.path, e)
                self.respond(502, "Bad Gateway", [("Content-Type", "text/plain")],
                             ("latency_proxy: upstream failed: %r\n" % (e,)).encode())
                return
            headers = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP]
            self.respond(resp.status, resp.reason, headers, data)
            ok = resp.status < 500
        finally:
            stats.end(service, operation, key, ok)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = handle_any


class ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # many client connections may open at once
    allow_reuse_address = True


def parse_route(text):
    name, sep, rest = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError("--route wants NAME=http://HOST:PORT[@LISTEN_PORT]")
    url, _, listen = rest.partition("@")
    u = urllib.parse.urlsplit(url)
    if u.scheme != "http" or not u.hostname or not u.port:
        raise argparse.ArgumentTypeError("upstream must be http://HOST:PORT, got " + url)
    return name, (u.hostname, u.port), int(listen) if listen else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--route", action="append", type=parse_route, required=True,
                   help="NAME=http://HOST:PORT[@LISTEN_PORT]; repeatable, one listener each")
    p.add_argument("--latency-ms", type=float, default=50.0, help="sleep before forwarding (ms)")
    p.add_argument("--bind", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    p.add_argument("--ready-file", help="write {name: port} here once listening")
    p.add_argument("--upstream-timeout", type=float, default=60.0, help="seconds")
    p.add_argument("--max-seconds", type=float, default=3600.0, help="stop by itself after this long")
    args = p.parse_args()
    if args.bind not in ("127.0.0.1", "localhost", "::1"):
        p.error("--bind must be a loopback address")

    servers = []
    for name, upstream, listen in args.route:
        server = ProxyServer((args.bind, listen), ProxyHandler)
        server.name = name
        server.upstream = upstream
        server.latency = args.latency_ms / 1000.0
        server.upstream_timeout = args.upstream_timeout
        server.stats = Stats()
        servers.append(server)
    for server in servers:
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()

    ports = {s.name: s.server_address[1] for s in servers}
    if args.ready_file:
        tmp = args.ready_file + ".tmp"
        with open(tmp, "w") as f:
            json.dump(ports, f)
        os.replace(tmp, args.ready_file)
    sys.stderr.write("latency_proxy: %s, latency %.1f ms\n" % (
        ", ".join("%s on %s:%d -> %s:%d" % (s.name, args.bind, s.server_address[1], *s.upstream)
                  for s in servers), args.latency_ms))

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait(args.max_seconds)
    for server in servers:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
