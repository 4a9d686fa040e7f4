"""The near-duplicate index of ``add`` and ``splits``: the same matches as datasketch's
``MinHashLSH`` on ordinary corpora, and queries that do not grow with the copies of one story."""

from __future__ import annotations

import random
import time

import pytest

from newsanno.ingest.dedup import BUCKET, NUM_PERM, THRESHOLD, Match, NearDuplicates, shingles

datasketch = pytest.importorskip("datasketch")


def _reference(docs: list[tuple[str, str]]) -> list[list[Match]]:
    """Each text's matches among the texts before it, every candidate of ``MinHashLSH`` scored
    (as the index once worked: quadratic for a story copied many times), each text hashed by a
    MinHash of its own."""
    lsh = datasketch.MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes = {}
    out = []
    for doc_id, text in docs:
        m = datasketch.MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        scores = [Match(d, m.jaccard(hashes[d])) for d in lsh.query(m)]
        out.append(
            sorted((s for s in scores if s.score >= THRESHOLD), key=lambda s: (-s.score, s.doc_id))
        )
        hashes[doc_id] = m
        lsh.insert(doc_id, m)
    return out


def _corpus(seed: int) -> list[tuple[str, str]]:
    """Stories of 60 to 200 words from a small vocabulary (so that stories share words and
    runs), each published up to five times with a new headline, a word changed, or its last
    sentence cut; in random order."""
    rnd = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(300)]
    docs = []
    for story in range(40):
        words = rnd.choices(vocabulary, k=rnd.randint(60, 200))
        for copy in range(rnd.randint(1, 5)):
            body = list(words)
            if copy and rnd.random() < 0.5:
                body[rnd.randrange(len(body))] = "changed"
            if copy and rnd.random() < 0.3:
                body = body[: -rnd.randint(5, 15)]
            docs.append((f"s{story}-{copy}", f"Headline {rnd.random()}\n" + " ".join(body)))
    rnd.shuffle(docs)
    return docs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_same_matches_as_every_lsh_candidate_scored(seed: int) -> None:
    docs = _corpus(seed)
    index = NearDuplicates()
    found = []
    for doc_id, text in docs:
        found.append(index.query(text))
        index.add(doc_id, text)
    assert found == _reference(docs)
    assert sum(1 for f in found if f) > 20


def test_a_replaced_text_is_no_longer_found() -> None:
    index = NearDuplicates()
    story = " ".join(f"w{i}" for i in range(50))
    index.add("a", story)
    assert [m.doc_id for m in index.query(story)] == ["a"]
    index.add("a", "another story entirely")
    assert index.query(story) == []


def test_a_story_copied_thousands_of_times_is_queried_in_constant_time() -> None:
    """Every copy was a candidate of every query: ``add`` and ``splits`` over 3,000 copies of
    one story took over a minute. Now a query scores at most the first BUCKET copies of each
    band, and finds a new copy through them."""
    story = " ".join(f"w{i}" for i in range(50))
    index = NearDuplicates()
    index.add_all((f"copy-{i:05d}", story) for i in range(10_000))
    started = time.process_time()
    found = [index.query(story + " more") for _ in range(200)]
    assert time.process_time() - started < 1
    assert len(found[0]) == BUCKET
    assert found[0][0].doc_id == "copy-00000" and found[0][0].score > THRESHOLD
