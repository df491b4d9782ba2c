"""nbgitpuller links: one per lesson, for a university JupyterHub (``qantar hub-links``).

A link of the form documented by nbgitpuller (its "Options in an nbgitpuller URL"
page and its link generator) makes the hub clone the course repository into the
student's home folder, or merge new commits into an earlier clone without
touching the student's own changes, and then open the lesson in JupyterLab::

    https://HUB/hub/user-redirect/git-pull?repo=REPO&urlpath=lab/tree/NAME/notebooks/LESSON&branch=BRANCH

``repo`` is the repository's URL, ``urlpath`` the page to open afterwards
(relative to the student's server, so it starts with the folder the clone goes
into: the repository's name), ``branch`` the branch to pull.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

__all__ = ("HubError", "hub_link", "hub_links", "repository")


class HubError(ValueError):
    """A hub link could not be made; the message says why and what would be valid."""


def _check_url(url: str, what: str) -> str:
    """*url* without a trailing slash, if it is an http(s) URL with a host."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError as err:
        msg = f"{what} {url!r} is not a URL ({err}); give one like https://hub.example.edu"
        raise HubError(msg) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        msg = (
            f"{what} {url!r} is not an http(s) URL with a host name; give one like "
            "https://hub.example.edu"
        )
        raise HubError(msg)
    if parts.query or parts.fragment:
        msg = f"{what} {url!r} has a query or fragment (?... or #...); give the address only"
        raise HubError(msg)
    if any(ch.isspace() for ch in text):
        msg = f"{what} {url!r} contains spaces"
        raise HubError(msg)
    return text.rstrip("/")


def _project_root(start: Path) -> Path | None:
    """The nearest folder at or above *start* that holds ``CITATION.cff``."""
    for folder in (start, *start.parents):
        if (folder / "CITATION.cff").is_file():
            return folder
    return None


def repository(root: str | Path | None = None) -> tuple[str, str]:
    """The course repository's URL and branch, read from the project's own files.

    The URL is ``repository-code`` in ``CITATION.cff``; the branch is
    ``repository.branch`` in ``course/_config.yml`` (``main`` if not given).
    Forks change both files, and the links follow.

    Parameters
    ----------
    root : str or Path, optional
        The project folder; by default the nearest folder at or above the
        current one that holds ``CITATION.cff``.

    Raises
    ------
    HubError
        If no ``CITATION.cff`` with a ``repository-code`` is found.
    """
    folder = Path(root) if root is not None else _project_root(Path.cwd())
    citation = folder / "CITATION.cff" if folder is not None else None
    if citation is None or not citation.is_file():
        msg = (
            "no CITATION.cff here or in a parent folder: run the command in a copy of the "
            "course repository, or pass --repo URL"
        )
        raise HubError(msg)
    found = re.search(
        r"^repository-code:\s*[\"']?([^\"'\s]+)", citation.read_text(encoding="utf-8"), re.MULTILINE
    )
    if not found:
        msg = f"{citation}: no 'repository-code:' line; add one, or pass --repo URL"
        raise HubError(msg)
    branch = "main"
    config = citation.parent / "course" / "_config.yml"
    if config.is_file():
        block = re.search(
            r"^repository:\s*\n((?:[ \t]+.*\n?)+)", config.read_text(encoding="utf-8"), re.MULTILINE
        )
        if block:
            named = re.search(r"^\s+branch:\s*[\"']?([^\"'\s#]+)", block.group(1), re.MULTILINE)
            if named:
                branch = named.group(1)
    return _check_url(found.group(1), f"{citation}: repository-code"), branch


def hub_link(hub: str, repo: str, branch: str, path: str) -> str:
    """The nbgitpuller link that pulls *repo* and opens *path* (inside it) in JupyterLab.

    Examples
    --------
    >>> hub_link("https://hub.example.edu/", "https://github.com/org/course", "main",
    ...          "notebooks/00-intro.ipynb")  # doctest: +NORMALIZE_WHITESPACE
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F00-intro.ipynb&branch=main'
    """
    base = _check_url(hub, "hub URL")
    repo_url = _check_url(repo, "repository URL")
    name = urlsplit(repo_url).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    if not name:
        msg = f"repository URL {repo!r} has no repository name in its path"
        raise HubError(msg)
    query = urlencode({"repo": repo_url, "urlpath": f"lab/tree/{name}/{path}", "branch": branch})
    return f"{base}/hub/user-redirect/git-pull?{query}"


def hub_links(
    hub: str,
    repo: str | None = None,
    branch: str | None = None,
    source: str | Path | None = None,
) -> list[tuple[str, str]]:
    """One nbgitpuller link per lesson: ``(lesson file name, link)`` in course order.

    Parameters
    ----------
    hub : str
        The JupyterHub's address, e.g. ``https://hub.example.edu`` (http or https).
    repo, branch : str, optional
        The course repository and branch; by default read by :func:`repository`.
    source : str or Path, optional
        Folder of the course notebooks (their names give the links' paths, which
        are ``notebooks/<name>`` in the repository); by default ``notebooks/`` of
        the project folder.

    Raises
    ------
    HubError
        If the hub or repository URL is not an http(s) URL, or no lesson is found.
    """
    from ._editions import EditionError, find_notebooks

    base = _check_url(hub, "hub URL")
    if repo is None:
        found_repo, found_branch = repository()
        repo = found_repo
        branch = branch or found_branch
    if source is None:
        root = _project_root(Path.cwd())
        source = root / "notebooks" if root is not None else None
    try:
        lessons = find_notebooks(source)
    except EditionError as err:
        raise HubError(str(err)) from None
    return [
        (lesson.name, hub_link(base, repo, branch or "main", f"notebooks/{lesson.name}"))
        for lesson in lessons
    ]


def _run(args: Any) -> int:
    import sys

    try:
        links = hub_links(args.hub, repo=args.repo, branch=args.branch, source=args.source)
    except HubError as err:
        print(f"qantar hub-links: {err}", file=sys.stderr)  # noqa: T201
        return 2
    for name, link in links:
        print(f"{name}\t{link}")  # noqa: T201
    return 0


def add_parser(sub: Any) -> None:
    """Add ``qantar hub-links`` to the command line's subparsers."""
    hub = sub.add_parser("hub-links", help="print an nbgitpuller link per lesson for a JupyterHub")
    hub.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    hub.add_argument("--repo", help="the course repository (default: CITATION.cff)")
    hub.add_argument("--branch", help="the branch to pull (default: course/_config.yml, or main)")
    hub.add_argument("--source", help="folder of the course notebooks (default: notebooks/)")
    hub.set_defaults(func=_run)
