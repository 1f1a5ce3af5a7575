"""The question bank in the built site: no answer reaches the search index, every catalog page has
its Check yourself section, the Practice page's bank file matches the data, and the quiz script
stays within its size budget."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import yaml
from selectolax.lexbor import LexborHTMLParser

from macros.context import Context
from macros.quiz import BANK_FILE, INDEX_FILE
from tests.conftest import ROOT

CTX = Context.load(ROOT / "docs")
BUDGETS = yaml.safe_load((ROOT / "tests/bench/budgets.yml").read_text(encoding="utf-8"))


def words(text: str) -> str:
    """Lowercase words only, so a probe matches whatever markup or punctuation surrounds it."""
    return " ".join(re.sub(r"[^A-Za-z0-9]", " ", text).split()).lower()


def index_words(index: dict) -> str:
    """The index's text without its HTML tags (per entry: a stray < in one entry must not eat the next)."""
    return words(" ".join(re.sub(r"<[^>]+>", " ", f"{d['title']} {d['text']}") for d in index["docs"]))


def outside_questions(path: Path) -> str:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    for node in tree.css(".quiz-list, [data-practice]"):
        node.decompose()
    return tree.body.text(separator=" ") if tree.body else ""


def leaks(index: dict, pages: str) -> tuple[list[tuple[str, str]], int, int]:
    """(leaked fragments, fragments checked, fragments in all) of the bank's stems, options and whys.

    A few `why` lines repeat a sentence of the note they explain; those prove nothing either way, so
    only text that appears nowhere on the site outside the questions is probed.
    """
    text = index_words(index)
    leaked, checked, total = [], 0, 0
    for q in CTX.questions.values():
        for fragment in [q.stem, *(o.text for o in q.options), *(o.why for o in q.options)]:
            probe = words(fragment)[:80]
            total += 1
            if len(probe) < 50 or probe in pages:  # short option texts ("Amazon SQS") are everywhere
                continue
            checked += 1
            if probe in text:
                leaked.append((q.id, probe))
    return leaked, checked, total


def test_search_index_holds_no_answers_and_no_questions(built_site: Path) -> None:
    """Stems are left out too: a question's words would rank its page for facts another page teaches."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["title"].lower() == "check yourself"]
    assert not [d["location"] for d in index["docs"] if "check-yourself" in d["location"]]
    pages = words(" ".join(outside_questions(p) for p in built_site.rglob("*.html")))
    leaked, checked, total = leaks(index, pages)
    assert not leaked, leaked[:5]
    assert checked > 0.75 * total, f"only {checked} of {total} fragments could be checked"
    # The same check on an index that holds one answer's explanation reports it.
    why = next(o.why for q in CTX.questions.values() for o in q.options
               if o.correct and len(words(o.why)) >= 50 and words(o.why)[:80] not in pages)
    index["docs"][1]["text"] += f" <p>{why}</p>"
    assert len(leaks(index, pages)[0]) == 1


def test_every_catalog_page_has_its_questions(built_site: Path) -> None:
    for entry in CTX.catalog.entries:
        html = (built_site / entry.src_path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        expected = [q.id for q in CTX.questions.values() if q.page == entry.id]
        found = re.findall(r'<form class="quiz" id="[^"]+" data-question="([^"]+)"', html)
        assert found == expected, entry.id
        assert 'id="check-yourself"' in html


def test_bank_file_matches_the_data(built_site: Path) -> None:
    bank = json.loads((built_site / BANK_FILE).read_text(encoding="utf-8"))
    assert [q["id"] for q in bank["questions"]] == list(CTX.questions)
    assert bank["exam"]["format"]["questions"] == 65 and len(bank["exam"]["domains"]) == 4
    assert set(bank["notes"]) == {n for q in CTX.questions.values() for n in q.notes}
    for q in bank["questions"]:
        assert sum(o["correct"] for o in q["options"]) == len(CTX.questions[q["id"]].answer)
    practice = (built_site / "practice/index.html").read_text(encoding="utf-8")
    assert 'data-bank="questions.json"' in practice and 'data-index="index.json"' in practice
    assert not [q.id for q in CTX.questions.values() if q.id in practice], "fetched on demand, never inlined"


def test_index_is_the_bank_without_stems_or_options(built_site: Path) -> None:
    """What the Practice page loads first: the bank's exam, pages and notes, and each question cut to the
    fields that choose it, in the bank's order (a shared seed draws the same questions from either)."""
    bank = json.loads((built_site / BANK_FILE).read_text(encoding="utf-8"))
    index = json.loads((built_site / INDEX_FILE).read_text(encoding="utf-8"))
    assert {k: v for k, v in index.items() if k != "questions"} == {k: v for k, v in bank.items() if k != "questions"}
    assert index["questions"] == [{k: q[k] for k in ("id", "domain", "service", "notes")} for q in bank["questions"]]
    sizes = [len(gzip.compress(path.read_bytes(), 6)) for path in (built_site / INDEX_FILE, built_site / BANK_FILE)]
    assert sizes[0] * 5 < sizes[1], f"the index ({sizes[0]} bytes gzipped) is a fifth of the bank ({sizes[1]}) or less"


def test_quiz_script_within_budget(built_site: Path) -> None:
    budget = BUDGETS["quiz"]["script_gzip_bytes_max"]
    folder = built_site / "javascripts/quiz"
    size = sum(len(gzip.compress(p.read_bytes(), 9)) for p in folder.glob("*.js"))
    assert 0 < size <= budget, f"quiz scripts: {size} bytes gzipped, budget {budget}"
