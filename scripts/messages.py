"""Write bot/locales/messages.pot from every _(), ngettext(), pgettext() and N_() in bot/ and faq/.

Run it (``make messages``) after adding or changing a sentence; then update each language's
catalog with ``pybabel update -i bot/locales/messages.pot -d bot/locales``.
tests/unit/test_i18n.py fails while the template is out of date.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "bot" / "locales" / "messages.pot"
SOURCES = ("bot", "faq")
METHODS = [("**.py", "python")]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract() -> Catalog:
    """Every patient-facing sentence in the source, as a template catalog."""
    catalog = Catalog(project="ldn-bot", charset="utf-8", fuzzy=False)
    for source in SOURCES:
        found = extract_from_dir(
            ROOT / source, METHODS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        )
        for filename, lineno, message, comments, context in found:
            where = (f"{source}/{filename}", lineno)
            catalog.add(message, locations=[where], auto_comments=comments, context=context)
    return catalog


def render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # No dates, no line numbers: the template changes only when a sentence changes.
    write_po(out, catalog, omit_header=True, include_lineno=False, sort_output=True, width=100)
    return out.getvalue()


def main() -> int:
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(render(extract()))
    print(f"wrote {TEMPLATE.relative_to(ROOT)} ({len(extract())} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
