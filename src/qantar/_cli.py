"""The ``qantar`` command line.

qantar validate [DIR]                  check a corpus directory (default: the shipped one)
qantar copy-corpus DIR                 copy the shipped corpus to DIR, to extend it
qantar edition student|instructor --out DIR [--source FOLDER] [--force]
qantar answer-key --out FILE.csv|FILE.md [--source FOLDER] [--force]
qantar nbgrader --out COURSE_DIR [--source FOLDER] [--force]
qantar quiz --format moodle|canvas --out FILE.xml|FILE.zip [--source FOLDER] [--force]
qantar hub-links --hub URL [--repo URL] [--branch NAME]

Without ``--source`` the lessons shipped with the package are used.  Every
error is one line on standard error and a non-zero exit status.  Also runs as
``python -m qantar``.
"""

from __future__ import annotations

import argparse
import errno
import os
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
    source = data_dir()
    if target.exists() and not target.is_dir():
        print(
            f"qantar copy-corpus: {target} is a file; name a new or empty folder", file=sys.stderr
        )
        return 2
    if target.resolve() == source.resolve() or source.resolve() in target.resolve().parents:
        print(
            f"qantar copy-corpus: {target} is the corpus shipped with the package; "
            "copy it to a folder of your own, e.g. qantar copy-corpus my-corpus",
            file=sys.stderr,
        )
        return 2
    if target.exists() and any(target.iterdir()) and not args.force:
        print(
            f"qantar copy-corpus: {target} is not empty; choose a new folder "
            "(or add --force to replace the corpus files in it)",
            file=sys.stderr,
        )
        return 2
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        if path.suffix in (".csv", ".json", ".md"):
            if (target / path.name).is_dir():
                print(f"qantar copy-corpus: {target / path.name} is a folder", file=sys.stderr)
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
    ed.add_argument("--source", help="folder of the notebooks (default: the shipped lessons)")
    ed.add_argument(
        "--force", action="store_true", help="replace an edition an earlier run wrote to --out"
    )
    ed.set_defaults(func=_edition)
    key = sub.add_parser("answer-key", help="write every exercise with its answer or rubric")
    key.add_argument("--out", required=True, help="a .csv or .md file")
    key.add_argument("--source", help="folder of the notebooks (default: the shipped lessons)")
    key.add_argument("--force", action="store_true", help="replace the file if it exists")
    key.set_defaults(func=_answer_key)
    from ._hub import add_parser as add_hub
    from ._nbgrader import add_parser as add_nbgrader
    from ._quiz import add_parser as add_quiz

    for add in (add_nbgrader, add_quiz, add_hub):
        add(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Every failure is one line on standard error; a reader that stops early
    (``qantar validate DIR | head -1``) ends the command quietly.
    """
    args = parser().parse_args(argv)
    name = f"qantar {args.command}"
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # the reader went away: send what is left nowhere, and say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print(f"{name}: interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        reason = err.strerror or str(err)
        if err.errno == errno.ENOSPC:
            reason = "the disk is full"
        where = f" {err.filename}" if err.filename else ""
        print(f"{name}: cannot write or read{where} ({reason})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
