"""Build the wheel, install it in a throwaway venv, and check it finds its files.

Used by `.ci/run`: a non-editable `pip install .` must carry resources and compiled
translations, and `atende export` must run from it in Portuguese.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        env_dir = tmp_path / "venv"
        venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
        py = env_dir / "bin" / "python"
        subprocess.run(
            [
                str(py),
                "-m",
                "pip",
                "install",
                "--quiet",
                "-c",
                str(ROOT / "constraints.txt"),
                str(ROOT),
            ],
            check=True,
        )
        probe = (
            "import app.paths as p, app.i18n as i;"
            "r = p.resources_dir(); t = p.translations_dir();"
            "assert 'site-packages' in str(r), r;"
            "assert (r / 'style.qss').is_file(), r;"
            "assert (t / 'pt_BR/LC_MESSAGES/atende.mo').is_file(), t;"
            "h = r.parent / 'help';"
            "assert (h / 'guide_pt_BR.html').is_file(), h;"
            "assert (h / 'screenshots' / 'light' / 'home.png').is_file(), h;"
            "i.install('pt_BR'); assert i._('Name') == 'Nome', i._('Name');"
            "print('wheel ok:', r, t)"
        )
        subprocess.run([str(py), "-c", probe], check=True, cwd=tmp)
        # Only the window and `import` create a database (SPEC §14): import one, export it.
        atende = [str(env_dir / "bin" / "atende"), "--db", str(tmp_path / "x.sqlite3")]
        config = tmp_path / "vazio.json"
        config.write_text('{"format": "atende-config", "version": 2, "instances": []}\n')
        subprocess.run([*atende, "import", str(config)], check=True, cwd=tmp)
        result = subprocess.run(
            [*atende, "export"],
            check=True,
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        assert '"format": "atende-config"' in result.stdout, result.stdout
        print("atende export from the wheel: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
