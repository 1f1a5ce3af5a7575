"""MkDocs hook: every code block can take keyboard focus until Material has looked at it.

With `content.lazy` (mkdocs.yml) Material mounts a code block, its copy button and its keyboard access,
only when the block comes into view: mounting all of them at load laid out the page once per block
(make audit, README "Performance"). Mounting is also when Material gives a block that scrolls sideways
`tabindex="0"`, so a keyboard user could reach a wide block only after it had been on screen, and Tab
from a link above it would pass it by. So each block's <code> is built focusable; when Material mounts it,
it keeps the attribute where the block scrolls sideways and the device has hover, and removes it
everywhere else, as it did before. tests/browser/test_lazy_rendering.py checks both ends.
"""

from __future__ import annotations

import re
from typing import Any

# pymdownx.highlight writes <pre><span></span><code> (the empty span is its line-anchor hook).
CODE_BLOCK = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?)<code>")


def on_page_content(html: str, **kwargs: Any) -> str:
    return CODE_BLOCK.sub(r'\1<code tabindex="0">', html)
