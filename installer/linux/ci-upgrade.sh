#!/usr/bin/env bash
# CI check of the upgrade path a showroom goes through, with the programs INSTALLED by dpkg:
#
#   1. install the package, set a till up and SELL 20 sales through the installed program;
#   2. re-pack the same bundle as a newer package version (OCOP_PACK_ONLY=1, OCOP_DEB_FAST=1 and
#      OCOP_POS_BUILD_VERSION: seconds, no second PyInstaller run), `dpkg -i` it over the first;
#      the 20 sales are still there, the counter app still starts on them, it sells on;
#   3. a database an older app left (schema 0001, with catalog rows) opened by the installed
#      program is backed up BEFORE it is migrated, and keeps its rows;
#   4. the OLDER package installed over data a newer schema wrote refuses to open it, exit
#      non-zero, with the translated message, and leaves the data untouched.
#
#   installer/linux/ci-upgrade.sh [FIRST.deb]     (root; default: dist/ocop-pos_<version>_<arch>.deb)
#
# ci-check-deb.sh runs it after its own checks. The package is left installed at the first
# version if it was installed when this started, else removed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
STARTED=$(date +%s)
APP_VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' pos_app/__init__.py)"
ARCH="$(dpkg --print-architecture)"
FIRST_VERSION="${OCOP_POS_BUILD_VERSION:-$APP_VERSION}"
DEB="${1:-$ROOT/dist/ocop-pos_${FIRST_VERSION}_${ARCH}.deb}"
NEWER_VERSION="${FIRST_VERSION}+ci2"
NEWER_DEB="$ROOT/dist/ocop-pos_${NEWER_VERSION}_${ARCH}.deb"
WORK="$(mktemp -d /tmp/ocop-pos-upgrade-XXXXXX)"
DATA="$WORK/till"
export QT_QPA_PLATFORM=offscreen

fail() { echo "FAIL (upgrade): $*" >&2; exit 1; }
step() { printf '\n== upgrade: %s (%ss)\n' "$*" "$(( $(date +%s) - STARTED ))"; }
installed() { dpkg-query -W -f='${Status}' ocop-pos 2>/dev/null | grep -q "ok installed"; }
installed_version() { dpkg-query -W -f='${Version}' ocop-pos; }

WAS_INSTALLED=0
installed && WAS_INSTALLED=1
cleanup() {
  if [ "$WAS_INSTALLED" = 1 ]; then
    # leave the first package installed, as the caller had it
    [ "$(installed_version 2>/dev/null || true)" = "$FIRST_VERSION" ] || dpkg -i "$DEB" >/dev/null || true
  elif installed; then
    dpkg -r ocop-pos >/dev/null || true
  fi
  rm -rf "$WORK"
  rm -f "$NEWER_DEB"
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || fail "run as root (dpkg -i needs it)"
[ -f "$DEB" ] || fail "no package at $DEB (build it first: installer/linux/build-deb.sh)"

# sales as the database holds them: how many, and a digest of every sale's id, number and total
sales_digest() {
  python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute("SELECT id, receipt_no, total FROM sales ORDER BY id").fetchall()
print(len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:16])
PY
}
revision() {
  python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    'SELECT version_num FROM alembic_version').fetchone()[0])" "$1"
}

step "install $FIRST_VERSION"
if ! installed || [ "$(installed_version)" != "$FIRST_VERSION" ]; then
  dpkg -i "$DEB" >/dev/null
fi
[ "$(installed_version)" = "$FIRST_VERSION" ] || fail "version $FIRST_VERSION not installed"

step "set a till up and sell 20 sales through the installed program"
/usr/bin/ocop-pos-admin init --demo --data-dir "$DATA" >/dev/null || fail "init --demo exited $?"
/usr/bin/ocop-pos-admin demo-sales 20 --data-dir "$DATA" || fail "demo-sales exited $?"
read -r SOLD DIGEST < <(sales_digest "$DATA/pos.sqlite3")
[ "$SOLD" = 20 ] || fail "expected 20 sales after selling, the database holds $SOLD"
/usr/bin/ocop-pos-admin sales --data-dir "$DATA" > "$WORK/sales-before.txt" \
  || fail "sales listing exited $?"
echo "sold: $SOLD sales (digest $DIGEST)"

step "re-pack the same bundle as $NEWER_VERSION (no second PyInstaller run)"
OCOP_PACK_ONLY=1 OCOP_DEB_FAST=1 OCOP_POS_BUILD_VERSION="$NEWER_VERSION" \
  installer/linux/build-deb.sh \
  > "$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log" >&2; fail "re-packing exited non-zero"; }
[ -f "$NEWER_DEB" ] || fail "no package at $NEWER_DEB"
dpkg --compare-versions "$NEWER_VERSION" gt "$FIRST_VERSION" \
  || fail "dpkg does not see $NEWER_VERSION as newer than $FIRST_VERSION"

step "dpkg -i $NEWER_VERSION over $FIRST_VERSION"
dpkg -i "$NEWER_DEB" >/dev/null || fail "dpkg -i of the newer package failed"
[ "$(installed_version)" = "$NEWER_VERSION" ] || fail "dpkg reports $(installed_version)"

