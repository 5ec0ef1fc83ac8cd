"""Reading labelled petitions: the training file, evaluation files and dispatch's corrections."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from nlp_classifier.text import petition_body


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled petition; `weight` lets corrections count more than ordinary rows."""

    title: str
    text: str
    label: str
    weight: float = 1.0
    id: str = ""  # the row's id, when the file has one


def read_labelled(path: Path) -> list[Example]:
    """Rows of a CSV with title, label and detail (or text); seg_text stands in for an empty detail."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [
            Example(
                title=row["title"].strip(),
                text=petition_body(row.get("detail") or row.get("text") or "", row.get("seg_text") or ""),
                label=row["label"].strip(),
                id=row.get("id") or "",
            )
            for row in csv.DictReader(f)
        ]


def read_corrections(path: Path, weight: float = 1.0) -> list[Example]:
    """Dispatch's corrections (columns title, text, label), each counted `weight` times."""
    return [
        Example(e.title, e.text, e.label, weight) for e in read_labelled(path) if e.label and e.title + e.text
    ]


def append_correction(path: Path, title: str, text: str, label: str) -> None:
    """Store one corrected category (after a 退单 and re-routing) for the next training run."""
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        if new:
            writer.writerow(["title", "text", "label"])
        writer.writerow([title, text, label])


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file, recorded with a model to name its training data."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
