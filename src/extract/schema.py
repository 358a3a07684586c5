"""The output tables, defined once: names, Arrow types and a description of every column.

The descriptions travel with the data (Parquet field metadata) so a notebook user can read them back with
`pyarrow.parquet.read_schema(path).field(name).metadata`.
"""
from __future__ import annotations

import pyarrow as pa

STR = pa.string()
INT = pa.int32()
FLOAT = pa.float32()
DATE = pa.date32()
TS = pa.timestamp("us", tz="UTC")
LIST = pa.list_(pa.string())


def _field(name: str, type_: pa.DataType, description: str) -> pa.Field:
    return pa.field(name, type_, metadata={"description": description})


def _schema(table: str, description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"table": table, "description": description})



def _place_fields(what: str) -> tuple[pa.Field, ...]:
    """Where `what` happened, on the map: the place resolved against the offline GeoNames gazetteer."""
    return (
        _field("place_geonames_id", INT, f"GeoNames id of the place {what}; null when the gazetteer lacks it."),
        _field("place_latitude", FLOAT, "Latitude of the place (a country's centroid at country precision)."),
        _field("place_longitude", FLOAT, "Longitude of the place."),
        _field("place_country_iso3", STR, "ISO3 code of the country the place is in."),
        _field("place_admin1", STR, "GeoNames code of its first-level division ('FR.11', 'US.TX')."),
        _field("place_precision", STR, "city, admin1 or country."),
        _field("place_source", STR, "How the place was chosen among those of its name: gazetteer:context (a "
               "country or state of the article), gazetteer:population (the most populous) or country."),
    )


DOCUMENTS = _schema(
    "documents", "One row per input document, whatever became of it.",
    _field("doc_id", STR, "Hash of the normalized text: the same article gets the same id wherever it came from."),
    _field("source", STR, "Path of the input relative to the input folder (JSONL lines: FILE#ID)."),
    _field("title", STR, "Title from the sidecar, the HTML page or the first heading line."),
    _field("url", STR, "URL from the sidecar or JSONL record, if any."),
    _field("published", DATE, "Publication date, if known."),
    _field("published_from", STR, "Where `published` came from: sidecar (or feed), metadata (an HTML page's "
                                  "meta tags, JSON-LD or <time>), text (dateline or header) or none."),
    _field("language", STR, "ISO 639-1 language code detected from the text."),
    _field("n_chars", INT, "Length of the decoded text in characters."),
    _field("status", STR, "ok (processed), rejected (not processed, see reason) or duplicate (see duplicate_of)."),
    _field("reason", STR, "Why a document was rejected or marked duplicate; null when ok."),
    _field("duplicate_of", STR, "doc_id of the document this one repeats (exactly or nearly)."),
    _field("encoding", STR, "Encoding the bytes were decoded with."),
    _field("pipeline_version", STR, "Version of the pipeline and model that processed the document."),
    _field("processed_at", TS, "When this document was processed (UTC)."),
    _field("text", STR, "The decoded text; all character offsets in other tables index it."),
)

MENTIONS = _schema(
    "mentions", "One row per entity mention (actor, place or agreement) in a document.",
    _field("doc_id", STR, "Document the mention is in (documents.doc_id)."),
    _field("start_char", INT, "Offset of the first character in documents.text."),
    _field("end_char", INT, "Offset one past the last character."),
    _field("text", STR, "The mention as written."),
    _field("label", STR, "PERSON, ORGANIZATION, COUNTRY, LOCATION, NORP (nationality or group) or AGREEMENT."),
    _field("actor_id", STR, "Resolved actor (actors.actor_id), for PERSON, ORGANIZATION and COUNTRY."),
    _field("agreement_id", STR, "Resolved agreement (agreements.agreement_id), for AGREEMENT."),
    _field("sentence_start", INT, "Offset in documents.text where the sentence that contains the mention starts."),
    _field("sentence_end", INT, "Offset one past the end of that sentence."),
    _field("geonames_id", INT, "For a COUNTRY or LOCATION: the GeoNames id of the place, in the article's context."),
    _field("latitude", FLOAT, "For a COUNTRY or LOCATION: its latitude (a country's centroid)."),
    _field("longitude", FLOAT, "For a COUNTRY or LOCATION: its longitude."),
)

