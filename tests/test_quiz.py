"""Quizzes for learning platforms: Moodle XML and the Canvas QTI zip agree with check()."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

import qantar
from qantar._checks import registry
from qantar._quiz import QuizError, lesson_material, points, write_quiz

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
AUTO = [e for e in registry().values() if e.kind == "auto"]
OPEN = [e for e in registry().values() if e.kind != "auto"]
MATERIAL = lesson_material(NOTEBOOKS)
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def _plain_text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture(scope="module")
def moodle(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ET.Element]:
    out = write_quiz("moodle", tmp_path_factory.mktemp("moodle") / "qantar.xml", NOTEBOOKS)
    root = ET.parse(out).getroot()
    assert root.tag == "quiz"
    return {
        q.findtext("idnumber", ""): q
        for q in root.findall("question")
        if q.get("type") != "category"
    }


def test_moodle_holds_every_exercise_once(moodle: dict[str, ET.Element]) -> None:
    assert list(moodle) == list(registry())


@pytest.mark.parametrize("exercise", AUTO, ids=lambda e: e.id)
def test_moodle_right_answers_pass_check(moodle: dict[str, ET.Element], exercise: Any) -> None:
    question = moodle[exercise.id]
    answers = question.findall("answer")
    right = [a for a in answers if float(a.get("fraction", "0")) > 0]
    assert right, f"{exercise.id}: no right answer in the file"
    assert question.findtext("defaultgrade") == f"{points(exercise, MATERIAL[exercise.id]):g}"
    kind = question.get("type")
    if exercise.match == "choice":
        assert (kind, question.findtext("single")) == ("multichoice", "true")
        letters = exercise.choices
        assert [a.findtext("text") for a in answers] == [
            MATERIAL[exercise.id].options[letter] for letter in letters
        ]
        [index] = [i for i, a in enumerate(answers) if a.get("fraction") == "100"]
        assert qantar.check(exercise.id, letters[index]).correct
        for i, answer in enumerate(answers):
            feedback = answer.findtext("feedback/text") or ""
            assert feedback, f"{exercise.id} ({letters[i]}): no feedback"
            assert qantar.check(exercise.id, letters[i]).correct is (i == index)
    elif exercise.match == "set":
        assert (kind, question.findtext("single")) == ("multichoice", "false")
        chosen = [a.findtext("text") for a in right]
        assert qantar.check(exercise.id, chosen).correct
        assert sum(float(a.get("fraction", "0")) for a in right) == pytest.approx(100, abs=0.01)
        for answer in answers:
            alone = qantar.check(exercise.id, [answer.findtext("text")]).correct
            assert alone is (len(right) == 1 and answer in right)
            assert answer.findtext("feedback/text")
    elif exercise.match == "number":
        assert kind == "numerical"
        [answer] = right
        value, tolerance = (
            float(answer.findtext("text", "")),
            float(answer.findtext("tolerance", "")),
        )
        assert tolerance == exercise.tolerance
        for given in (value, value - tolerance, value + tolerance):
            assert qantar.check(exercise.id, given).correct, given
        assert not qantar.check(exercise.id, value + tolerance + 1).correct
    else:
        assert kind == "shortanswer"
        for answer in right:
            assert qantar.check(exercise.id, answer.findtext("text")).correct, answer.findtext(
                "text"
            )


@pytest.mark.parametrize("exercise", OPEN, ids=lambda e: e.id)
def test_moodle_essay_has_the_rubric_for_graders_only(
    moodle: dict[str, ET.Element], exercise: Any
) -> None:
    question = moodle[exercise.id]
    assert question.get("type") == "essay"
    rubric = MATERIAL[exercise.id].rubric
    assert rubric
    assert rubric in (question.findtext("graderinfo/text") or "")
    for shown in ("questiontext/text", "generalfeedback/text"):
        assert "**Rubric**" not in (question.findtext(shown) or "")


@pytest.fixture(scope="module")
def canvas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ET.Element]:
    out = write_quiz("canvas", tmp_path_factory.mktemp("canvas") / "qantar.zip", NOTEBOOKS)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert "imsmanifest.xml" in names
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        hrefs = {f.get("href") for f in manifest.iter() if f.tag.endswith("file")}
        assert hrefs <= set(names), "the manifest names files the zip does not hold"
        [assessment] = [
            n for n in names if n.endswith(".xml") and "/" in n and "assessment_meta" not in n
        ]
        assert assessment in hrefs
        root = ET.fromstring(archive.read(assessment))
    return {item.get("title", ""): item for item in root.iter(f"{QTI}item")}


def test_canvas_holds_every_exercise_once(canvas: dict[str, ET.Element]) -> None:
    assert list(canvas) == list(registry())


def _field(item: ET.Element, label: str) -> str:
    for field in item.iter(f"{QTI}qtimetadatafield"):
        if field.findtext(f"{QTI}fieldlabel") == label:
            return field.findtext(f"{QTI}fieldentry", "")
    return ""


def _labels(item: ET.Element) -> dict[str, str]:
    return {
        label.get("ident", ""): _plain_text(label.findtext(f".//{QTI}mattext", ""))
        for label in item.iter(f"{QTI}response_label")
    }


def _full_score_condition(item: ET.Element) -> ET.Element:
    [condition] = [
        c
        for c in item.iter(f"{QTI}respcondition")
        if (c.findtext(f"{QTI}setvar") or "").strip() == "100"
    ]
    return condition


@pytest.mark.parametrize("exercise", AUTO, ids=lambda e: e.id)
def test_canvas_right_answers_pass_check(canvas: dict[str, ET.Element], exercise: Any) -> None:
    item = canvas[exercise.id]
    kind = _field(item, "question_type")
    assert _field(item, "points_possible") == f"{points(exercise, MATERIAL[exercise.id]):g}"
    condition = _full_score_condition(item)
    labels = _labels(item)
    if exercise.match == "choice":
        assert kind == "multiple_choice_question"
        [ident] = [v.text for v in condition.iter(f"{QTI}varequal")]
        options = MATERIAL[exercise.id].options
        [letter] = [k for k, text in options.items() if _plain_text(text) == labels[ident or ""]]
        assert qantar.check(exercise.id, letter).correct
    elif exercise.match == "set":
        assert kind == "multiple_answers_question"
        wanted = [
            labels[v.text or ""]
            for v in condition.iter(f"{QTI}varequal")
            if v not in {n for x in condition.iter(f"{QTI}not") for n in x}
        ]
        assert qantar.check(exercise.id, wanted).correct, wanted
    elif exercise.match == "number":
        assert kind == "numerical_question"
        low = float(condition.findtext(f".//{QTI}vargte", "nan"))
        high = float(condition.findtext(f".//{QTI}varlte", "nan"))
        assert qantar.check(exercise.id, low).correct
        assert qantar.check(exercise.id, high).correct
        assert high - low == pytest.approx(2 * exercise.tolerance)
    else:
        assert kind == "short_answer_question"
        forms = [v.text or "" for v in condition.iter(f"{QTI}varequal")]
        assert forms
        for form in forms:
            assert qantar.check(exercise.id, form).correct, form


@pytest.mark.parametrize("exercise", OPEN, ids=lambda e: e.id)
def test_canvas_essay_shows_no_rubric(canvas: dict[str, ET.Element], exercise: Any) -> None:
    item = canvas[exercise.id]
    assert _field(item, "question_type") == "essay_question"
    assert "Rubric" not in ET.tostring(item, encoding="unicode")


# --- careless and hostile input -----------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qantar._cli", "quiz", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "blackboard", "--out", "q.xml"], "unknown quiz format 'blackboard'"),
        (["--format", "moodle", "--out", "q.zip"], "a moodle quiz is a .xml file"),
        (["--format", "canvas", "--out", "q.xml"], "a canvas quiz is a .zip file"),
    ],
)
def test_cli_bad_format_is_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    args = [str(tmp_path / a) if a.startswith("q.") else a for a in args]
    result = _cli(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "quiz.xml"
    out.write_text("mine", encoding="utf-8")
    result = _cli("--format", "moodle", "--out", str(out))
    assert result.returncode == 2
    assert "exists; pass --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    assert _cli("--format", "moodle", "--out", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_folder_as_out_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "quiz.zip"
    folder.mkdir()
    with pytest.raises(QuizError, match="is a folder"):
        write_quiz("canvas", folder, NOTEBOOKS, force=True)


def test_out_under_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    result = _cli("--format", "moodle", "--out", str(tmp_path / "notes.txt" / "q.xml"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "cannot write" in result.stderr