step "the sales are still there after the upgrade"
/usr/bin/ocop-pos-admin init --data-dir "$DATA" >/dev/null || fail "init after upgrade exited $?"
/usr/bin/ocop-pos-admin self-check --data-dir "$DATA" >/dev/null || fail "self-check after upgrade"
timeout 120 /usr/bin/ocop-pos --self-check --data-dir "$DATA" >/dev/null \
  || fail "the counter app does not start on the upgraded data"
read -r AFTER AFTER_DIGEST < <(sales_digest "$DATA/pos.sqlite3")
[ "$AFTER $AFTER_DIGEST" = "$SOLD $DIGEST" ] \
  || fail "sales before/after the upgrade: $SOLD $DIGEST / $AFTER $AFTER_DIGEST"
/usr/bin/ocop-pos-admin sales --data-dir "$DATA" > "$WORK/sales-after.txt"
diff -u "$WORK/sales-before.txt" "$WORK/sales-after.txt" || fail "the day's sales list changed"
echo "after the upgrade: $AFTER sales (digest $AFTER_DIGEST), same listing"
/usr/bin/ocop-pos-admin demo-sales 1 --data-dir "$DATA" >/dev/null \
  || fail "the upgraded program cannot sell"
read -r AFTER _ < <(sales_digest "$DATA/pos.sqlite3")
[ "$AFTER" = 21 ] || fail "a sale after the upgrade: the database holds $AFTER sales, not 21"

step "an older app's database is backed up before the installed program migrates it"
OLD="$WORK/old-app"
mkdir -p "$OLD"
BUILD_PY=""
for candidate in "$ROOT/build/installer-venv/bin/python" "$ROOT/.venv/bin/python"; do
  if [ -x "$candidate" ] && "$candidate" -c "import alembic, sqlalchemy" 2>/dev/null; then
    BUILD_PY="$candidate"; break
  fi
done
[ -n "$BUILD_PY" ] || fail "no Python with alembic to build an old-schema database"
"$BUILD_PY" -c "import sys; from pathlib import Path
from tests.installer.old_database import build_old_database
build_old_database(Path(sys.argv[1]), '0001')" "$OLD/pos.sqlite3" || fail "building the old database"
[ "$(revision "$OLD/pos.sqlite3")" = 0001 ] || fail "the old database is not at 0001"
out="$(/usr/bin/ocop-pos-admin init --data-dir "$OLD")" || fail "init on the old database exited $?"
echo "$out"
BACKUP="$(sed -n 's/^backup before upgrade: //p' <<<"$out")"
[ -n "$BACKUP" ] && [ -f "$BACKUP" ] || fail "no backup reported before the migration"
[ "$(revision "$BACKUP")" = 0001 ] || fail "the backup is not the database as it was (0001)"
[ "$(revision "$OLD/pos.sqlite3")" != 0001 ] || fail "the old database was not migrated"
python3 -c "import sqlite3, sys; n = sqlite3.connect(sys.argv[1]).execute(
  'SELECT COUNT(*) FROM products').fetchone()[0]; sys.exit(0 if n == 2 else f'products: {n}')" \
  "$OLD/pos.sqlite3" || fail "the migrated database lost products"
echo "backup before migration: $BACKUP (schema 0001); database now at $(revision "$OLD/pos.sqlite3")"

step "the older package over data a newer schema wrote refuses it"
python3 -c "import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with db: db.execute(\"UPDATE alembic_version SET version_num = '9999_from_the_future'\")
" "$DATA/pos.sqlite3"
dpkg -i "$DEB" >/dev/null 2>&1 || fail "dpkg -i of the older package failed"
[ "$(installed_version)" = "$FIRST_VERSION" ] || fail "downgrade: dpkg reports $(installed_version)"
before_sum="$(sha256sum < "$DATA/pos.sqlite3")"
for command in "ocop-pos-admin self-check" "ocop-pos-admin init" "ocop-pos --self-check"; do
  set +e
  # shellcheck disable=SC2086  # the command and its subcommand are two words on purpose
  said="$(timeout 120 /usr/bin/$command --data-dir "$DATA" 2>&1)"
  code=$?
  set -e
  [ "$code" != 0 ] || fail "$command accepted a database from a newer version"
  # the message is in the interface language (Vietnamese by default) and names the schema
  grep -q "9999_from_the_future" <<<"$said" || fail "$command did not name the schema: $said"
  grep -q "mới hơn" <<<"$said" || fail "$command did not say it in Vietnamese: $said"
  echo "$command: exit $code: $(tr '\n' ' ' <<<"$said" | head -c 300)"
done
[ "$(sha256sum < "$DATA/pos.sqlite3")" = "$before_sum" ] || fail "the refused database was changed"
read -r KEPT _ < <(sales_digest "$DATA/pos.sqlite3")
[ "$KEPT" = 21 ] || fail "the refused database holds $KEPT sales"

echo
echo "upgrade path: OK in $(( $(date +%s) - STARTED )) s"
