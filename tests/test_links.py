"""Agreement lineage: the relations texts state between agreements, one row per relation over all articles,
on texts written for the tests."""
from __future__ import annotations

from extract.tables import build_tables


def _links(*results) -> list[tuple[str, str, str, int]]:
    tables = build_tables(list(results), "test")
    names = {row["agreement_id"]: row["name"] for row in tables["agreements"].to_pylist()}
    return [(names[row["from_agreement_id"]], row["relation"], names[row["to_agreement_id"]], row["n_documents"])
            for row in tables["agreement_links"].to_pylist()]


def test_a_renewal(analyze_text):
    result = analyze_text("Chile and Peru signed the Humboldt Fisheries Accord in 2021. "
                          "The accord renewed the Pacific Anchovy Treaty of 2009.")
    assert _links(result) == [("Humboldt Fisheries Accord", "RENEWS", "Pacific Anchovy Treaty", 1)]


def test_an_amendment_by_the_protocol_named_before(analyze_text):
    result = analyze_text("Ghana and Togo signed the Coastal Patrol Protocol in March. "
                          "The protocol amends the Gulf of Guinea Maritime Treaty, adding joint patrols.")
    assert _links(result) == [("Coastal Patrol Protocol", "AMENDS", "Gulf of Guinea Maritime Treaty", 1)]


def test_a_replacement_in_the_passive(analyze_text):
    result = analyze_text("The Baltic Power Agreement of 1998 was replaced by the Nordic Energy Charter, which "
                          "Norway and Sweden agreed on Monday.")
    assert _links(result) == [("Nordic Energy Charter", "REPLACES", "Baltic Power Agreement", 1)]


def test_a_denied_relation_is_no_link(analyze_text):
    result = analyze_text("The Nordic Energy Charter does not replace the Baltic Power Agreement, officials said.")
    assert _links(result) == []


def test_two_articles_stating_the_same_link_give_one_row(analyze_text):
    first = analyze_text("The Humboldt Fisheries Accord renewed the Pacific Anchovy Treaty, officials in Lima said.")
    second = analyze_text("Chile and Peru said on Monday that the Humboldt Fisheries Accord, signed in 2021, "
                          "extends the Pacific Anchovy Treaty.")
    rows = build_tables([first, second], "test")["agreement_links"].to_pylist()
    assert len(rows) == 1 and rows[0]["relation"] == "RENEWS" and rows[0]["n_documents"] == 2
    assert rows[0]["confidence"] > 0.7  # two reports are surer than one
    assert rows[0]["sentence"].startswith("The Humboldt Fisheries Accord renewed")
