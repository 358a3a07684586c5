"""Where batches are analysed: worker processes give the tables one process gives, workers that get no work
go away at once, and a batch's results do not depend on spaCy's memory zones."""
from __future__ import annotations

import signal
import subprocess
import sys

import psutil
import pytest

from extract import pipeline, process
from extract.ingest import ingest
from extract.nlp.text import doc_text

from .corpus import assert_same_tables, read_tables, write_corpus


@pytest.mark.slow
def test_two_worker_processes_write_the_tables_of_one(tmp_path, nlp):
    raw = write_corpus(tmp_path / "raw")
    pipeline.run(raw, tmp_path / "one", batch_size=2)
    summary = pipeline.run(raw, tmp_path / "two", batch_size=2, processes=2)
    assert summary.n_processed == 5
    assert_same_tables(read_tables(tmp_path / "two", drop_processed_at=True),
                       read_tables(tmp_path / "one", drop_processed_at=True))


def worker_processes() -> set[int]:
    """Worker processes of this process: spawned ones, and forked ones (they have this process's command)."""
    me = psutil.Process()
    found = set()
    for child in me.children(recursive=True):
        try:
            command = child.cmdline()
            if any("spawn_main" in part for part in command) or command == me.cmdline():
                found.add(child.pid)
        except psutil.Error:
            pass
    return found


WORKERS_OF_A_KILLED_RUN = """
import os, sys, time
from extract import pipeline
workers = pipeline.NlpWorkers(2)
while len(workers.started()) < 2:
    time.sleep(0.05)
print(" ".join(str(p) for p in workers.started()), flush=True)
time.sleep(60)
"""


def test_workers_leave_when_their_run_is_killed():
    """A run killed with SIGKILL cannot stop its workers: they notice and leave (no orphans holding memory)."""
    run = subprocess.Popen([sys.executable, "-c", WORKERS_OF_A_KILLED_RUN], stdout=subprocess.PIPE, text=True)
    workers = [psutil.Process(int(pid)) for pid in run.stdout.readline().split()]
    assert len(workers) == 2
    run.send_signal(signal.SIGKILL)
    run.wait()
    gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive


def test_workers_given_no_batch_stop_at_once():
    before = worker_processes()
    workers = pipeline.NlpWorkers(2)
    started = worker_processes() - before
    workers.close()
    assert len(started) == 2 and not worker_processes() & started


def test_results_are_the_same_inside_and_outside_a_memory_zone(tmp_path, nlp, monkeypatch):
    documents = [d for d in ingest(write_corpus(tmp_path / "raw")) if d.needs_nlp]
    outside = process.process_documents(documents)  # the pipeline has room for new words: no zone...
    monkeypatch.setattr(process, "KEPT_WORDS", 0)  # ...no more room: a zone per minibatch
    zones = []
    real_zone = type(nlp).memory_zone

    def counting_zone(self, *args, **kwargs):
        zones.append(1)
        return real_zone(self, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "memory_zone", counting_zone)
    inside = process.process_documents(documents)
    assert zones and inside == outside and any(r.entities for r in inside)


def test_the_text_of_a_parse_is_read_once_and_is_the_text(nlp):
    doc = nlp("Chile and Peru renewed a fisheries accord in Lima.\nTalks continue.")
    assert doc_text(doc) == doc.text
    doc.ents = []
    assert doc_text(doc) == doc.text


def test_few_documents_shared_by_workers_come_in_batches_small_enough_for_all():
    documents = list(range(100))
    assert [len(b) for b in pipeline.batches(documents, 64)] == [64, 36]  # one process: as asked
    shared = pipeline.batches(documents, 64, workers=2)
    sizes = [len(b) for b in shared]
    assert sum(shared, []) == documents and len(shared) >= 8  # several for each worker
    assert sizes == sorted(sizes, reverse=True) and sizes[-2] <= pipeline.MIN_SHARED_BATCH  # a short tail
    assert [len(b) for b in pipeline.batches(list(range(5000)), 64, workers=2)][0] == 64  # many: as asked
    assert all(len(b) >= pipeline.MIN_SHARED_BATCH for b in pipeline.batches(list(range(40)), 64, workers=4)[:-1])
