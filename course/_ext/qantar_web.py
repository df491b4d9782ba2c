"""A Sphinx extension of the Qantar book: a lighter page for phones and slow connections.

* MathJax only on pages that show mathematics, and only the parts they use:
  the loader, the core, the TeX base package and the HTML output (about 600 KB
  instead of the 1.2 MB of ``tex-chtml.js``). Sphinx counts the
  equations of every page in a page's table of contents as its own, so the
  root page loaded MathJax for one formula in one lesson (issue 11).
* The quiz script of the self-checks once per page: ``qantar.self_check``
  includes jupyterquiz's script with the first self-check of a notebook (for
  JupyterLab); here that copy leaves the page, and ``_static/qantar-quiz.js``,
  written from the installed jupyterquiz at each build, is loaded instead, only
  on pages that hold a self-check.
* No widget state in the pages: the explorers show their own kernel-free view
  (``qantar.widgets``), so the stored state of the widgets is dead weight.

tests/test_browser.py checks the weight of every page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

QUIZ_SCRIPT = "qantar-quiz.js"
_QUIZ_LIB = re.compile(r'<script class="qantar-quiz-lib">.*?</script>', re.DOTALL)


def _filename(script: Any) -> str:
    return str(getattr(script, "filename", script) or "")


def _body(script: Any) -> str:
    return str(getattr(script, "attributes", {}).get("body", ""))


def _trim_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    scripts = context.get("script_files")
    if not isinstance(body, str) or not isinstance(scripts, list):
        return
    has_math = 'class="math' in body
    has_quiz = 'class="qantar-quiz"' in body
    if has_quiz:
        context["body"] = _QUIZ_LIB.sub("", body)
    kept = []
    for script in scripts:
        name, text = _filename(script), _body(script)
        kind = str(getattr(script, "attributes", {}).get("type", ""))
        if not has_math and ("mathjax" in name.lower() or "window.MathJax" in text):
            continue
        if not has_quiz and name.endswith(QUIZ_SCRIPT):
            continue
        if kind == "application/vnd.jupyter.widget-state+json":
            continue
        if text.startswith("window.MathJax = ") and "paths" not in text:
            # the loader fetches its components from a CDN unless told where they are
            script.attributes["body"] = text + _MATHJAX_PATHS
        kept.append(script)
    context["script_files"] = kept


#: MathJax components to load (paths inside sphinx-mathjax-offline's _static/mathjax/).
MATHJAX_LOAD = ["input/tex-base", "output/chtml"]
_MATHJAX_PATHS = (
    ";window.MathJax.loader.paths = {mathjax: new URL("
    'document.documentElement.dataset.content_root + "_static/mathjax", document.baseURI).href};'
)


def _light_mathjax(app: Sphinx, config: Any) -> None:
    config.mathjax_path = "mathjax/startup.js"
    mathjax = dict(config.mathjax3_config or {})
    loader = dict(mathjax.get("loader", {}))
    loader["load"] = MATHJAX_LOAD
    mathjax["loader"] = loader
    config.mathjax3_config = mathjax


def _write_quiz_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from qantar._selfcheck import quiz_library

    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    text = "// jupyterquiz's script, served once for the self-checks of the page.\n"
    text += quiz_library()
    target = static / QUIZ_SCRIPT
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the page trimming."""
    app.add_js_file(QUIZ_SCRIPT, defer="defer")
    app.connect("config-inited", _light_mathjax, priority=900)
    app.connect("html-page-context", _trim_scripts, priority=900)
    app.connect("build-finished", _write_quiz_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
