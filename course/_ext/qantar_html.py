"""A Sphinx extension of the Qantar book: small fixes to the HTML, for accessibility.

docutils marks each bibliography entry with the DPUB-ARIA role ``doc-biblioentry``
inside a ``role="list"`` container. That role is deprecated and axe-core does not
accept it as a list item (rule aria-required-children, critical), so the entries get
the plain ``listitem`` role. tests/test_browser.py runs axe-core on every page.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _fix_roles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fixes."""
    app.connect("html-page-context", _fix_roles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
