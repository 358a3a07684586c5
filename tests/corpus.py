"""Small articles written for the tests (other countries, people and treaties than the sample), and helpers
to read back and compare whole output folders."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extract.tables import TABLES

ARTICLES = {
    "pipeline.txt": (
        "Kenya and Uganda sign pipeline accord\n"
        "Kenya and Uganda signed an oil pipeline agreement in Kampala on March 3, 2021, officials said.\n"
        "The agreement sets out how crude oil from the western fields will reach the port of Tanga.\n"),
    "fisheries.txt": (
        "Chile and Peru renew fisheries pact\n"
        "The foreign ministers of Chile and Peru met in Lima on April 12, 2022 and renewed a fisheries accord.\n"
        "Minister Ana Villanueva said the accord would protect anchovy stocks for another decade.\n"),
    "vessels.txt": (
        "Norway to buy patrol vessels\n"
        "Norway will purchase four patrol vessels from Finland, the defence ministry in Oslo said on June 2, 2022.\n"
        "The ships will patrol the Barents Sea from 2025.\n"),
    "summit.txt": (
        "Ghana and Togo hold border summit\n"
        "President Kwame Mensah of Ghana met his counterpart from Togo in Accra on May 9, 2023.\n"
        "The two leaders announced a joint commission on the border.\n"),
    "exercise.txt": (
        "Navies of Brazil and Argentina train together\n"
        "Brazil and Argentina held a joint naval exercise off Rio de Janeiro on August 15, 2023.\n"
        "Admiral Lucas Pereira said the drills would be repeated every year.\n"),
}


def write_corpus(folder: Path, names: list[str] | None = None) -> Path:
    """Write the named articles (default: all) into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or list(ARTICLES):
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder


def read_tables(output: Path, *, drop_processed_at: bool = False) -> dict[str, pa.Table]:
    """All the tables of an output folder (optionally without the one column that records run time)."""
    tables = {name: pq.read_table(Path(output) / f"{name}.parquet") for name in TABLES}
    if drop_processed_at:
        tables["documents"] = tables["documents"].drop(["processed_at"])
    return tables


def assert_same_tables(left: dict[str, pa.Table], right: dict[str, pa.Table]) -> None:
    for name in TABLES:
        assert left[name].equals(right[name]), f"{name} differs"
