#!/usr/bin/env bash
# Score the pipeline against a gold file of ../shared/gold (the samples, or BBC stories such as the development set).
#
#   bench/goldset.sh [GOLD] [extra score args...]     GOLD: a gold YAML (default: ../shared/gold/bbc_dev.yaml)
#   bench/goldset.sh ../shared/gold/bbc_dev.yaml --verbose       prints every miss and spurious row
#
# A gold document named `<category>-<NNN>.txt` is the BBC story `$BBC/<category>/<NNN>.txt`; any other name is
# looked up in raw/. The texts are copied under those names, the library runs on them, and score.py scores.
#
# BBC       the BBC corpus (default: ../shared/evaldata/bbc_news)
# SCORE     the scorer (default: ../shared/eval/score.py)
# WORKDIR   where texts and tables go (default: a fresh temporary folder, removed afterwards)
# PYTHON, EXTRACT   interpreter and command line (default: .venv/bin/python, .venv/bin/extract)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GOLD="${1:-$ROOT/../shared/gold/bbc_dev.yaml}"
shift || true
BBC="${BBC:-$ROOT/../shared/evaldata/bbc_news}"
SCORE="${SCORE:-$ROOT/../shared/eval/score.py}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
EXTRACT="${EXTRACT:-$ROOT/.venv/bin/extract}"

for f in "$GOLD" "$SCORE"; do
    [[ -f "$f" ]] || { echo "goldset.sh: $f not found" >&2; exit 2; }
done
if [[ -z "${WORKDIR:-}" ]]; then
    WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/goldset.XXXXXX")"
    trap 'rm -rf "$WORKDIR"' EXIT
fi
rm -rf "$WORKDIR/raw"
mkdir -p "$WORKDIR/raw"

"$PYTHON" - "$GOLD" "$BBC" "$ROOT/raw" "$WORKDIR/raw" <<'PY'
import re, shutil, sys
from pathlib import Path
import yaml

gold, bbc, raw, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
for entry in yaml.safe_load(Path(gold).read_text(encoding="utf-8")):
    name = entry["doc"]
    story = re.fullmatch(r"([a-z]+)-(\d+\.txt)", name)
    source = bbc / story[1] / story[2] if story else raw / name
    if not source.exists():
        sys.exit(f"goldset.sh: no text for {name} (looked for {source})")
    shutil.copyfile(source, out / name)
PY
"$EXTRACT" run "$WORKDIR/raw" --output "$WORKDIR/output" --quiet
"$PYTHON" "$SCORE" --gold "$GOLD" --output "$WORKDIR/output" "$@"
