"""The `mentions` table: every entity and agreement mention, with its actor or agreement and, for places, its
point on the map."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from extract.tables.places import mention_place
from extract.tables.spec import FLOAT, INT, STR, Columns, Sentence, TableSpec, column

if TYPE_CHECKING:
    from extract.tables.resolution import Resolution

ACTOR_LABELS = {"PERSON", "ORGANIZATION", "COUNTRY"}


def mention_rows(r: Resolution) -> pa.Table:
    rows = Columns(MENTIONS.schema)
    for result in r.results:
        doc_id = result.document.doc_id
        for m in result.entities:
            place = mention_place(m, r.contexts[doc_id])
            rows.add(
                doc_id=doc_id, start_char=m.span.start, end_char=m.span.end, text=m.text, label=m.label,
                actor_id=r.actor_ids.get(m.key) if m.label in ACTOR_LABELS else None, agreement_id=None,
                sentence_start=m.span.sent_start, sentence_end=m.span.sent_end,
                geonames_id=place and place.geonames_id, latitude=place and place.latitude,
                longitude=place and place.longitude,
            )
        for a in result.agreements:
            rows.add(
                doc_id=doc_id, start_char=a.span.start, end_char=a.span.end, text=a.text,
                label="AGREEMENT", actor_id=None, agreement_id=r.agreement_ids.get(a.key),
                sentence_start=a.span.sent_start, sentence_end=a.span.sent_end,
            )
    return rows.table()


MENTIONS = TableSpec(
    "mentions", "One row per entity mention (actor, place or agreement) in a document.",
    (
        column("doc_id", STR, "Document the mention is in (documents.doc_id)."),
        column("start_char", INT, "Offset of the first character in documents.text."),
        column("end_char", INT, "Offset one past the last character."),
        column("text", STR, "The mention as written."),
        column("label", STR, "PERSON, ORGANIZATION, COUNTRY, LOCATION, NORP (nationality or group) or AGREEMENT."),
        column("actor_id", STR, "Resolved actor (actors.actor_id), for PERSON, ORGANIZATION and COUNTRY."),
        column("agreement_id", STR, "Resolved agreement (agreements.agreement_id), for AGREEMENT."),
        column("sentence_start", INT, "Offset in documents.text where the sentence that contains the mention "
               "starts."),
        column("sentence_end", INT, "Offset one past the end of that sentence."),
        column("geonames_id", INT, "For a COUNTRY or LOCATION: the GeoNames id of the place, in the article's "
               "context."),
        column("latitude", FLOAT, "For a COUNTRY or LOCATION: its latitude (a country's centroid)."),
        column("longitude", FLOAT, "For a COUNTRY or LOCATION: its longitude."),
    ),
    rows=mention_rows, order=("doc_id", "start_char", "end_char", "label"),
    evidence=Sentence("sentence_start", "sentence_end", mark_start="start_char", mark_end="end_char"),
    offset_column="start_char",
)