ACTORS = _schema(
    "actors", "One row per real-world actor, resolved across all documents.",
    _field("actor_id", STR, "Stable id derived from the actor's key: the same in every run and batch."),
    _field("name", STR, "Canonical name (the fullest name the texts give)."),
    _field("type", STR, "PERSON, ORGANIZATION or COUNTRY."),
    _field("iso3", STR, "ISO 3166-1 alpha-3 code, for countries."),
    _field("country_iso3", STR, "Country a person or organization belongs to, if the texts say or imply it."),
    _field("acronym", STR, "Acronym of an organization, if any."),
    _field("aliases", LIST, "Every surface form that names the actor in the texts."),
    _field("roles", LIST, "Titles and roles the texts give a person."),
    _field("n_mentions", INT, "Number of mentions over all documents."),
    _field("n_documents", INT, "Number of documents that mention the actor (duplicates not counted)."),
)

AGREEMENTS = _schema(
    "agreements", "One row per real-world agreement, treaty, framework, arrangement, initiative or law.",
    _field("agreement_id", STR, "Stable id derived from the agreement's key."),
    _field("name", STR, "Canonical name; for an agreement the texts only describe, a name built from them: "
           "parties, what it is about and its head noun ('Kenya-Uganda fisheries pact', 'Acme acquisition of "
           "Brightline')."),
    _field("acronym", STR, "Canonical acronym (upper case), if any."),
    _field("aliases", LIST, "Every phrase of the texts that names or describes it ('the $3bn deal'); generic "
           "mentions ('the deal') are in `mentions` only."),
    _field("kind", STR, "treaty, agreement, framework, memorandum, arrangement, initiative, law, regulation or partnership."),
    _field("parties", LIST, "Its sides as the texts give them: ISO3 codes of states, canonical names (actors.name) "
           "of firms, bodies and people."),
    _field("signatories", LIST, "Persons who signed it, if the texts say."),
    _field("signed", DATE, "Signing or enactment date (first day of the period at coarser precision)."),
    _field("signed_precision", STR, "Precision of `signed`: day, month or year."),
    _field("place", STR, "Where it was signed, if stated."),
    *_place_fields("where it was signed"),
    _field("status", STR, "proposed, negotiating, signed, renewed, in_force or collapsed (rejected, abandoned or "
           "failed), the latest stage the texts give."),
    _field("n_mentions", INT, "Number of mentions over all documents."),
    _field("n_documents", INT, "Number of documents that mention it (duplicates not counted)."),
    _field("conflicts", LIST, "Contradicting facts found in the texts (e.g. 'signed: 2019-06-03 vs 2019-06-04')."),
)

EVENTS = _schema(
    "events", "One row per real-world event, merged over every report of it.",
    _field("event_id", STR, "Stable id derived from the event's type, agreement, date and participants."),
    _field("type", STR, "SIGN, NEGOTIATE, RENEW, ANNOUNCE, MEET, DESIGNATE, SANCTION, PURCHASE, EXERCISE, CLASH or PRODUCE."),
    _field("plover", STR, "PLOVER event code of the type."),
    _field("quad_class", STR, "verbal cooperation, material cooperation, verbal conflict or material conflict (the "
           "GDELT/PLOVER quad class of the type)."),
    _field("date", DATE, "When it happened (first day of the period at coarser precision); null if no report says."),
    _field("date_precision", STR, "Precision of `date`: day, week, month, season, quarter or year."),
    _field("end_date", DATE, "Last day of the period the event spans, when the report gives its two ends "
           "('talks from 3 to 5 May', 'between 3 and 7 March'); null otherwise."),
    _field("place", STR, "Where it happened, if stated."),
    *_place_fields("where it happened"),
    _field("agreement_id", STR, "The agreement it concerns (agreements.agreement_id), if any."),
    _field("participants", LIST, "Canonical names of the actors taking part (actors.name)."),
    _field("participant_ids", LIST, "actor_id of each participant, in the same order as `participants`."),
    _field("agents", LIST, "Participants who did it (subject, 'by' agent, possessor: 'Canada imposed', 'Peru's purchase')."),
    _field("targets", LIST, "Participants it was done to or with (object, 'on', 'from': 'tariffs on Chile')."),
    _field("modality", STR, "asserted, planned, negated ('has not signed') or hypothetical ('could sign'): asserted "
           "when any report asserts it. Filter on it for what happened."),
    _field("n_mentions", INT, "Number of reports of the event."),
    _field("n_documents", INT, "Number of documents that report it (near duplicates of one article count once)."),
    _field("first_reported", DATE, "Earliest publication date among the documents that report it."),
    _field("source_urls", LIST, "URLs of the documents that report it, where known."),
    _field("n_sources", INT, "Distinct publishers (web sites) among the documents that report it; null when none "
           "says where it was published."),
    _field("conflicting_dates", LIST, "Other dates, at the precision of `date`, that reports give for the same event."),
    _field("confidence", FLOAT, "1 - prod(1 - c) over the reporting documents, c the surest report of each "
           "(event_mentions.confidence), 0-1."),
)

