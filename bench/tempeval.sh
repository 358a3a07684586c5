#!/usr/bin/env bash
# TempEval-3 Task A (time expressions) for the pipeline: prepare a set's raw texts, run the pipeline, score.
#
#   bench/tempeval.sh [SET] [extra score args...]     SET: platinum | timebank | aquaint (default: timebank)
#   bench/tempeval.sh aquaint --verbose               prints every miss
#
# TEMPEVAL    the scorer (default: ../shared/eval/tempeval.py, next to the project as in /work/main + /work/shared)
# WORKDIR     where raw texts and tables go (default: a fresh temporary folder, removed afterwards)
# PYTHON      interpreter with pyarrow (default: .venv/bin/python); EXTRACT: the CLI (default: .venv/bin/extract)
# EXTRACT_TIMEX_REFERENCES  1 (default here): also mark "now", "recently", "the future" (PRESENT_REF, PAST_REF,
#             FUTURE_REF) as TimeML does; the project's dates table leaves them out by default. Set 0 to score
#             the default output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SET="${1:-timebank}"
shift || true
TEMPEVAL="${TEMPEVAL:-$ROOT/../shared/eval/tempeval.py}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
export EXTRACT_TIMEX_REFERENCES="${EXTRACT_TIMEX_REFERENCES:-1}"
EXTRACT="${EXTRACT:-$ROOT/.venv/bin/extract}"

if [[ ! -f "$TEMPEVAL" ]]; then
    echo "tempeval.sh: scorer not found at $TEMPEVAL (set TEMPEVAL=/path/to/tempeval.py)" >&2
    exit 2
fi
if [[ -z "${WORKDIR:-}" ]]; then
    WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/tempeval-$SET.XXXXXX")"
    trap 'rm -rf "$WORKDIR"' EXIT
fi
rm -rf "$WORKDIR/raw" "$WORKDIR/output"

"$PYTHON" "$TEMPEVAL" prepare --set "$SET" --raw "$WORKDIR/raw"
"$EXTRACT" run "$WORKDIR/raw" --output "$WORKDIR/output" --quiet
"$PYTHON" "$TEMPEVAL" score --set "$SET" --output "$WORKDIR/output" "$@"
