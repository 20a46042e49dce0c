#!/usr/bin/env bash
# Runs an evaluation question set (default: eval/dev.jsonl) against the offline default (GloVe
# embeddings + extractive answers), writes eval-out/dev/report.{json,md,html} and fails when answer
# accuracy is below the floor (QABOT_EVAL_MIN_ACCURACY, default 0.85: the answer model gives 22/24 = 0.917
# in-sample; the floor catches a regression of two cases). Extra arguments go to `qabot eval`
# (for example --baseline old/report.json).
set -euo pipefail
cd "$(dirname "$0")/.."

QUESTIONS="${QABOT_EVAL_QUESTIONS:-eval/dev.jsonl}"
FLOOR="${QABOT_EVAL_MIN_ACCURACY:-0.85}"
OUT="${QABOT_EVAL_OUT:-eval-out/dev}"

dotnet build src/QaBot.Cli --configuration Release -nologo -verbosity:quiet
CLI=src/QaBot.Cli/bin/Release/net10.0/qabot
"$CLI" index
"$CLI" eval --questions "$QUESTIONS" --out "$OUT" --min-accuracy "$FLOOR" "$@"