EVENT_MENTIONS = _schema(
    "event_mentions", "One row per report of an event in a document.",
    _field("event_id", STR, "The event reported (events.event_id)."),
    _field("doc_id", STR, "Document of the report."),
    _field("start_char", INT, "Offset in documents.text where the sentence that reports the event starts."),
    _field("end_char", INT, "Offset one past the end of that sentence."),
    _field("sentence", STR, "The sentence that reports the event: documents.text[start_char:end_char], stripped of surrounding blanks."),
    _field("trigger", STR, "The word that signals the event (signed, talks, tariffs...), as written."),
    _field("trigger_start", INT, "Offset of the trigger in documents.text."),
    _field("date_text", STR, "The time expression that dates the event, as written."),
    _field("date", DATE, "The date this report gives."),
    _field("date_precision", STR, "Precision of `date`."),
    _field("modality", STR, "asserted, planned, negated or hypothetical, as this report tells it."),
    _field("participants", LIST, "Canonical names of the actors this report names as taking part."),
    _field("participant_source", STR, "How they were found: arguments (the parse), pair_reference ('both countries'), "
           "agreement_parties, document_pair, sentence or coreference (a neighbouring report)."),
    _field("agreement_id", STR, "The agreement this report concerns, if any."),
    _field("confidence", FLOAT, "How surely the report was recognized (0-1): trigger kind, how participants, "
           "agreement and date were found (weights in data/events.yaml)."),
)

DATES = _schema(
    "dates", "One row per time expression, normalized to TIMEX3.",
    _field("doc_id", STR, "Document the expression is in."),
    _field("start_char", INT, "Offset of the first character in documents.text."),
    _field("end_char", INT, "Offset one past the last character."),
    _field("text", STR, "The expression as written."),
    _field("type", STR, "DATE, TIME, DURATION or SET."),
    _field("value", STR, "TIMEX3 value (2019-06-03, 2019-06, 2019-W23, 2019-SU, 200, P10Y, PRESENT_REF...); null if unresolvable."),
    _field("mod", STR, "TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER..."),
    _field("start", DATE, "First day of the period the expression denotes."),
    _field("end", DATE, "Last day of that period."),
    _field("precision", STR, "day, week, month, season, quarter, year, decade or century."),
    _field("sentence_start", INT, "Offset in documents.text where the sentence that contains the expression starts."),
    _field("sentence_end", INT, "Offset one past the end of that sentence."),
)

AGREEMENT_LINKS = _schema(
    "agreement_links", "One row per stated relation between two agreements (lineage), over all documents.",
    _field("link_id", STR, "Stable id derived from the two agreements and the relation."),
    _field("from_agreement_id", STR, "The agreement that renews, amends, replaces ... (agreements.agreement_id)."),
    _field("to_agreement_id", STR, "The agreement renewed, amended, replaced ... (agreements.agreement_id)."),
    _field("relation", STR, "RENEWS, AMENDS, REPLACES, BUILDS_ON, IMPLEMENTS, SUSPENDS or WITHDRAWS_FROM."),
    _field("doc_id", STR, "The first document that states it."),
    _field("start_char", INT, "Offset in documents.text where the sentence that states it starts."),
    _field("end_char", INT, "Offset one past the end of that sentence."),
    _field("sentence", STR, "The sentence that states it."),
    _field("trigger", STR, "The word that states it (renewed, replaces, builds ...)."),
    _field("trigger_start", INT, "Offset in documents.text where the trigger starts."),
    _field("confidence", FLOAT, "1 - prod(1 - c) over its reports (0.7 for two names, 0.5 with a pronoun or "
           "description, 0.4 inferred from a RENEW event)."),
    _field("n_documents", INT, "Number of documents that state it (near duplicates count once)."),
)

TABLES: dict[str, pa.Schema] = {
    s.metadata[b"table"].decode(): s
    for s in (DOCUMENTS, MENTIONS, ACTORS, AGREEMENTS, EVENTS, EVENT_MENTIONS, DATES, AGREEMENT_LINKS)
}


def empty_table(name: str) -> pa.Table:
    """A table with no rows and its full schema, so consumers can rely on the columns."""
    return TABLES[name].empty_table()


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts keyed by column) as an Arrow table with the table's schema; extra keys are ignored."""
    schema = TABLES[name]
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)
