"""The `actors` table: every real-world person, organization and country, resolved across documents."""
from __future__ import annotations

from typing import TYPE_CHECKING

from extract.tables.spec import INT, LIST, STR, TableSpec, Via, column

if TYPE_CHECKING:
    from extract.tables.resolution import Resolution


def actor_rows(r: Resolution) -> list[dict]:
    return [{
        "actor_id": a.actor_id, "name": a.name, "type": a.type, "iso3": a.iso3, "country_iso3": a.country_iso3,
        "acronym": a.acronym, "aliases": a.aliases, "roles": a.roles, "n_mentions": a.n_mentions,
        "n_documents": a.n_documents,
    } for a in r.actors.values()]


ACTORS = TableSpec(
    "actors", "One row per real-world actor, resolved across all documents.",
    (
        column("actor_id", STR, "Stable id derived from the actor's key: the same in every run and batch."),
        column("name", STR, "Canonical name (the fullest name the texts give)."),
        column("type", STR, "PERSON, ORGANIZATION or COUNTRY."),
        column("iso3", STR, "ISO 3166-1 alpha-3 code, for countries."),
        column("country_iso3", STR, "Country a person or organization belongs to, if the texts say or imply it."),
        column("acronym", STR, "Acronym of an organization, if any."),
        column("aliases", LIST, "Every surface form that names the actor in the texts."),
        column("roles", LIST, "Titles and roles the texts give a person."),
        column("n_mentions", INT, "Number of mentions over all documents."),
        column("n_documents", INT, "Number of documents that mention the actor (duplicates not counted)."),
    ),
    rows=actor_rows, order=("actor_id",), id_column="actor_id", id_prefix="act_", evidence=Via("mentions", "actor_id"),
    in_summary=True,
)
