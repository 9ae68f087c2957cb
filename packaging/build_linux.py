"""Linux packages from the folder build (`make deb`): a `.deb` and an AppDir-style tarball.

    .venv/bin/python packaging/build_linux.py [--dist dist]

Needs `dist/atende/` (`make package`) and `dpkg-deb`. Writes
`dist/atende_<version>_<arch>.deb` (the app in /opt/atende, /usr/bin/atende, the menu entry
in Office, hicolor icons) and `dist/atende-<version>-linux-x86_64.tar.gz` (unpack anywhere,
run `./atende`). The version comes from pyproject.toml, like the app's own metadata.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bundle_rules  # noqa: E402
import render_icons  # noqa: E402

# In Portuguese, as the app speaks (dpkg takes UTF-8; no field needs English).
DESCRIPTION = """\
Configure o atendimento das suas instâncias do WhatsApp, offline
 O Atende configura a seção Atendimento de cada instância do WhatsApp do
 serviço Notificações Inteligentes (priorizar atendimento, encerramento
 automático, agenda de funcionamento, mensagens predefinidas) e roda o vigia
 que encerra os atendimentos inativos. Interface em português do Brasil."""

# Not bundled by PyInstaller (it leaves the C library and the GL/X/Wayland client libraries
# to the system, so the user's drivers are used).
DEPENDS = ("libgl1", "libegl1", "libxcb1")
# fonts-noto-color-emoji: the messages' emoji drawn instead of empty boxes.
RECOMMENDS = (
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
    "fonts-noto-color-emoji",
)

APP_RUN = """\
#!/bin/sh
# Atende, unpacked anywhere: runs the bundled app (GUI, or the CLI with a sub-command).
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/lib/atende/atende" "$@"
"""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Atende

Files: *
Copyright: Atende authors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of
 this software and associated documentation files (the "Software"), to deal in
 the Software without restriction, including without limitation the rights to
 use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
 the Software, and to permit persons to whom the Software is furnished to do so,
 subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all
 copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
 FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
 COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN
 AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
 WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def glibc_version() -> str:
    """The build machine's glibc: the bundled libraries need at least that one."""
    name, _sep, version = (os.confstr("CS_GNU_LIBC_VERSION") or "glibc 2.31").partition(" ")
    return version


def control(version: str, arch: str, installed_kib: int) -> str:
    depends = ", ".join((f"libc6 (>= {glibc_version()})", *DEPENDS))
    return (
        f"Package: atende\nVersion: {version}\nSection: misc\nPriority: optional\n"
        f"Architecture: {arch}\nMaintainer: Atende maintainers <noreply@atende.invalid>\n"
        f"Installed-Size: {installed_kib}\nDepends: {depends}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\nDescription: {DESCRIPTION}\n"
    )


def tree_kib(folder: Path) -> int:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_symlink())
    return (total + 1023) // 1024


def copy_icons(icons: Path, share: Path) -> None:
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor", dirs_exist_ok=True)


def build_deb(build: Path, icons: Path, out: Path, version: str) -> Path:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()
    stage = ROOT / "build" / "deb" / f"atende_{version}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(build, stage / "opt" / "atende", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "atende").symlink_to("/opt/atende/atende")
    share = stage / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    desktop = ROOT / "resources" / "atende.desktop"
    shutil.copyfile(desktop, share / "applications" / "atende.desktop")
    copy_icons(icons, share)
    (share / "doc" / "atende").mkdir(parents=True)
    (share / "doc" / "atende" / "copyright").write_text(COPYRIGHT, "utf-8")
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(control(version, arch, tree_kib(stage)), "utf-8")
    for path in [stage, *stage.rglob("*")]:
        if not path.is_symlink():
            executable = path.is_dir() or os.access(path, os.X_OK)
            path.chmod(0o755 if executable else 0o644)
    deb = out / f"atende_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return deb


def build_tarball(build: Path, icons: Path, out: Path, version: str) -> Path:
    name = f"atende-{version}-linux-x86_64"
    stage = ROOT / "build" / "appdir" / name
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(build, stage / "usr" / "lib" / "atende", symlinks=True)
    copy_icons(icons, stage / "usr" / "share")
    (stage / "AppRun").write_text(APP_RUN, "utf-8")
    (stage / "AppRun").chmod(0o755)
    (stage / "atende").symlink_to("AppRun")
    shutil.copyfile(ROOT / "resources" / "atende.desktop", stage / "atende.desktop")
    shutil.copyfile(icons / "hicolor" / "256x256" / "apps" / "atende.png", stage / "atende.png")
    (stage / ".DirIcon").symlink_to("atende.png")
    tarball = out / f"{name}.tar.gz"

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name, filter=owned_by_root)
    return tarball


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    build = args.dist / "atende"
    if not (build / "atende").is_file():
        print(f"{build}/atende is missing: run `make package` first", file=sys.stderr)
        return 1
    version = bundle_rules.project_version(ROOT / "pyproject.toml")
    icons = ROOT / "build" / "icons"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (QPainter needs it)
    render_icons.render_all(ROOT / "resources" / "atende.svg", icons)
    for made in (
        build_deb(build, icons, args.dist, version),
        build_tarball(build, icons, args.dist, version),
    ):
        print(f"{made} ({made.stat().st_size / 2**20:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
