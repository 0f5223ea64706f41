"""Every text in the admin's templates comes from the catalogue, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from bridge.messages import CATALOGUE, LANGUAGES

TEMPLATES = Path(__file__).resolve().parents[2] / "admin" / "templates"
# Outside {{ }}, {% %}, {# #} and tags, only these may stand: punctuation and symbols.
ALLOWED = re.compile(r"^[\s\-–—−:;,.()/·+%|!?#&*]*$")


def _literal_text(source: str) -> str:
    text = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}", " ", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    return text.replace("&nbsp;", " ")


def test_templates_have_no_literal_words() -> None:
    templates = sorted(TEMPLATES.glob("*.html"))
    assert len(templates) >= 10
    for template in templates:
        leftover = _literal_text(template.read_text(encoding="utf-8"))
        for line in leftover.splitlines():
            assert ALLOWED.match(line), f"{template.name}: literal text {line.strip()!r}"


def test_the_scan_catches_a_word() -> None:
    assert not ALLOWED.match(_literal_text("<p>Lagre</p>").strip())
    assert ALLOWED.match(_literal_text('<p>{{ _("admin.title") }}</p>').strip())


def test_every_key_a_template_names_exists_in_both_languages() -> None:
    keys: set[str] = set()
    prefixes: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        keys |= set(re.findall(r'_\("([a-z_.]+[a-z_])"', source))
        prefixes |= set(re.findall(r'_\("([a-z_.]+\.)"\s*[~+]', source))
    assert len(keys) > 50
    for key in keys:
        assert key in CATALOGUE, key
        assert set(CATALOGUE[key]) >= set(LANGUAGES), key
    for prefix in prefixes:  # e.g. admin.role. + role: every such family has both languages
        family = [k for k in CATALOGUE if k.startswith(prefix)]
        assert family, prefix
        assert all(set(CATALOGUE[k]) >= set(LANGUAGES) for k in family), prefix
