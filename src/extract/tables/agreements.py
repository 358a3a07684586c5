"""The `agreements` table (every real-world agreement, named or only described) and `agreement_links` (the
relations the texts state between two agreements: their lineage)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from extract.tables.places import place_columns, place_of
from extract.tables.spec import DATE, FLOAT, INT, LIST, STR, Sentence, TableSpec, Via, column

if TYPE_CHECKING:
    from extract.tables.resolution import Resolution


def agreement_rows(r: Resolution) -> list[dict]:
    documents: dict[str, set[str]] = {}  # the documents that mention each agreement: where to read its place
    for result in r.results:
        for a in result.agreements:
            if a.key in r.agreement_ids:
                documents.setdefault(r.agreement_ids[a.key], set()).add(result.document.doc_id)
    return [{
        **a.__dict__,
        **place_of(a.place, (r.contexts[d] for d in documents.get(a.agreement_id, ())), a.parties),
    } for a in r.agreements.values()]


def link_rows(r: Resolution) -> list[dict]:
    rows = []
    for link in r.links:
        doc_id, stated = link.reports[0]
        rows.append({
            "link_id": link.link_id, "from_agreement_id": link.from_agreement_id,
            "to_agreement_id": link.to_agreement_id, "relation": link.relation, "doc_id": doc_id,
            "start_char": stated.span.sent_start, "end_char": stated.span.sent_end,
            "sentence": r.sentence(doc_id, stated.span.sent_start, stated.span.sent_end),
            "trigger": stated.trigger, "trigger_start": stated.span.start,
            "confidence": link.confidence, "n_documents": link.n_documents,
        })
    return rows


AGREEMENTS = TableSpec(
    "agreements", "One row per real-world agreement, treaty, framework, arrangement, initiative or law.",
    (
        column("agreement_id", STR, "Stable id derived from the agreement's key."),
        column("name", STR, "Canonical name; for an agreement the texts only describe, a name built from them: "
               "parties, what it is about and its head noun ('Kenya-Uganda fisheries pact', 'Acme acquisition of "
               "Brightline')."),
        column("acronym", STR, "Canonical acronym (upper case), if any."),
        column("aliases", LIST, "Every phrase of the texts that names or describes it ('the $3bn deal'); generic "
               "mentions ('the deal') are in `mentions` only."),
        column("kind", STR, "treaty, agreement, framework, memorandum, arrangement, initiative, law, regulation or "
               "partnership."),
        column("parties", LIST, "Its sides as the texts give them: ISO3 codes of states, canonical names "
               "(actors.name) of firms, bodies and people."),
        column("signatories", LIST, "Persons who signed it, if the texts say."),
        column("signed", DATE, "Signing or enactment date (first day of the period at coarser precision)."),
        column("signed_precision", STR, "Precision of `signed`: day, month or year."),
        column("place", STR, "Where it was signed, if stated."),
        *place_columns("where it was signed"),
        column("status", STR, "proposed, negotiating, signed, renewed, in_force or collapsed (rejected, abandoned "
               "or failed), the latest stage the texts give."),
        column("n_mentions", INT, "Number of mentions over all documents."),
        column("n_documents", INT, "Number of documents that mention it (duplicates not counted)."),
        column("conflicts", LIST, "Contradicting facts found in the texts (e.g. 'signed: 2019-06-03 vs "
               "2019-06-04')."),
    ),
    rows=agreement_rows, order=("agreement_id",), id_column="agreement_id", id_prefix="agr_",
    evidence=Via("mentions", "agreement_id"), in_summary=True,
)

AGREEMENT_LINKS = TableSpec(
    "agreement_links", "One row per stated relation between two agreements (lineage), over all documents.",
    (
        column("link_id", STR, "Stable id derived from the two agreements and the relation."),
        column("from_agreement_id", STR, "The agreement that renews, amends, replaces ... "
               "(agreements.agreement_id)."),
        column("to_agreement_id", STR, "The agreement renewed, amended, replaced ... (agreements.agreement_id)."),
        column("relation", STR, "RENEWS, AMENDS, REPLACES, BUILDS_ON, IMPLEMENTS, SUSPENDS or WITHDRAWS_FROM."),
        column("doc_id", STR, "The first document that states it."),
        column("start_char", INT, "Offset in documents.text where the sentence that states it starts."),
        column("end_char", INT, "Offset one past the end of that sentence."),
        column("sentence", STR, "The sentence that states it."),
        column("trigger", STR, "The word that states it (renewed, replaces, builds ...)."),
        column("trigger_start", INT, "Offset in documents.text where the trigger starts."),
        column("confidence", FLOAT, "1 - prod(1 - c) over its reports (0.7 for two names, 0.5 with a pronoun or "
               "description, 0.4 inferred from a RENEW event)."),
        column("n_documents", INT, "Number of documents that state it (near duplicates count once)."),
    ),
    rows=link_rows, order=("link_id",), id_column="link_id", id_prefix="lnk_",
    evidence=Sentence("start_char", "end_char", mark_start="trigger_start", mark_text="trigger"),
)
