"""The nbgrader course: its cells, and a full round trip with four simulated students.

The round trip runs nbgrader's own command line from the test environment, offline:
generate_assignment, four students' submissions in submitted/, autograde, manual grades
for one student through nbgrader's gradebook API, export to CSV, generate_feedback.
"""

from __future__ import annotations

import csv
import html
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest

import qantar
from qantar._checks import expected_answer, registry
from qantar._cli import main
from qantar._nbgrader import CODE_STUB, NbgraderError, make_course
from qantar._queries import _short_names
from qantar._quiz import _plain, lesson_material, points, rubric_total

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
AUTO = [e for e in registry().values() if e.kind == "auto"]
OPEN = [e for e in registry().values() if e.kind != "auto"]
MATERIAL = lesson_material(NOTEBOOKS)
LESSONS = sorted({e.notebook for e in registry().values()})
STUDENTS = ("right", "wrong", "blank", "sloppy")


def sloppy(exercise_id: str) -> str:
    """The right answer as a careless student types it: one string, odd case and spacing."""
    exercise = registry()[exercise_id]
    answer = _plain(expected_answer(exercise_id))
    names = _short_names(qantar.load_corpus())
    if exercise.match == "choice":
        return f" ({str(answer).upper()}) "
    if exercise.match == "number":
        number = float(answer)
        if exercise.decimals is not None:  # as asked, with a decimal comma
            return f" {number:.{exercise.decimals}f} ".replace(".", ",")
        return f"{int(number):,} " if number.is_integer() else f" {number} "
    if exercise.match == "set":
        items = [names.get(str(item), str(item)) for item in reversed(answer)]
        return ";  ".join(item.upper() if i % 2 else item.lower() for i, item in enumerate(items))
    return f"  {names.get(str(answer), str(answer)).upper()} "


def wrong(exercise_id: str) -> Any:
    exercise = registry()[exercise_id]
    answer = _plain(expected_answer(exercise_id))
    if exercise.match == "choice":
        return next(letter for letter in exercise.choices if letter != answer)
    if exercise.match == "number":
        return float(answer) + exercise.tolerance + 1000
    if exercise.match == "set":
        return ["no such source"]
    return "no such thing"


@pytest.mark.parametrize("exercise", AUTO, ids=lambda e: e.id)
def test_the_simulated_answers_are_what_check_says(exercise: Any) -> None:
    """The round trip's expectations rest on these: sloppy right answers pass, wrong fail."""
    assert qantar.check(exercise.id, sloppy(exercise.id)).correct, sloppy(exercise.id)
    assert qantar.check(exercise.id, wrong(exercise.id)).correct is False


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("nbgrader") / "course"
    make_course(out, source=NOTEBOOKS)
    return out


def _cells(course: Path, lesson: str) -> list[Any]:
    nb = nbformat.read(course / "source" / lesson / f"{lesson}.ipynb", as_version=4)
    return list(nb.cells)


def _by_id(course: Path) -> dict[str, Any]:
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell
        for lesson in LESSONS
        for cell in _cells(course, lesson)
        if "nbgrader" in cell.metadata
    }


def test_course_has_a_config_and_one_assignment_per_lesson(course: Path) -> None:
    config = (course / "nbgrader_config.py").read_text(encoding="utf-8")
    assert "ClearMarkScheme" in config
    assert repr(CODE_STUB) in config
    assert sorted(p.name for p in (course / "source").iterdir()) == LESSONS


