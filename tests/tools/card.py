"""Draw the site's link-preview card (docs/assets/images/card.png, 1200 x 630) in Debian's chromium.

The card is a static file committed to docs/ (no build-time network, no imaging libraries); run
`make card` after changing its words here and commit the PNG.
"""

from __future__ import annotations

import html
import sys

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

OUT = ROOT / "docs/assets/images/card.png"
TITLE = "DVA Notes"
LINES = (
    "Checked, linkable study notes for the",
    "AWS Certified Developer – Associate exam (DVA-C03)",
)
FOOT = "One page per service · every fact sourced · practice questions"

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column; justify-content: center;
  padding: 0 90px; box-sizing: border-box; background: #283593; color: #fff;
  font-family: "DejaVu Sans", "Liberation Sans", sans-serif; }}
h1 {{ font-size: 110px; margin: 0 0 30px; letter-spacing: -2px; }}
p {{ font-size: 44px; line-height: 1.3; margin: 0; }}
footer {{ margin-top: 60px; font-size: 30px; color: #c5cae9; }}
</style></head><body><h1>{title}</h1><p>{lines}</p><footer>{foot}</footer></body></html>"""


def main() -> int:
    content = PAGE.format(title=html.escape(TITLE), lines="<br>".join(map(html.escape, LINES)), foot=html.escape(FOOT))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(content)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT), full_page=False)
        browser.close()
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
