"""Small builders shared by the tests."""

from __future__ import annotations

from pathlib import Path

from checker.claims import extract_claims
from checker.ingest import parse_article
from checker.models import Article, Claim


def article(body: str, doc: str = "a.txt", date: str | None = "2024-06-06") -> Article:
    """An article with a dated header line (or none) and the given body."""
    header = f"发布日期:{date}\n\n" if date else ""
    return parse_article((header + body).encode("utf-8"), doc)


def claims_of(body: str, date: str | None = "2024-06-06", doc: str = "a.txt") -> list[Claim]:
    return list(extract_claims(article(body, doc, date)).claims)


def claim_quoting(claims: list[Claim], quote: str) -> Claim:
    found = [c for c in claims if quote in c.quote]
    assert found, f"no claim quoting {quote!r} in {[c.quote for c in claims]}"
    return found[0]


def write_corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)  # east/x.txt: a folder inside
        (folder / name).write_text(text, encoding="utf-8")
    return folder
