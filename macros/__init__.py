"""mkdocs-macros entry point for DVA Notes. `define_env` only registers; the logic lives in modules.

Every macro is a plain function `fn(ctx, page, *args)` in one module per concern; this file binds
them to the current page and turns their input errors into one-line build failures.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import calculators, changes, cheatsheet, corrections, coverage, glossary, links, quiz, search_index
from .context import Context, ContextRef
from .errors import MacroInputError, in_context

MODULES = (links, corrections, coverage, glossary, calculators, quiz, cheatsheet, changes)


def _as_written(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """A macro call as the page wrote it, for its error message (built only on an error: 1,300 calls a build)."""
    return f"{name}({', '.join([repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()])})"


def _bind(env: Any, ctx: Context, name: str, fn: Callable[..., str]) -> None:
    signature = inspect.signature(fn)

    def macro(*args: Any, **kwargs: Any) -> str:
        current = getattr(env, "page", None)  # Zensical's macros extension has no env.page
        page = current.file.src_uri if current is not None else "<no page>"
        try:
            return fn(ctx, page, *args, **kwargs)
        except MacroInputError as exc:
            raise in_context(page, _as_written(name, args, kwargs), exc) from None
        except TypeError:
            try:  # the call's own arguments, or a fault inside the macro (which keeps its traceback)?
                signature.bind(ctx, page, *args, **kwargs)
            except TypeError as wrong:
                raise in_context(page, _as_written(name, args, kwargs), MacroInputError(f"wrong arguments ({wrong})")) from None
            raise

    macro.__doc__ = fn.__doc__
    env.macro(macro, name)


def macro_names() -> set[str]:
    return {name for module in MODULES for name in module.MACROS}


def define_env(env: Any) -> None:
    ctx = Context.load(Path(env.conf["docs_dir"]), directory_urls=env.conf["use_directory_urls"])
    env.variables["_dva_context"] = ContextRef(ctx)
    for module in MODULES:
        for name, fn in module.MACROS.items():
            _bind(env, ctx, name, fn)


def on_pre_page_macros(env: Any) -> None:
    """Keep front matter from shadowing macros while a page renders.

    mkdocs-macros passes each front-matter key to Jinja as a variable, so a page's
    `service: sqs` would hide the `service()` macro. The plugin renders from a copy of the
    page, so the copy gets the meta without macro names; the real page keeps all its metadata.
    """
    page = env.variables["page"]
    page.meta = {k: v for k, v in page.meta.items() if k not in macro_names()}


def on_post_build(env: Any) -> None:
    """After Material writes the search index, add the catalog aliases to each page's entry; write the question bank."""
    ctx = env.variables["_dva_context"].context
    search_index.rewrite(Path(env.conf["site_dir"]), ctx.catalog, ctx.directory_urls)
    search_index.write_names(Path(env.conf["site_dir"]), ctx.catalog, ctx.directory_urls)
    quiz.write_bank(Path(env.conf["site_dir"]), ctx)
    changes.write_feed(Path(env.conf["site_dir"]), ctx, env.conf["site_url"])
