"""The ``qantar`` command line.

qantar validate [DIR]                  check a corpus directory (default: the shipped one)
qantar copy-corpus DIR                 copy the shipped corpus to DIR, to extend it
qantar edition student|instructor --out DIR [--source notebooks] [--force]
qantar answer-key --out FILE.csv|FILE.md [--source notebooks] [--force]
qantar nbgrader --out COURSE_DIR [--source notebooks] [--force]
qantar quiz --format moodle|canvas --out FILE.xml|FILE.zip [--source notebooks] [--force]
qantar hub-links --hub URL [--repo URL] [--branch NAME]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ("main",)


def _validate(args: argparse.Namespace) -> int:
    from ._corpus import _resolve, validate

    try:
        directory = _resolve(args.directory)
    except (FileNotFoundError, TypeError) as err:
        print(f"qantar validate: {err}", file=sys.stderr)
        return 2
    problems = validate(directory)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    print(f"{directory}: corpus is valid")
    return 0


def _copy(args: argparse.Namespace) -> int:
    from ._corpus import data_dir

    target = Path(args.directory)
    if target.exists() and any(target.iterdir()) and not args.force:
        print(
            f"qantar copy-corpus: {target} is not empty; pass --force to add files to it",
            file=sys.stderr,
        )
        return 2
    source = data_dir()
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.suffix in (".csv", ".json", ".md"):
            if (target / path.name).exists() and not args.force:
                print(
                    f"qantar copy-corpus: {target / path.name} exists; pass --force",
                    file=sys.stderr,
                )
                return 2
            shutil.copyfile(path, target / path.name)
    print(f"copied the corpus to {target}; edit it, then run: qantar validate {target}")
    return 0


def _edition(args: argparse.Namespace) -> int:
    from ._editions import EditionError, make_edition

    try:
        written = make_edition(args.kind, args.out, source=args.source, force=args.force)
    except EditionError as err:
        print(f"qantar edition: {err}", file=sys.stderr)
        return 2
    print(f"wrote the {args.kind} edition ({len(written)} files) to {args.out}")
    return 0


def _answer_key(args: argparse.Namespace) -> int:
    from ._editions import EditionError, write_answer_key

    try:
        out = write_answer_key(args.out, source=args.source, force=args.force)
    except EditionError as err:
        print(f"qantar answer-key: {err}", file=sys.stderr)
        return 2
    print(f"wrote the answer key to {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``qantar`` command."""
    top = argparse.ArgumentParser(
        prog="qantar", description="Tools for the Qantar course corpus and notebooks."
    )
    sub = top.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="check a corpus directory; exit 1 on any problem")
    val.add_argument("directory", nargs="?", help="corpus folder (default: the shipped corpus)")
    val.set_defaults(func=_validate)
    cp = sub.add_parser("copy-corpus", help="copy the shipped corpus to a folder to extend it")
    cp.add_argument("directory")
    cp.add_argument("--force", action="store_true", help="replace files that exist")
    cp.set_defaults(func=_copy)
    ed = sub.add_parser("edition", help="write the student or instructor notebooks")
    ed.add_argument("kind", choices=["student", "instructor"])
    ed.add_argument("--out", required=True, help="destination folder")
    ed.add_argument("--source", default="notebooks", help="folder of the course notebooks")
    ed.add_argument("--force", action="store_true", help="replace files that exist")
    ed.set_defaults(func=_edition)
    key = sub.add_parser("answer-key", help="write every exercise with its answer or rubric")
    key.add_argument("--out", required=True, help="a .csv or .md file")
    key.add_argument("--source", default="notebooks", help="folder of the course notebooks")
    key.add_argument("--force", action="store_true", help="replace the file if it exists")
    key.set_defaults(func=_answer_key)
    from ._hub import add_parser as add_hub
    from ._nbgrader import add_parser as add_nbgrader
    from ._quiz import add_parser as add_quiz

    for add in (add_nbgrader, add_quiz, add_hub):
        add(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
