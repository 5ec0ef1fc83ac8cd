"""The command line: help, train on a tiny file, evaluate's JSON line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp_classifier.cli import main
from nlp_classifier.dataset import append_correction, read_corrections
from tests.nlp_classifier.conftest import SAMPLE_CSV


def test_help_works() -> None:
    for args in ([], ["train"], ["evaluate"]):
        done = subprocess.run(
            [sys.executable, "-m", "nlp_classifier", *args, "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "usage:" in done.stdout


def _tiny_csv(path: Path, rows: int) -> Path:
    with SAMPLE_CSV.open(encoding="utf-8") as f:
        sample = list(csv.DictReader(f))[:rows]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "title", "detail", "label"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(sample)
    return path


def test_evaluate_prints_one_json_line(
    small_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _tiny_csv(tmp_path / "tiny.csv", 12)
    assert main(["evaluate", "--model", str(small_model_dir), "--data", str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert set(figures) == {"macro_f1", "accuracy", "per_class", "docs_per_s", "n"}
    assert figures["n"] == 12
    assert 0.0 <= figures["macro_f1"] <= 1.0 and 0.0 <= figures["accuracy"] <= 1.0
    assert figures["docs_per_s"] > 0
    assert all(0.0 <= f <= 1.0 for f in figures["per_class"].values())


def test_train_writes_a_model_with_its_record(tmp_path: Path) -> None:
    corrections = tmp_path / "corrections.csv"
    append_correction(corrections, "共享单车乱停放", "共享单车堆在地铁口", "交通运输")
    append_correction(corrections, "医院收费高", "某医院检查费过高", "卫生计生")
    assert [e.label for e in read_corrections(corrections)] == ["交通运输", "卫生计生"]
    out = tmp_path / "model"
    args = [
        "train",
        "--data",
        str(SAMPLE_CSV),
        "--out",
        str(out),
        "--folds",
        "2",
        "--corrections",
        str(corrections),
    ]
    assert main(args) == 0
    meta = json.loads((out / "model.json").read_text(encoding="utf-8"))
    assert meta["n_examples"] == 212
    assert len(meta["data_sha256"]) == 64 and meta["corrections_sha256"]
    assert {"cv", "threshold", "auto_precision", "triage_share", "sklearn", "temperature"} <= set(meta)
    assert (out / "model.joblib").exists()
