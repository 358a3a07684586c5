"""Everything the row builders of the tables need, resolved once over the records of every document of the
output: actors, agreements, events and the links between agreements, with the texts, URLs and the place
context of each document. Each is computed when a table first asks for it."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from functools import cached_property

from extract.normalize.geocode import town_countries, us_state_code
from extract.records import DocResult
from extract.resolve import Actor, Agreement, Event, Link, resolve_actors, resolve_agreements, resolve_events, \
    resolve_links

MIN_AGREEING_PLACES = 2  # place names that may all lie in one country before it counts as the article's


class Resolution:
    """The records of every document (`results`), resolved across documents.

    pipeline_version: the version recorded for every document; processed_at: when each document was
    processed (by doc_id; the build time for those not listed).
    """

    def __init__(self, results: list[DocResult], pipeline_version: str,
                 processed_at: dict[str, datetime] | None = None) -> None:
        self.results = results
        self.pipeline_version = pipeline_version
        self.processed_at = processed_at or {}
        self.now = datetime.now(timezone.utc)

    @cached_property
    def _actors(self) -> tuple[dict[str, Actor], dict[str, str]]:
        return resolve_actors(self.results)

    @property
    def actors(self) -> dict[str, Actor]:
        """Actors by actor_id."""
        return self._actors[0]

    @property
    def actor_ids(self) -> dict[str, str]:
        """The actor_id of every entity key."""
        return self._actors[1]

    @cached_property
    def _agreements(self) -> tuple[dict[str, Agreement], dict[str, str]]:
        return resolve_agreements(self.results, self.actor_ids, self.actors)

    @property
    def agreements(self) -> dict[str, Agreement]:
        """Agreements by agreement_id."""
        return self._agreements[0]

    @property
    def agreement_ids(self) -> dict[str, str]:
        """The agreement_id of every agreement key."""
        return self._agreements[1]

    @cached_property
    def events(self) -> list[Event]:
        return resolve_events(self.results, self.actor_ids, self.agreement_ids)

    @cached_property
    def links(self) -> list[Link]:
        return resolve_links(self.results, self.agreement_ids, self.agreements, self.events)

    @cached_property
    def texts(self) -> dict[str, str]:
        """Each document's text, by doc_id."""
        return {r.document.doc_id: r.document.text for r in self.results}

    @cached_property
    def urls(self) -> dict[str, str]:
        """Each document's URL, where known."""
        return {r.document.doc_id: r.document.url for r in self.results if r.document.url}

    @cached_property
    def contexts(self) -> dict[str, frozenset[str]]:
        """The countries and US states each document is about (to read its place names in)."""
        return {r.document.doc_id: article_context(r) for r in self.results}

    def sentence(self, doc_id: str, start: int, end: int) -> str:
        """The text of a sentence, without the blanks around it."""
        return self.texts[doc_id][start:end].strip()


def article_context(result: DocResult) -> frozenset[str]:
    """ISO3 codes of the countries an article names (and of the countries its organizations belong to), and
    GeoNames codes ("US.TX") of the US states it names; and the country its places agree on: a story that
    names Birmingham, Newcastle and Dover is about Britain, though it never says so."""
    codes: set[str] = set()
    places = {m.text for m in result.entities if m.label == "LOCATION"}
    for m in result.entities:
        if m.iso3:
            codes.add(m.iso3)
        if m.country_iso3:
            codes.add(m.country_iso3)
        if m.label == "LOCATION" and (state := us_state_code(m.text)):
            codes.update((state, "USA"))
    votes = Counter(iso3 for name in places for iso3 in town_countries(name))
    ranked = votes.most_common(2)
    if ranked and ranked[0][1] >= MIN_AGREEING_PLACES and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        codes.add(ranked[0][0])
    return frozenset(codes)
