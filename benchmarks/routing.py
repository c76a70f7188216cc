"""Routing accuracy: how often the suggested domain (top-1) or one of the top two is right.

Run from the repository root: `python -m benchmarks.routing [PATH] [--model NAME]`. The default data set
is the shared dev set beside the repository (`../shared/data/routing-dev.jsonl`); each line is
{"text": ..., "domains": [domain names]} and a suggestion counts when it is any of the listed domains.
The store is a throw-away SQLite file so the benchmark never touches real data.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "routing-dev.jsonl"


def evaluate(path: Path, model: str, *, verbose: bool) -> tuple[float, float, int]:
    from handlers.context import HandlerContext
    from handlers.initiatives.routing import suggest
    from models.store import open_store

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}", model)
        try:
            ctx = HandlerContext(store=store)
            by_name = {}
            for domain in ctx.model.domains:
                for label in (domain.key, domain.name, domain.name_en):
                    by_name[label.casefold()] = domain.key
            top1 = top2 = 0
            with store.read() as session:
                for row in rows:
                    gold = {by_name[name.casefold()] for name in row["domains"]}
                    ranked = [c.domain for c in suggest(ctx, session, row["text"]).candidates]
                    top1 += bool(ranked[:1] and ranked[0] in gold)
                    top2 += bool(gold.intersection(ranked[:2]))
                    if verbose and not (ranked[:1] and ranked[0] in gold):
                        print(f"miss: {row['text']!r} -> {ranked[:2]} (expected {sorted(gold)})")
        finally:
            store.close()
    return top1 / len(rows), top2 / len(rows), len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "data", nargs="?", type=Path, default=DEFAULT_DATA, help="JSONL file with text and domains"
    )
    parser.add_argument("--model", default="hso-2026", help="governance model preset or file")
    parser.add_argument("--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    top1, top2, count = evaluate(args.data, args.model, verbose=args.verbose)
    print(f"routing on {args.data.name} ({count} texts, model {args.model})")
    print(f"top-1 accuracy: {top1:.3f}")
    print(f"top-2 accuracy: {top2:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
