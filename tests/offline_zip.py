"""Zip the offline copy (`make offline`): `python -m tests.offline_zip SITE_DIR ZIP_FILE`.

Everything lands under one folder, dva-notes-offline/, so unzipping gives that folder with index.html
at its top. Entries are sorted and dated 1980-01-01, so the same site gives the same zip, byte for byte.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

TOP = "dva-notes-offline"
DATE = (1980, 1, 1, 0, 0, 0)


def make_zip(site: Path, target: Path, top: str = TOP) -> Path:
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: no index.html; build the offline copy first (make offline)")
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m tests.offline_zip SITE_DIR ZIP_FILE")
    print(make_zip(Path(sys.argv[1]), Path(sys.argv[2])))
