"""Stable ids and grouping of keys that name the same thing."""
from __future__ import annotations

import hashlib
from typing import Hashable, Iterable

from extract.records import DocResult


def stable_id(prefix: str, *parts: object) -> str:
    """A short id derived from content only: the same parts give the same id in every run and batch."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}_{digest}"


class UnionFind:
    """Groups of keys joined by "these name the same thing" links."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, key: Hashable) -> Hashable:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key becomes the root, so grouping does not depend on input order
            if str(rb) < str(ra):
                ra, rb = rb, ra
            self.parent[rb] = ra

    def join_all(self, keys: Iterable[Hashable]) -> None:
        keys = list(keys)
        for k in keys:
            self.find(k)
        for k in keys[1:]:
            self.union(keys[0], k)

    def groups(self) -> dict[Hashable, list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = {}
        for key in sorted(self.parent, key=str):
            out.setdefault(self.find(key), []).append(key)
        return out


def story_of(results: list[DocResult]) -> dict[str, str]:
    """doc_id -> the doc_id of the original story, so near-duplicate copies do not count twice."""
    return {r.document.doc_id: r.document.duplicate_of or r.document.doc_id for r in results}
