#!/usr/bin/env bash
# The 50-user load test (docs/reliability.md "Load"): gunicorn on PostgreSQL with the demo data,
# Locust headless at the lowest priority on the same machine, load average before and after.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_bench \
#   ESLABON_CACHE_URL=redis://127.0.0.1:6379/6 bench/web_load.sh [workers] [threads] [duration]
#
# The database must hold the demo (`eslabon demo --no-serve`, or bench/web_views.py once).
# Locust's CSV statistics and the server log go to bench/results/load-<time>/.
set -euo pipefail
WORKERS=${1:-3}
THREADS=${2:-4}
DURATION=${3:-2m}
USERS=${LOAD_USERS:-50}
RATE=${LOAD_SPAWN_RATE:-10}
PORT=${LOAD_PORT:-8765}
PYTHON=${PYTHON:-python}
OUT=bench/results/load-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
echo "workers=$WORKERS threads=$THREADS keep-alive=${LOAD_KEEPALIVE:-2} users=$USERS rate=$RATE duration=$DURATION" | tee "$OUT/config.txt"
echo "think time: LOCUST_THINK=${LOCUST_THINK:-default}; locust args: ${LOAD_LOCUST_ARGS:-}" | tee -a "$OUT/config.txt"
"$PYTHON" -m gunicorn eslabon.wsgi:application --bind "127.0.0.1:$PORT" \
    --workers "$WORKERS" --threads "$THREADS" --keep-alive "${LOAD_KEEPALIVE:-2}" --pid "$OUT/gunicorn.pid" \
    --error-logfile "$OUT/gunicorn.log" --daemon
trap 'kill "$(cat "$OUT/gunicorn.pid")"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
# Warm each worker (imports, the matching table) before the clock starts.
for _ in $(seq $((WORKERS * 3))); do curl -fs "http://127.0.0.1:$PORT/accounts/login/" >/dev/null; done
echo "before: $(uptime)" | tee -a "$OUT/config.txt"
nice -n 19 "$PYTHON" -m locust -f bench/locustfile.py --headless -u "$USERS" -r "$RATE" \
    -t "$DURATION" --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" --only-summary ${LOAD_LOCUST_ARGS:-} \
    2>&1 | tail -60 | tee "$OUT/summary.txt" || true  # Locust exits 1 when a request failed
echo "after: $(uptime)" | tee -a "$OUT/config.txt"