@pytest.mark.parametrize("exercise", AUTO, ids=lambda e: e.id)
def test_auto_exercise_is_an_answer_cell_and_a_locked_test(course: Path, exercise: Any) -> None:
    cells = _by_id(course)
    answer, test = cells[f"{exercise.id}-answer"], cells[f"{exercise.id}-test"]
    assert answer.metadata["nbgrader"]["solution"] is True
    assert answer.metadata["nbgrader"]["grade"] is False
    solution = re.search(r"### BEGIN SOLUTION\n(.*)\n### END SOLUTION", answer.source, re.DOTALL)
    assert solution, answer.source
    namespace: dict[str, Any] = {}
    exec(solution.group(1), namespace)  # noqa: S102 - our own generated literal
    assert qantar.check(exercise.id, namespace["answer"]).correct
    meta = test.metadata["nbgrader"]
    assert (meta["grade"], meta["locked"], meta["solution"]) == (True, True, False)
    assert meta["points"] == points(exercise, MATERIAL[exercise.id])
    assert f'qantar.check("{exercise.id}", answer)' in test.source
    # the test cell comes right after the answer cell, before another exercise rebinds answer
    for lesson in LESSONS:
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in _cells(course, lesson)]
        if f"{exercise.id}-answer" in ids:
            assert ids[ids.index(f"{exercise.id}-answer") + 1] == f"{exercise.id}-test"


@pytest.mark.parametrize("exercise", OPEN, ids=lambda e: e.id)
def test_open_exercise_is_manually_graded_with_its_rubric_for_graders(
    course: Path, exercise: Any
) -> None:
    cells = _by_id(course)
    answer, rubric = cells[f"{exercise.id}-answer"], cells[f"{exercise.id}-rubric"]
    meta = answer.metadata["nbgrader"]
    assert (meta["solution"], meta["grade"], answer.cell_type) == (True, True, "markdown")
    total = rubric_total(MATERIAL[exercise.id].rubric)
    assert total, f"{exercise.id}: the lesson's rubric states no total"
    assert meta["points"] == total
    assert "### BEGIN SOLUTION" in answer.source
    assert rubric.metadata["nbgrader"]["locked"] is True
    assert MATERIAL[exercise.id].rubric in rubric.source
    assert rubric.source.index("### BEGIN MARK SCHEME") < rubric.source.index("**Rubric**")


def test_no_self_check_buttons_in_graded_work(course: Path) -> None:
    for lesson in LESSONS:
        assert not any("qantar.self_check(" in c.source for c in _cells(course, lesson))


def test_out_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(NbgraderError, match="is a file"):
        make_course(tmp_path / "notes.txt", source=NOTEBOOKS)
    with pytest.raises(NbgraderError, match="cannot write the course"):
        make_course(tmp_path / "notes.txt" / "course", source=NOTEBOOKS)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_cli_refuses_an_existing_folder_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "qantar._cli", "nbgrader", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "choose a new folder" in result.stderr


# --- the round trip ---------------------------------------------------------------------


