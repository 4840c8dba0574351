#!/usr/bin/env bash
# Checks the quota-cli systemd files with systemd's own tools, in a throwaway root directory (systemd
# need not be running; nothing outside the temporary directory is touched):
#
#   systemd-analyze verify      every unit and timer: syntax, ExecStart= executable, dependencies,
#                               and Documentation=man: when the tree holds the man page. verify exits
#                               0 on "Unknown key ..., ignoring": any output fails here.
#   systemd-analyze security    each service's exposure level (--offline) must stay <= 2.0
#   systemd-sysusers --root     creates the quota-cli user from quota-cli.sysusers
#   systemd-tmpfiles --root     creates the cache directory from quota-cli.tmpfiles
#
# Usage: systemd/verify.sh            the files in systemd/, with bin/quota-cli as the launcher
#        systemd/verify.sh DESTDIR    a tree from `make install DESTDIR=...` (any PREFIX)
# Needs systemd-analyze, systemd-sysusers, systemd-tmpfiles (apt-get install systemd), and man
# (apt-get install man-db) for a tree that holds the man page.
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threshold=20  # --threshold counts tenths: 20 is an exposure level of 2.0

fail() { echo "verify.sh: $*" >&2; exit 1; }
for tool in systemd-analyze systemd-sysusers systemd-tmpfiles; do
  command -v "$tool" >/dev/null || fail "$tool not found: apt-get install systemd"
done
[ -d /usr/lib/systemd/system ] || fail "/usr/lib/systemd/system not found: apt-get install systemd"

root="$(mktemp -d -t quota-cli-verify.XXXXXX)"
trap 'rm -rf "$root"' EXIT
# The host's units, so that the dependencies (network-online.target, timers.target, ...) resolve.
mkdir -p "$root/usr/lib/systemd" "$root/etc"
cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"

units=()
man_opt=(--man=no)
if [ $# -eq 0 ]; then
  unitdir=/usr/local/lib/systemd/system
  mkdir -p "$root$unitdir" "$root/usr/local/bin" "$root/usr/lib/sysusers.d" "$root/usr/lib/tmpfiles.d"
  for f in "$src"/systemd/quota-cli-*.service "$src"/systemd/quota-cli-*.timer; do
    cp "$f" "$root$unitdir/"
    units+=("$(basename "$f")")
  done
  cp "$src/bin/quota-cli" "$root/usr/local/bin/quota-cli"
  cp "$src/systemd/quota-cli.sysusers" "$root/usr/lib/sysusers.d/quota-cli.conf"
  cp "$src/systemd/quota-cli.tmpfiles" "$root/usr/lib/tmpfiles.d/quota-cli.conf"
elif [ $# -eq 1 ]; then
  destdir="$(cd "$1" && pwd)"
  while IFS= read -r -d '' f; do
    rel="${f#"$destdir"}"
    mkdir -p "$root$(dirname "$rel")"
    cp -a "$f" "$root$rel"
    case "$f" in *.service | *.timer) units+=("$(basename "$f")") ;; esac
  done < <(find "$destdir" \( -path '*/systemd/system/quota-cli-*' -o -path '*/sysusers.d/quota-cli.conf' \
    -o -path '*/tmpfiles.d/quota-cli.conf' \) -type f -print0)
  [ ${#units[@]} -eq 6 ] || fail "expected 6 quota-cli units under $destdir, found ${#units[@]}: ${units[*]:-none}"
  # The launchers the units start, from the tree.
  for cmd in $(find "$root" -path '*/systemd/system/quota-cli-*.service' -exec sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' {} + | sort -u); do
    [ -x "$destdir$cmd" ] || fail "ExecStart= names $cmd, which is not an executable in $destdir"
    mkdir -p "$root$(dirname "$cmd")"
    cp -a "$destdir$cmd" "$root$cmd"
  done
  man="$(find "$destdir" -path '*/man/man1/quota-cli.1*' -print -quit)"
  if [ -n "$man" ]; then
    command -v man >/dev/null || fail "man not found (verify checks Documentation=man:quota-cli(1)): apt-get install man-db"
    export MANPATH="${man%/man1/*}"
    man_opt=(--man=yes)
  fi
else
  fail "usage: systemd/verify.sh [DESTDIR]"
fi
[ ${#units[@]} -eq 6 ] || fail "expected 6 units, found ${#units[@]}"

status=0
echo "systemd-analyze verify ${man_opt[*]} ${units[*]}"
if ! out="$(systemd-analyze verify "${man_opt[@]}" --root="$root" "${units[@]}" 2>&1)" || [ -n "$out" ]; then
  echo "$out" >&2
  echo "verify.sh: systemd-analyze verify reported problems" >&2
  status=1
fi

for unit in "${units[@]}"; do
  case "$unit" in *.service) ;; *) continue ;; esac
  if ! out="$(systemd-analyze security --offline=yes --threshold="$threshold" --root="$root" "$unit" 2>&1)"; then
    echo "$out" >&2
    echo "verify.sh: $unit: exposure above $threshold tenths (or security analysis failed)" >&2
    status=1
  else
    echo "${out##*$'\n'}"
  fi
done

sysusers="$(find "$root" -path '*/sysusers.d/quota-cli.conf' -print -quit)"
tmpfiles="$(find "$root" -path '*/tmpfiles.d/quota-cli.conf' -print -quit)"
[ -n "$sysusers" ] || fail "no sysusers.d/quota-cli.conf"
[ -n "$tmpfiles" ] || fail "no tmpfiles.d/quota-cli.conf"
echo "systemd-sysusers --root ${sysusers#"$root"}"
if ! out="$(systemd-sysusers --root="$root" "$sysusers" 2>&1)" || ! grep -q '^quota-cli:' "$root/etc/passwd"; then
  echo "$out" >&2
  echo "verify.sh: systemd-sysusers did not create the quota-cli user" >&2
  status=1
fi
echo "systemd-tmpfiles --root --create ${tmpfiles#"$root"}"
if ! out="$(systemd-tmpfiles --root="$root" --create "$tmpfiles" 2>&1)" || [ -n "$out" ]; then
  echo "$out" >&2
  echo "verify.sh: systemd-tmpfiles reported problems" >&2
  status=1
fi
uid="$(sed -n 's/^quota-cli:x:\([0-9]*\):.*/\1/p' "$root/etc/passwd")"
[ "$(stat -c '%a %u' "$root/var/lib/quota-cli" 2>/dev/null)" = "700 $uid" ] \
  || { echo "verify.sh: tmpfiles did not create /var/lib/quota-cli 0700 quota-cli" >&2; status=1; }

if [ "$status" -eq 0 ]; then echo "verify.sh: OK"; fi
exit "$status"
