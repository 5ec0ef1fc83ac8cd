"""Command line: `python -m nlp_classifier train|evaluate`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from nlp_classifier.classifier import load
from nlp_classifier.dataset import file_sha256, read_corrections, read_labelled
from nlp_classifier.evaluation import evaluate
from nlp_classifier.training import TrainConfig, TrainReport, train, training_steps

_DEFAULTS = TrainConfig()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "train":
        return _train(args)
    return _evaluate(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m nlp_classifier", description="Petition category model.")
    commands = parser.add_subparsers(dest="command", required=True)
    tr = commands.add_parser("train", help="cross-validate, calibrate and train a model")
    tr.add_argument("--data", type=Path, required=True, help="CSV with id,title,detail,seg_text,label")
    tr.add_argument("--out", type=Path, required=True, help="directory for model.joblib and model.json")
    tr.add_argument("--corrections", type=Path, help="dispatch's corrections: CSV with title,text,label")
    tr.add_argument("--corrections-weight", type=float, default=2.0, help="how much a correction counts")
    tr.add_argument("--folds", type=int, default=_DEFAULTS.folds, help="cross-validation folds")
    tr.add_argument(
        "--target-precision",
        type=float,
        default=_DEFAULTS.target_precision,
        help="precision wanted on auto-routed petitions; sets the triage threshold",
    )
    ev = commands.add_parser("evaluate", help="print one JSON line of figures for a labelled CSV")
    ev.add_argument("--model", type=Path, required=True, help="model directory")
    ev.add_argument("--data", type=Path, required=True, help="CSV with id,title,detail,label")
    return parser


def _train(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    examples = read_labelled(args.data)
    if args.corrections:
        examples += read_corrections(args.corrections, args.corrections_weight)
    config = TrainConfig(folds=args.folds, target_precision=args.target_precision)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("training", total=training_steps(config))
        model, report = train(
            examples, config, lambda step: progress.update(task, advance=1, description=step)
        )
    model.meta = {
        **report.as_dict(),
        "data_sha256": file_sha256(args.data),
        "corrections_sha256": file_sha256(args.corrections) if args.corrections else None,
        "n_examples": len(examples),
    }
    model.save(args.out)
    out = Console()
    out.print(_report_table(report))
    out.print(
        f"triage below confidence {report.threshold:.2f}: {report.triage_share:.1%} to people, "
        f"precision {report.auto_precision:.4f} on the rest"
    )
    return 0


def _report_table(report: TrainReport) -> Table:
    table = Table(title=f"{report.config.folds}-fold cross-validated F1 (n={report.cv.n})")
    table.add_column("class")
    table.add_column("F1", justify="right")
    for label, f1 in report.cv.per_class.items():
        table.add_row(label, f"{f1:.4f}")
    table.add_row("macro", f"{report.cv.macro_f1:.4f}")
    table.add_row("accuracy", f"{report.cv.accuracy:.4f}")
    return table


def _evaluate(args: argparse.Namespace) -> int:
    figures = evaluate(load(args.model), read_labelled(args.data))
    sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
    return 0
