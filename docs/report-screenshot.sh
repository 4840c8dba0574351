#!/usr/bin/env bash
# Remakes docs/report.png: `quota-cli report` over the sample cache directory the tests use
# (src/test/java/dev/quotacli/testing/SampleCaches.java: three fictional accounts), screenshot by
# headless Chromium (Debian's chromium). Needs the jar and the test classes:
#   mvn -B -q -DskipTests package test-compile && docs/report-screenshot.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d -t quota-cli-report.XXXXXX)
trap 'rm -rf "$work"' EXIT
java -cp target/quota-cli.jar:target/test-classes dev.quotacli.testing.SampleCaches "$work/cache"
java -jar target/quota-cli.jar report --cache-dir "$work/cache" --output "$work/quota-report.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=1280,1900 --screenshot="$work/report.png" "file://$work/quota-report.html" 2>/dev/null
cp "$work/report.png" docs/report.png
echo "wrote docs/report.png"