def _nbgrader(course: Path, *args: str) -> None:
    env = dict(os.environ)
    # nbgrader runs alembic (its database migrations) as a program of the environment
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _submit(course: Path, lesson: str, student: str) -> None:
    nb = nbformat.read(course / "release" / lesson / f"{lesson}.ipynb", as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if not grade_id.endswith("-answer"):
            continue
        exercise_id = grade_id.removesuffix("-answer")
        if cell.cell_type == "markdown":
            if student != "blank":
                cell.source = f"My answer to {exercise_id}, citing osw-013."
            continue
        assert CODE_STUB in cell.source
        given = {
            "right": repr(_plain(expected_answer(exercise_id))),
            "wrong": repr(wrong(exercise_id)),
            "sloppy": repr(sloppy(exercise_id)),
            "blank": "...",
        }[student]
        cell.source = cell.source.replace(CODE_STUB, f"answer = {given}")
    folder = course / "submitted" / student / lesson
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{lesson}.ipynb")
    (folder / "timestamp.txt").write_text("2026-01-15 10:00:00.000000 UTC", encoding="utf-8")


def _grade_open_answers_in_full(course: Path, student: str) -> None:
    """What a grader does in the formgrader: give the manually graded cells their points."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for lesson in LESSONS:
            submission = gradebook.find_submission(lesson, student)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.cell.cell_type == "markdown":
                        grade.manual_score = grade.max_score
        gradebook.db.commit()


def _rubric_fragments() -> list[str]:
    """A few words of each rubric line, as they would read in a rendered page."""
    fragments = []
    for exercise in OPEN:
        lines = MATERIAL[exercise.id].rubric.splitlines()
        # a generated rubric names each criterion (students see the names in the prompt's
        # "A good answer" list) and then its level descriptors, which only graders see
        descriptors = [
            re.sub(r"^\s*- \*full \([^)]*\):\*", "- ", line)
            for line in lines
            if re.match(r"\s*- \*full \(", line)
        ]
        for line in descriptors or lines:
            criterion = re.sub(r"^- \d+ points?:", "", line)
            words = re.findall(r"[A-Za-z]+", criterion)
            if line.startswith("- ") and len(words) >= 5:
                fragments.append(" ".join(words[:5]))
                break
    return fragments


def _page_text(markup: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return " ".join(re.findall(r"[A-Za-z]+", text))


@pytest.mark.slow
def test_round_trip_grades_four_students_exactly(course: Path) -> None:
    started = time.perf_counter()
    _nbgrader(course, "generate_assignment", "*")  # every lesson in one run
    for lesson in LESSONS:
        for student in STUDENTS:
            _submit(course, lesson, student)
    _nbgrader(course, "autograde", "*")
    _grade_open_answers_in_full(course, "right")
    _nbgrader(course, "export")
    _nbgrader(course, "generate_feedback", "*")

    auto_points = {
        lesson: sum(points(e, MATERIAL[e.id]) for e in AUTO if e.notebook == lesson)
        for lesson in LESSONS
    }
    open_points = {
        lesson: sum(points(e, MATERIAL[e.id]) for e in OPEN if e.notebook == lesson)
        for lesson in LESSONS
    }
    expected = {
        "right": {k: auto_points[k] + open_points[k] for k in LESSONS},
        "sloppy": auto_points,  # open answers written but not graded yet: 0 for them
        "wrong": dict.fromkeys(LESSONS, 0.0),
        "blank": dict.fromkeys(LESSONS, 0.0),
    }
    with (course / "grades.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    scores = {(row["student_id"], row["assignment"]): float(row["score"]) for row in rows}
    maxima = {row["assignment"]: float(row["max_score"]) for row in rows}
    assert scores == {(s, k): expected[s][k] for s in STUDENTS for k in LESSONS}
    assert maxima == {k: auto_points[k] + open_points[k] for k in LESSONS}

    fragments = _rubric_fragments()
    assert len(fragments) == len(OPEN)
    for student in STUDENTS:
        for lesson in LESSONS:
            page = course / "feedback" / student / lesson / f"{lesson}.html"
            assert page.is_file(), f"no feedback page for {student}, {lesson}"
            text = _page_text(page.read_text(encoding="utf-8"))
            autograded = course / "autograded" / student / lesson / f"{lesson}.ipynb"
            graded = _page_text(
                "\n".join(c.source for c in nbformat.read(autograded, as_version=4).cells)
            )
            for exercise, fragment in zip(OPEN, fragments, strict=True):
                if exercise.notebook != lesson:
                    continue
                # graders see the rubric in the autograded notebook; students never do
                assert fragment in graded, fragment
                assert fragment not in text, f"rubric of {exercise.id} in {page}"
            assert "MARK SCHEME" not in text
    print(f"nbgrader round trip: {time.perf_counter() - started:.0f} s")


@pytest.mark.parametrize("where", ["notebooks", "root", "project"])
def test_nbgrader_never_writes_into_the_course_or_a_root(
    where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = {"notebooks": str(NOTEBOOKS), "root": "/", "project": str(NOTEBOOKS.parent)}[where]
    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    assert main(["nbgrader", "--out", out, "--force"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("qantar nbgrader: will not write an nbgrader course into")
    assert len(err.splitlines()) == 1
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before


def test_force_refreshes_only_a_course_qantar_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "grades.csv").write_text("kept", encoding="utf-8")
    assert main(["nbgrader", "--out", str(mine), "--force"]) != 0
    assert "did not write" in capsys.readouterr().err
    assert (mine / "grades.csv").read_text(encoding="utf-8") == "kept"
    course = tmp_path / "course"
    assert main(["nbgrader", "--out", str(course)]) == 0
    assert main(["nbgrader", "--out", str(course)]) != 0
    assert main(["nbgrader", "--out", str(course), "--force"]) == 0
