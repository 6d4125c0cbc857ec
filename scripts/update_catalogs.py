"""Extract the messages (``pybabel extract``) and update every language's catalog
(``pybabel update``; ``pybabel init`` for a new language).

    python scripts/update_catalogs.py          # after changing a message or a notebook

Run from the repository root; the notebooks must be built first
(``python scripts/build_notebooks.py``). Translations are then written into
``nps_toolkit/locale/<lang>/LC_MESSAGES/nps_toolkit.po``; a message changed in English becomes
empty or fuzzy there (``--no-fuzzy-matching`` is not used, so the translator sees the old
text; fuzzy entries are never shown), and ``tests/test_i18n.py`` fails until it is translated.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nps_toolkit._i18n_extract import KEYWORDS  # noqa: E402
from nps_toolkit.i18n import DOMAIN, LANGUAGES, LOCALE_DIR  # noqa: E402

POT = LOCALE_DIR / f"{DOMAIN}.pot"


def main() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    keywords = [arg for name, spec in KEYWORDS.items()
                for arg in ("-k", name if spec is None else f"{name}:{spec[0]},{spec[1]}")]
    subprocess.run([*pybabel, "extract", "-F", "babel.cfg", "--no-default-keywords",
                    *keywords, "--sort-by-file", "--no-wrap",
                    "--project", "nps-toolkit", "-o", str(POT), "."],
                   cwd=ROOT, env=env, check=True)
    for lang in LANGUAGES:
        if lang == "en":
            continue
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        command = "update" if po.exists() else "init"
        subprocess.run([*pybabel, command, "-i", str(POT), "-d", str(LOCALE_DIR),
                        "-D", DOMAIN, "-l", lang, "--no-wrap",
                        *(["--ignore-obsolete"] if command == "update"
                          else [])],
                       cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
