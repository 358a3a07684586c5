"""One run configuration: the options reach the spaCy pipeline through its config, change the pipeline
version when they change the output, and the assembled pipeline can be saved and loaded back."""
from __future__ import annotations

import spacy

from extract.ingest import build_document, mask_text
from extract.ingest.sources import RawItem
from extract.nlp.model import load_pipeline
from extract.pipeline import RunPlan
from extract.process import analyze, process_documents
from extract.settings import TIMEX_REFERENCES, RunConfig

TEXT = ("Kenya and Uganda signed a fisheries pact in Entebbe on 3 March 2021. Officials said the talks had "
        "recently stalled, and that ministers would now meet again next year.")


def _document():
    return build_document(RawItem("pact.txt", "text", TEXT.encode("utf-8"), {"published": "2021-03-04"}))


def test_the_environment_gives_only_the_defaults_of_what_is_not_set(monkeypatch):
    monkeypatch.setenv(TIMEX_REFERENCES, "1")
    assert RunConfig.from_environment(model="m").timex_references is True
    assert RunConfig.from_environment(timex_references=False).timex_references is False
    monkeypatch.delenv(TIMEX_REFERENCES)
    assert RunConfig.from_environment() == RunConfig()


def test_an_option_that_changes_the_output_changes_the_pipeline_version(tmp_path):
    plain = RunPlan([_document()], tmp_path, RunConfig())
    timeml = RunPlan([_document()], tmp_path, RunConfig(timex_references=True))
    assert plain.version != timeml.version and timeml.version.endswith("+timeml")
    assert RunPlan([_document()], tmp_path, RunConfig(batch_size=2, processes=2)).version == plain.version


def test_the_option_reaches_the_component_through_its_config(nlp):
    timeml = load_pipeline(timex_references=True)
    assert timeml.get_pipe_config("extract_timex")["references"] is True
    assert nlp.get_pipe_config("extract_timex")["references"] is False
    texts = lambda results: {d.text for d in results[0].dates}  # noqa: E731
    assert "recently" in texts(process_documents([_document()], RunConfig(timex_references=True)))
    assert "recently" not in texts(process_documents([_document()], RunConfig()))


def test_the_assembled_pipeline_saved_and_loaded_gives_the_same_records(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    document = _document()
    text = mask_text(document.text, document.segments)
    assert analyze(loaded(text), document) == analyze(nlp(text), document)
