#!/usr/bin/env bash
# Build the Debian/Ubuntu package of the POS: dist/ocop-pos_<version>_<arch>.deb
#
#   installer/linux/build-deb.sh            (from anywhere; needs python3.11, dpkg-deb)
#
# Steps: a build venv (build/installer-venv, reused between runs; OCOP_CLEAN_VENV=1 makes it
# anew) with the project and PyInstaller, the PyInstaller one-folder bundle
# (installer/ocop-pos.spec), then the package tree:
#   /opt/ocop-pos/                      the bundle (ocop-pos, ocop-pos-admin, _internal/)
#   /usr/bin/ocop-pos, ocop-pos-admin   wrappers
#   /usr/share/applications/ocop-pos.desktop + the icon
#   /lib/udev/rules.d/60-ocop-pos-printers.rules   (USB receipt printers for the user)
# The package never holds or touches user data: the database, settings, backups and logs live
# in each user's data folder (~/.local/share/ocop-pos), which remove and purge leave alone.
#
# Environment:
#   OCOP_POS_BUILD_VERSION=0.1.0+ci2   the package's version instead of pos_app.__version__
#                                      (the tree is not edited; CI uses it to make a "newer" build)
#   OCOP_PACK_ONLY=1                   skip the venv and PyInstaller steps: re-pack the bundle the
#                                      last build left in build/pyinstaller/dist (seconds, not
#                                      minutes)
#   OCOP_DEB_FAST=1                    gzip -1 instead of xz: a bigger file in seconds instead of
#                                      minutes (CI's throw-away upgrade package only)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3.11}"
VENV="$ROOT/build/installer-venv"
WORK="$ROOT/build/pyinstaller"
STAGE="$ROOT/build/deb/root"
OUT_DIR="$ROOT/dist"

