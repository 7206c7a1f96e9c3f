#!/usr/bin/env bash
# Replay throughput (issue: oms replay): generates a seeded session of N messages as an Oms journal and as a
# FIX log, then replays each R times with `oms replay --json` and prints the messages/s each run reports
# (the replay loop only: reading, parsing/translating, applying; not process start-up).
# Usage: perf/replay-throughput.sh [MESSAGES=1000000] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-1000000}
runs=${2:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

dotnet build tools/Oms.Cli -c Release -nologo -v quiet >/dev/null
oms=(dotnet tools/Oms.Cli/bin/Release/net10.0/oms.dll)
"${oms[@]}" generate "$dir/session.journal" --messages "$messages" --seed 1
"${oms[@]}" generate "$dir/session.fixlog" --messages "$messages" --seed 1 --format fix

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
for format in journal fixlog; do
  for run in $(seq 1 "$runs"); do
    "${oms[@]}" replay "$dir/session.$format" --json | python3 -c "
import json, sys
s = json.load(sys.stdin)['stats']
print(f\"$format run $run: {s['messages']:,} messages in {s['elapsedSeconds']:.3f} s = {s['messagesPerSecond']:,.0f} messages/s (state hash {s['stateHash']})\")"
  done
done
