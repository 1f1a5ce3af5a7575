"""The catalog loader rejects bad data with a message naming the entry and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.catalog import DATA_DIR, CatalogError, load_catalog


def _write_variant(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    raw = yaml.safe_load((DATA_DIR / "services.yml").read_text(encoding="utf-8"))
    mutate(raw)
    (tmp_path / "services.yml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    (tmp_path / "exam.yml").write_text((DATA_DIR / "exam.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "services.yml"


def test_real_catalog_loads() -> None:
    catalog = load_catalog()
    assert "dynamodb" in catalog.ids()
    assert all(e.docs.startswith("https://") for e in catalog.entries)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["entries"][0].update(category="Compoot"), r"category 'Compoot'; did you mean: Compute"),
        (lambda r: r["entries"][0].update(related=["dynamo"]), r"related id 'dynamo'; did you mean: dynamodb"),
        (lambda r: r["entries"][0].update(domains=["secruity"]), r"domain 'secruity'; did you mean: security"),
        (lambda r: r["entries"][0].update(docs="http://example.com"), "docs must be an https URL"),
        (lambda r: r["entries"][0].update(colour="red"), "keys must be exactly"),
        (lambda r: r["entries"].append(dict(r["entries"][1])), "duplicate ids"),
    ],
)
def test_bad_catalog_is_rejected(tmp_path: Path, mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CatalogError, match=message):
        load_catalog(_write_variant(tmp_path, mutate))