VERSION="${OCOP_POS_BUILD_VERSION:-$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' pos_app/__init__.py)}"
ARCH="$(dpkg --print-architecture)"
[ -n "$VERSION" ] || { echo "cannot read __version__ from pos_app/__init__.py" >&2; exit 2; }
[[ "$VERSION" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || {
  echo "not a Debian package version: $VERSION" >&2; exit 2; }
DEB="$OUT_DIR/ocop-pos_${VERSION}_${ARCH}.deb"

step() { printf '\n== %s\n' "$*"; }

BUNDLE="$WORK/dist/ocop-pos"
if [ "${OCOP_PACK_ONLY:-0}" = 1 ]; then
  step "re-pack the existing bundle ($BUNDLE)"
  [ -x "$BUNDLE/ocop-pos" ] && [ -x "$BUNDLE/ocop-pos-admin" ] || {
    echo "OCOP_PACK_ONLY=1 but no bundle in $BUNDLE: run a full build first" >&2; exit 1; }
else
  step "build venv ($VENV)"
  if [ "${OCOP_CLEAN_VENV:-0}" = 1 ]; then rm -rf "$VENV"; fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
  fi
  # The project's dependencies only: PyInstaller takes pos_app from this checkout (pathex), so a
  # stale installed copy can never end up in the bundle.
  "$VENV/bin/python" - > "$ROOT/build/runtime-deps.txt" <<'PY'
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
  "$VENV/bin/python" -m pip uninstall --quiet --yes ocop-pos 2>/dev/null || true
  "$VENV/bin/python" -m pip install --quiet -r "$ROOT/build/runtime-deps.txt" \
    -r installer/requirements-build.txt

  step "PyInstaller bundle"
  rm -rf "$WORK/dist"
  (cd "$ROOT" && "$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/work" installer/ocop-pos.spec)
  [ -x "$BUNDLE/ocop-pos" ] && [ -x "$BUNDLE/ocop-pos-admin" ] || {
    echo "PyInstaller did not produce both programs in $BUNDLE" >&2; exit 1; }
  # The bundle must answer before it is packed (catches a missing hidden import early).
  "$BUNDLE/ocop-pos-admin" --version
fi

step "package tree"
rm -rf "$ROOT/build/deb"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/ocop-pos"
cp -a "$BUNDLE" "$STAGE/opt/ocop-pos"
chmod -R u=rwX,go=rX "$STAGE/opt/ocop-pos"

for program in ocop-pos ocop-pos-admin; do
  cat > "$STAGE/usr/bin/$program" <<EOF
#!/bin/sh
# Installed by the ocop-pos package: the program lives in /opt/ocop-pos.
exec /opt/ocop-pos/$program "\$@"
EOF
  chmod 0755 "$STAGE/usr/bin/$program"
done

cp resources/icons/logo.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/ocop-pos.svg"
cat > "$STAGE/usr/share/applications/ocop-pos.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=OCOP POS
Name[vi]=Bán hàng OCOP
GenericName=Point of sale
GenericName[vi]=Phần mềm bán hàng
Comment=Point of sale for Hanoi OCOP showrooms
Comment[vi]=Bán hàng tại điểm giới thiệu sản phẩm OCOP Hà Nội
Exec=/usr/bin/ocop-pos
Icon=ocop-pos
Terminal=false
Categories=Office;Finance;
StartupWMClass=ocop-pos
EOF

UDEV_RULE="installer/linux/60-ocop-pos-printers.rules"
if [ -f "$UDEV_RULE" ]; then
  mkdir -p "$STAGE/lib/udev/rules.d"
  install -m 0644 "$UDEV_RULE" "$STAGE/lib/udev/rules.d/60-ocop-pos-printers.rules"
else
  echo "WARNING: $UDEV_RULE is missing: the package will carry no USB printer rule" >&2
fi
if [ -f installer/windows/PRINTERS.md ]; then
  install -m 0644 installer/windows/PRINTERS.md "$STAGE/usr/share/doc/ocop-pos/PRINTERS.md"
fi

cat > "$STAGE/usr/share/doc/ocop-pos/copyright" <<'EOF'
OCOP Showroom POS — MIT licence. Bundles Python, Qt for Python (PySide6, LGPLv3) and other
open-source components under their own licences (see /opt/ocop-pos/_internal).
EOF

cat > "$STAGE/DEBIAN/postinst" <<'EOF'
#!/bin/sh
# Let the USB printer rule apply without a reboot. User data is never touched here.
set -e
if [ "$1" = configure ]; then
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules 2>/dev/null || true
    udevadm trigger --subsystem-match=usb --action=change 2>/dev/null || true
  fi
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications 2>/dev/null || true
  fi
fi
exit 0
EOF
cat > "$STAGE/DEBIAN/postrm" <<'EOF'
#!/bin/sh
# Remove and purge leave every user's database, settings, backups and logs in place
# (~/.local/share/ocop-pos, ~/.config/ocop-pos): a sale is never lost by uninstalling.
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules 2>/dev/null || true
  fi
fi
exit 0
EOF
chmod 0755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"

INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: ocop-pos
Version: $VERSION
Architecture: $ARCH
Maintainer: OCOP POS team <it@ocop-pos.invalid>
Installed-Size: $INSTALLED_KB
Section: misc
Priority: optional
Depends: libc6 (>= 2.31), libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libgl1, libegl1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xkb1, libxcb-render-util0, libxcb-image0, libxcb-randr0
Recommends: udev
Description: Point of sale for Hanoi OCOP showrooms
 Offline-first point of sale: sales, stock and receipt printing on a local
 SQLite database, in Vietnamese first. Programs: ocop-pos (counter app) and
 ocop-pos-admin (administration). Data lives in each user's data folder and
 survives upgrades and removal of this package.
EOF

step "dpkg-deb"
mkdir -p "$OUT_DIR"
rm -f "$DEB"
COMPRESS=(-Zxz)
[ "${OCOP_DEB_FAST:-0}" = 1 ] && COMPRESS=(-Zgzip -z1)
dpkg-deb --root-owner-group "${COMPRESS[@]}" --build "$STAGE" "$DEB"

DEB_MB="$(du -m "$DEB" | cut -f1)"
echo "package:   $DEB"
echo "deb size:  $(du -h "$DEB" | cut -f1) (${DEB_MB} MB; target <= 90 MB)"
echo "installed: $((INSTALLED_KB / 1024)) MB (target <= 250 MB)"
