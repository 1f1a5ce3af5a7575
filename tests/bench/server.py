"""A tiny static server for the built site, loopback only, that gzips text like a real host would.

`make bench` measures first loads with and without gzip; `make audit` runs Lighthouse against it.
Compressed bodies are kept in memory for the life of one server only, so nothing carries over
between runs. Run alone: `.venv/bin/python -m tests.bench.server SITE_DIR [--port N] [--no-gzip]`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    gzip_enabled = True
    _compressed: dict[tuple[Path, int, int], bytes]
    _lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        # Fingerprinted theme assets could be cached forever; the site's pages must revalidate.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def _wants_gzip(self, ctype: str) -> bool:
        accepted = self.headers.get("Accept-Encoding", "")
        return self.gzip_enabled and "gzip" in accepted and ctype.startswith(COMPRESSIBLE)

    def _body(self, path: Path) -> bytes:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)  # a rebuilt file is compressed again
        with self._lock:
            if key not in self._compressed:
                self._compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            return self._compressed[key]

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not self._wants_gzip(ctype):
            return super().send_head()
        body = self._body(path)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def start(directory: Path, *, gzip_enabled: bool = True, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `directory` on 127.0.0.1 in a daemon thread; returns the server and its base URL."""
    handler_class = type("Handler", (_Handler,), {"gzip_enabled": gzip_enabled, "_compressed": {}})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--no-gzip", action="store_true")
    args = parser.parse_args()
    server, url = start(args.site_dir, gzip_enabled=not args.no_gzip, port=args.port)
    print(f"Serving {args.site_dir} at {url} (gzip {'off' if args.no_gzip else 'on'}); Ctrl-C stops.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
