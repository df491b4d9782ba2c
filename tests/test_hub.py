"""nbgitpuller links per lesson: the documented query parameters, and refused bad URLs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from qantar._editions import find_notebooks
from qantar._hub import HubError, hub_link, hub_links, repository

ROOT = Path(__file__).resolve().parents[1]
LESSONS = [p.name for p in find_notebooks(ROOT / "notebooks")]


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qantar._cli", "hub-links", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_repository_comes_from_citation_and_book_config() -> None:
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    url, branch = repository(ROOT)
    assert f'repository-code: "{url}"' in citation
    assert f"branch: {branch}" in (ROOT / "course" / "_config.yml").read_text(encoding="utf-8")


def test_one_link_per_lesson_with_nbgitpuller_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "course")  # the project is found from a subfolder too
    url, branch = repository(ROOT)
    name = url.rsplit("/", 1)[-1]
    links = hub_links("https://hub.example.edu/")
    assert [lesson for lesson, _ in links] == LESSONS
    for lesson, link in links:
        parts = urlsplit(link)
        assert (parts.scheme, parts.netloc) == ("https", "hub.example.edu")
        assert parts.path == "/hub/user-redirect/git-pull"
        query = parse_qs(parts.query, strict_parsing=True)
        assert query == {
            "repo": [url],
            "urlpath": [f"lab/tree/{name}/notebooks/{lesson}"],
            "branch": [branch],
        }


def test_exact_link() -> None:
    assert hub_link(
        "https://jupyter.uni.example/course/",
        "https://github.com/org/qantar.git",
        "dev",
        "notebooks/01-causes.ipynb",
    ) == (
        "https://jupyter.uni.example/course/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Forg%2Fqantar.git"
        "&urlpath=lab%2Ftree%2Fqantar%2Fnotebooks%2F01-causes.ipynb&branch=dev"
    )


def test_a_fork_gets_its_own_repository_and_branch(tmp_path: Path) -> None:
    (tmp_path / "CITATION.cff").write_text(
        "cff-version: 1.2.0\nrepository-code: https://gitlab.example.org/me/my-qantar\n",
        encoding="utf-8",
    )
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "_config.yml").write_text(
        "title: x\nrepository:\n  url: https://gitlab.example.org/me/my-qantar\n"
        "  branch: teaching-2027\n",
        encoding="utf-8",
    )
    assert repository(tmp_path) == ("https://gitlab.example.org/me/my-qantar", "teaching-2027")


def test_cli_prints_one_line_per_lesson() -> None:
    result = _cli("--hub", "https://hub.example.edu")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == LESSONS
    assert all("/hub/user-redirect/git-pull?repo=" in line for line in lines)


@pytest.mark.parametrize(
    "hub",
    [
        "hub.example.edu",
        "ftp://hub.example.edu",
        "javascript:alert(1)",
        "https://",
        "https://hub.example.edu/?next=/evil",
        "https://hub.example.edu/#x",
        "https://hub example.edu",
        "file:///etc/passwd",
        "",
    ],
)
def test_bad_hub_url_is_a_one_line_error(hub: str) -> None:
    with pytest.raises(HubError, match="hub URL"):
        hub_links(hub, repo="https://github.com/org/qantar")
    result = _cli("--hub", hub)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("qantar hub-links: hub URL")


def test_bad_repository_url_is_refused() -> None:
    result = _cli("--hub", "https://hub.example.edu", "--repo", "git@github.com:org/qantar")
    assert result.returncode == 2
    assert "repository URL" in result.stderr
    assert result.stderr.count("\n") == 1


def test_outside_a_clone_without_repo_says_what_to_do(tmp_path: Path) -> None:
    result = _cli("--hub", "https://hub.example.edu", cwd=tmp_path)
    assert result.returncode == 2
    assert "CITATION.cff" in result.stderr
    assert "--repo" in result.stderr
    assert result.stderr.count("\n") == 1
