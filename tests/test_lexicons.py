"""The data files are the project's knowledge: each must load into its typed record, and a file with a misspelt
key, a missing key or a word YAML reads as something else must fail loudly, naming the file and the key."""
from importlib import resources

import pytest

from extract import lexicons
from extract.lexicons import EventType, LexiconError, build


def test_every_yaml_data_file_has_a_loader_and_loads():
    files = {p.name for p in resources.files("extract.data").iterdir() if p.name.endswith(".yaml")}
    assert files == set(lexicons.LOADERS)
    for name, loader in lexicons.LOADERS.items():
        assert loader() is not None, name


def test_every_word_list_loads_without_comments_or_blank_lines():
    for path in resources.files("extract.data").iterdir():
        if path.name.endswith(".txt"):
            words = lexicons.word_list(path.name)
            assert words and not any(w.startswith("#") or not w.strip() for w in words), path.name


def test_a_misspelt_key_is_an_error_naming_file_and_key():
    with pytest.raises(LexiconError, match=r"events\.yaml: MEET: unknown key 'verb'"):
        build(EventType, {"plover": "CONSULT", "actor_types": ["COUNTRY"], "verb": ["meet"]}, "events.yaml", "MEET")


def test_a_missing_required_key_is_an_error():
    with pytest.raises(LexiconError, match="missing key 'plover'"):
        build(EventType, {"actor_types": ["COUNTRY"]}, "events.yaml", "MEET")


def test_a_word_that_yaml_reads_as_a_boolean_is_an_error():
    # unquoted `on` and `no` are booleans in YAML: the preposition would silently never match
    with pytest.raises(LexiconError, match=r"prepositions\[0\]: expected str, found True"):
        build(lexicons.NounCue, {"prepositions": [True, "against"]}, "events.yaml", "")


def test_records_are_typed_and_frozen():
    meet = lexicons.event_lexicon().types["MEET"]
    assert isinstance(meet.verbs, tuple) and "meet" in meet.verbs
    with pytest.raises(AttributeError):
        meet.plover = "X"  # type: ignore[misc]
