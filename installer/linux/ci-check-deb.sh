#!/usr/bin/env bash
# CI check of the Linux package: build it, install it with dpkg, run both programs from their
# installed paths on a fresh data folder, upgrade it over itself with data in place, remove it,
# and check the data is still there; then ci-upgrade.sh: sell through the installed program,
# upgrade to a newer package version, the sales are still there, an older package refuses
# newer data. Needs root (dpkg -i) — CI runs as root.
#
#   installer/linux/ci-check-deb.sh            (OCOP_SKIP_BUILD=1: test the existing .deb;
#                                               OCOP_SKIP_UPGRADE=1: leave out ci-upgrade.sh)
#
# Exit 0 when every step passed; the first failing step stops the script with its message.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
STARTED=$(date +%s)
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' pos_app/__init__.py)"
DEB_VERSION="${OCOP_POS_BUILD_VERSION:-$VERSION}"
DEB="$ROOT/dist/ocop-pos_${DEB_VERSION}_$(dpkg --print-architecture).deb"
DATA="$(mktemp -d /tmp/ocop-pos-ci-XXXXXX)"
export QT_QPA_PLATFORM=offscreen

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - STARTED ))"; }
cleanup() {
  if dpkg-query -W -f='${Status}' ocop-pos 2>/dev/null | grep -q "ok installed"; then
    dpkg -r ocop-pos >/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || fail "run as root (dpkg -i needs it)"
if dpkg-query -W -f='${Status}' ocop-pos 2>/dev/null | grep -q "ok installed"; then
  fail "ocop-pos is already installed on this machine; remove it first (dpkg -r ocop-pos)"
fi

if [ "${OCOP_SKIP_BUILD:-0}" != 1 ]; then
  step "build"
  installer/linux/build-deb.sh
fi
[ -f "$DEB" ] || fail "no package at $DEB"

step "package contents"
CONTENTS="$(dpkg-deb --contents "$DEB")"
for path in ./opt/ocop-pos/ocop-pos ./opt/ocop-pos/ocop-pos-admin ./usr/bin/ocop-pos \
    ./usr/bin/ocop-pos-admin ./usr/share/applications/ocop-pos.desktop \
    ./usr/share/icons/hicolor/scalable/apps/ocop-pos.svg \
    ./opt/ocop-pos/_internal/escpos/capabilities.json \
    ./opt/ocop-pos/_internal/pos_app/db/migrations/script.py.mako \
    ./opt/ocop-pos/_internal/resources/receipts/vi.json \
    ./opt/ocop-pos/_internal/resources/fonts/DejaVuSans.ttf \
    ./opt/ocop-pos/_internal/resources/demo/products.csv; do
  grep -q " $path\$" <<<"$CONTENTS" || fail "package lacks $path"
done
for migration in pos_app/db/migrations/versions/0*.py; do
  grep -q " ./opt/ocop-pos/_internal/$migration\$" <<<"$CONTENTS" || fail "package lacks $migration"
done
for qm in resources/translations/*.qm; do
  [ -e "$qm" ] || continue
  grep -q " ./opt/ocop-pos/_internal/$qm\$" <<<"$CONTENTS" || fail "package lacks $qm"
done
if [ -f installer/linux/60-ocop-pos-printers.rules ]; then
  grep -q " ./lib/udev/rules.d/60-ocop-pos-printers.rules\$" <<<"$CONTENTS" \
    || fail "package lacks the udev rule"
fi
if grep -qE "QtWebEngine|Qt6Quick|Qt6Qml|Qt63D|QtMultimedia|QtCharts" <<<"$CONTENTS"; then
  fail "package carries Qt modules the app does not use"
fi
grep -qE " \./home/| \./root/" <<<"$CONTENTS" && fail "package carries files under a home folder"

step "dpkg -i"
if ! dpkg -i "$DEB"; then
  # Qt's X11 plugin needs a few xcb libraries a server image may lack: fetch them, as
  # `apt install ./ocop-pos_….deb` would on a showroom PC
  echo "installing missing dependencies with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq
fi
dpkg-query -W -f='${Status}' ocop-pos | grep -q "ok installed" || fail "dpkg -i did not install"
[ -x /usr/bin/ocop-pos ] && [ -x /usr/bin/ocop-pos-admin ] || fail "wrappers not installed"

step "ocop-pos-admin --version"
out="$(/usr/bin/ocop-pos-admin --version)" || fail "ocop-pos-admin --version exited $?"
[ "$out" = "ocop-pos $VERSION" ] || fail "ocop-pos-admin --version said: $out"

step "ocop-pos-admin init --demo"
/usr/bin/ocop-pos-admin init --demo --data-dir "$DATA" || fail "init --demo exited $?"
[ -f "$DATA/pos.sqlite3" ] || fail "init --demo made no database"

step "ocop-pos --self-check --demo"
timeout 300 /usr/bin/ocop-pos --self-check --demo --data-dir "$DATA" \
  || fail "ocop-pos --self-check exited $?"

step "start-up time of the installed counter app (target <= 2 s)"
for run in 1 2 3; do
  t0=$(date +%s%N)
  timeout 120 /usr/bin/ocop-pos --self-check --demo --data-dir "$DATA" >/dev/null \
    || fail "ocop-pos --self-check exited $?"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "run $run: ${ms} ms"
  [ "$ms" -le 2000 ] || echo "WARNING: start-up took ${ms} ms (target 2000 ms)"
done

step "ocop-pos-admin self-check"
/usr/bin/ocop-pos-admin self-check --data-dir "$DATA" || fail "self-check exited $?"

step "ocop-pos-admin diagnostics"
/usr/bin/ocop-pos-admin diagnostics --no-printer --data-dir "$DATA" --out "$DATA/diag.zip" \
  || fail "diagnostics exited $?"
python3 - "$DATA/diag.zip" <<'PY' || fail "diagnostics zip incomplete"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
need = {"versions.json", "settings.json", "database.json", "printer.json", "manifest.json"}
assert need <= names, names
versions = json.loads(z.read("versions.json"))
assert versions["frozen"] == "yes" and versions["python-escpos"] != "unknown", versions
assert json.loads(z.read("database.json"))["integrity_check"] == "ok"
print("diagnostics zip:", sorted(names))
PY
[ -f "$DATA/logs/ocop-pos.log" ] || fail "no log file in $DATA/logs"

step "every screen and the first-run setup wizard's steps render in the bundle (screenshots)"
timeout 300 /usr/bin/ocop-pos-admin screenshots "$DATA/screens" >/dev/null \
  || fail "screenshots exited $?"
for step_png in setup-1-language setup-2-showroom setup-3-registry setup-4-printer \
    setup-5-scanner setup-6-admin setup-7-done sell settings; do
  [ -s "$DATA/screens/$step_png.png" ] || fail "no screenshot $step_png.png"
done
echo "$(ls "$DATA/screens" | wc -l) screens rendered"

step "print a test page to the bundled virtual printer (python-escpos data files present)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
/usr/bin/ocop-pos-admin virtual-printer --port "$PORT" --out "$DATA/printed" --data-dir "$DATA" &
PRINTER_PID=$!
for _ in $(seq 50); do
  python3 -c "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 0.2)" \
    "$PORT" 2>/dev/null && break
  sleep 0.2
done
timeout 120 /usr/bin/ocop-pos-admin print-test --mode tcvn3 --printer "tcp://127.0.0.1:$PORT" \
  --data-dir "$DATA" || { kill "$PRINTER_PID"; fail "print-test exited non-zero"; }
kill "$PRINTER_PID"; wait "$PRINTER_PID" 2>/dev/null || true
ls "$DATA"/printed/*.png >/dev/null 2>&1 || fail "the virtual printer received no job"

step "upgrade over itself with data in place"
count_products() {
  python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    'SELECT COUNT(*) FROM products').fetchone()[0])" "$DATA/pos.sqlite3"
}
db_sum="$(count_products)"
dpkg -i "$DEB"
/usr/bin/ocop-pos-admin init --data-dir "$DATA" || fail "init after reinstall exited $?"
after="$(count_products)"
[ "$db_sum" = "$after" ] || fail "products before/after reinstall: $db_sum / $after"

step "sizes"
DEB_MB=$(( $(stat -c %s "$DEB") / 1024 / 1024 ))
INSTALLED_KB="$(dpkg-query -W -f='${Installed-Size}' ocop-pos)"
echo "deb: ${DEB_MB} MB (target <= 90)   installed: $(( INSTALLED_KB / 1024 )) MB (target <= 250)"
[ "$DEB_MB" -le 90 ] || fail "package is ${DEB_MB} MB"
[ $(( INSTALLED_KB / 1024 )) -le 250 ] || fail "installed size is $(( INSTALLED_KB / 1024 )) MB"

if [ "${OCOP_SKIP_UPGRADE:-0}" != 1 ]; then
  step "upgrade path (ci-upgrade.sh)"
  installer/linux/ci-upgrade.sh "$DEB"
fi

step "dpkg -r and purge keep the data"
dpkg -r ocop-pos
dpkg -P ocop-pos >/dev/null
[ ! -e /usr/bin/ocop-pos ] && [ ! -e /opt/ocop-pos ] || fail "files left after removal"
[ -f "$DATA/pos.sqlite3" ] || fail "removing the package removed the data"

echo
echo "ocop-pos package check: OK in $(( $(date +%s) - STARTED )) s"
