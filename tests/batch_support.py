"""Short articles written for the batch tests, and helpers to build them."""

from __future__ import annotations

from newsledger.ingest.article import make_article
from newsledger.models import Article

TEXTS = [
    "Officials in Kharkiv said on Monday that two people were injured by shelling overnight.",
    "The governor, Oleh Synehubov, told reporters: \"The situation is under control.\"",
    "According to the health ministry, 14 civilians were killed in the strike on the market.",
    "Talks between the two delegations resumed in Geneva after a pause of three weeks.",
    "A spokesman for the army said troops had pulled back from the village near the river.",
    "Aid agencies warned that more than 10,000 families were without power in the region.",
    "The mayor said the bridge would reopen next month once repairs were finished.",
]


def articles(texts: list[str] | None = None, prefix: str = "t") -> list[Article]:
    return [make_article(t, source=f"{prefix}{i}.txt") for i, t in enumerate(texts or TEXTS)]


def long_text(words: int) -> str:
    """A plausible news paragraph repeated until it has about ``words`` words."""
    para = ("Officials in the eastern city said that artillery fire had damaged three "
            "apartment buildings and a school, and that rescue teams were still searching "
            "the rubble on Tuesday evening. ")
    n = max(1, words // len(para.split()))
    return "\n\n".join(para.strip() for _ in range(n))
