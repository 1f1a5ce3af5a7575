"""The question bank in the built site: no answer reaches the search index, every catalog page has
its Check yourself section, the Practice page's bank file matches the data, and the quiz script
stays within its size budget."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import yaml

from macros.context import Context
from macros.quiz import BANK_FILE
from tests.conftest import ROOT

CTX = Context.load(ROOT / "docs")
BUDGETS = yaml.safe_load((ROOT / "tests/bench/budgets.yml").read_text(encoding="utf-8"))


def words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>|`", " ", text).split()).lower()


def test_search_index_holds_no_answers_and_no_questions(built_site: Path) -> None:
    """Stems are left out too: a question's words would rank its page for facts another page teaches."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = words(" ".join(f"{d['title']} {d['text']}" for d in index["docs"]))
    assert "show the answer" not in text and "check yourself" not in text
    leaked = []
    for q in CTX.questions.values():
        for fragment in [q.stem, *(o.why for o in q.options)]:
            probe = words(fragment)[:80]
            if probe in text:
                leaked.append((q.id, probe))
    assert not leaked, leaked[:5]
    assert not [d["location"] for d in index["docs"] if "check-yourself" in d["location"] or "-q-" in d["location"]]


def test_search_index_test_can_fail(built_site: Path) -> None:
    """The same probe finds a stem that is in the index: one from the page text it was written from."""
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    text = words(" ".join(d["text"] for d in index["docs"]))
    assert words("Receiving a message does not remove it from the queue.")[:80] in text


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
    pages = list(built_site.rglob("*.html"))
    assert not [p for p in pages if "questions.json" in p.read_text(encoding="utf-8")], "fetched on demand, never inlined"


def test_quiz_script_within_budget(built_site: Path) -> None:
    budget = BUDGETS["quiz"]["script_gzip_bytes_max"]
    folder = built_site / "javascripts/quiz"
    size = sum(len(gzip.compress(p.read_bytes(), 9)) for p in folder.glob("*.js"))
    assert 0 < size <= budget, f"quiz scripts: {size} bytes gzipped, budget {budget}"
