"""Organization names: canonical names of known bodies, acronyms, and keys that ignore legal suffixes.

Known intergovernmental organizations, groupings and national bodies come from `data/organizations.yaml`;
company legal forms ("Ltd", "Inc.", "Limited") are recognized by the cleanco library, so "Acme Ltd" and
"Acme Limited" share a key.
"""
from __future__ import annotations

from functools import lru_cache

from cleanco import basename

from extract.lexicons import KnownOrganization, organizations
from extract.normalize.names import clean_name, name_key


@lru_cache(maxsize=1)
def known_organizations() -> dict[str, KnownOrganization]:
    """Known organizations by the key of every name, acronym and alias."""
    table: dict[str, KnownOrganization] = {}
    for org in organizations().organizations:
        for form in org.surface_forms:
            table.setdefault(name_key(form), org)
    return table


def known_organization(text: str) -> KnownOrganization | None:
    """The known organization `text` names ("NATO", "the Quad", "State Department"), else None."""
    return known_organizations().get(name_key(text))


def organization_key(name: str) -> str:
    """Matching key without articles, possessives or a trailing legal form: "Acme Holdings Ltd" and
    "Acme Holdings Limited" give "acme holdings"."""
    cleaned = clean_name(name)
    stripped = basename(cleaned).strip(" ,.")
    # a name that is only a legal form word ("Company") keeps its text
    return name_key(stripped if len(stripped) >= 2 else cleaned)


def organization_patterns() -> list[dict]:
    """Entity-ruler patterns for every known organization's name, acronym and aliases (as written)."""
    forms = {form for org in set(known_organizations().values()) for form in org.surface_forms}
    return [{"label": "ORG", "pattern": form} for form in sorted(forms) if not form.lower().startswith("the ")]
