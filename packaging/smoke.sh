#!/usr/bin/env bash
# Smoke test of the packaged app (Linux): builds the .deb and the tarball, installs the .deb
# into a temporary root with `dpkg -x`, and checks that the frozen binary, away from the
# source tree, starts offscreen in Portuguese (Qt's own buttons too), finds its data, stays
# alive, and runs `atende export`. Prints the unpacked size and the start-up time next to a
# bare PySide6 window measured in the same run. See packaging/README.md.
#
#   packaging/smoke.sh               build (make deb) then check
#   SMOKE_SKIP_BUILD=1 packaging/smoke.sh   check what dist/ holds
#   ATENDE_SMOKE_COLD=0 ...          skip the cold-cache start-up rounds (they drop the
#                                    kernel's page cache, root only)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
MAX_MB=150

if [ "${SMOKE_SKIP_BUILD:-0}" != 1 ]; then
  make deb
fi

version=$($PY -c 'import sys; sys.path.insert(0, "packaging"); import bundle_rules, pathlib; print(bundle_rules.project_version(pathlib.Path("pyproject.toml")))')
arch=$(dpkg --print-architecture)
deb="dist/atende_${version}_${arch}.deb"
tarball="dist/atende-${version}-linux-x86_64.tar.gz"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

# Away from the source tree and from the user's data.
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_RUNTIME_DIR="$tmp/runtime" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset ATENDE_DB PYTHONPATH

# --- the .deb, installed into a temporary root ------------------------------------------
dpkg-deb -x "$deb" "$tmp/root"
[ "$(readlink "$tmp/root/usr/bin/atende")" = /opt/atende/atende ] || fail "/usr/bin/atende is not a link to /opt/atende/atende"
desktop="$tmp/root/usr/share/applications/atende.desktop"
grep -qx 'Categories=Office;' "$desktop" || fail "desktop entry lacks Categories=Office"
grep -qx 'Exec=atende' "$desktop" || fail "desktop entry does not run atende"
if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate "$desktop"; fi
for size in 16 32 48 64 128 256; do
  [ -s "$tmp/root/usr/share/icons/hicolor/${size}x${size}/apps/atende.png" ] || fail "no ${size}px icon"
done
[ -s "$tmp/root/usr/share/icons/hicolor/scalable/apps/atende.svg" ] || fail "no scalable icon"
dpkg-deb -f "$deb" Version | grep -qx "$version" || fail ".deb version is not $version"

bin="$tmp/root/opt/atende/atende"
db="$tmp/data/atende.sqlite3"
mkdir -p "$tmp/data"
cd "$tmp"  # nothing may come from the checkout

# The window: stays up 3 s with the demo data, then reports what it shows.
start=$(date +%s%N)
report=$(ATENDE_SMOKE_EXIT_AFTER_MS=3000 timeout 60 "$bin" --db "$db" --demo) || fail "the app did not stay alive and exit cleanly"
alive_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "$report" | sed 's/^/  app: /'
expect() { echo "$report" | grep -qxF "$1" || fail "expected '$1' in the app's report"; }
expect "title=Atende"
expect "visible=1"
expect "menus=Arquivo, Ferramentas, Ajuda"
expect "qt_buttons=Salvar, Descartar, Cancelar"
expect "version=$version"
expect "frozen=1"
expect "translations=$tmp/root/opt/atende/_internal/app/translations"
expect "resources=$tmp/root/opt/atende/_internal/app/resources"
expect "babel=5 horas; 14 de março de 2025"
expect "holiday=Natal"
expect "phone=+55 (11) 91234-5678"
echo "$report" | grep -q "^tzdata=1; zones=[1-9]" || fail "tzdata is not bundled"
[ "$alive_ms" -ge 3000 ] || fail "the app quit after ${alive_ms} ms"
echo "smoke: window up ${alive_ms} ms, in Portuguese (Qt buttons included), data found in the bundle"

# The CLI from the same binary: export the demo instances as JSON.
"$bin" --db "$db" export > "$tmp/export.json" || fail "atende export failed"
"$OLDPWD/$PY" - "$tmp/export.json" <<'EOF' || fail "export is not the expected JSON"
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
assert data["format"] == "atende-config" and data["version"] == 2, data
names = [i["name"] for i in data["instances"]]
assert len(names) >= 3 and names == sorted(names), names
print("smoke: atende export from the .deb:", ", ".join(names))
EOF
"$bin" --db "$db" bogus 2>"$tmp/err.txt" && fail "an unknown command exited 0"
grep -q "escolha inválida" "$tmp/err.txt" || fail "argparse errors are not in Portuguese"

# --- the tarball: unpack anywhere, run ./atende -----------------------------------------
mkdir "$tmp/tar" && tar -xzf "$OLDPWD/$tarball" -C "$tmp/tar"
"$tmp/tar/atende-${version}-linux-x86_64/atende" --db "$db" export | grep -q '"format": "atende-config"' \
  || fail "the tarball's ./atende export failed"
echo "smoke: ./atende export from the tarball: ok"

# --- figures -----------------------------------------------------------------------------
cd "$OLDPWD"
size_mb=$(du -sm "$tmp/root/opt/atende" | cut -f1)
echo "size: folder build ${size_mb} MB unpacked (target ≤ ${MAX_MB} MB); .deb $(du -m "$deb" | cut -f1) MB, tarball $(du -m "$tarball" | cut -f1) MB"
[ "$size_mb" -le "$MAX_MB" ] || fail "the folder build is over ${MAX_MB} MB"
$PY packaging/start_time.py "$bin" "$db"
echo "smoke: ok"
