#!/usr/bin/env bash
# End-to-end relay benchmark: generator -> MTA -> sink on loopback, for Sealpost and for a private
# Postfix 3.7 configured the same way (everything relayed to the sink; STARTTLS on both hops).
# Throughput is N / (time the sink received the N-th message - time of the generator's first MAIL).
# See bench/README.md.
#
# Usage: bench/relay.sh              (about 10-15 minutes on a 2-core machine with the defaults)
# Environment (defaults in brackets):
#   MESSAGES [20000]   CONNECTIONS [50]   PER_CONNECTION [10]   SIZE [2048]
#   MODES ["starttls plain"]  starttls: STARTTLS generator->MTA and MTA->sink (tls "encrypt");
#                             plain: no TLS on either hop
#   ROUNDS [1]          runs per mode and server, alternated Sealpost, Postfix, Sealpost, ...
#   WARMUP [2000]       messages through the whole path per server and mode first, not measured
#   DEST_CONCURRENCY [20]   Sealpost's concurrency_per_destination (Postfix's default limit is 20)
#   STALL [120]         seconds without a new message at the sink before a run is declared stuck
#   WORK [/tmp/sealpost-relaybench]   scratch directory, emptied first
#   SEALPOST_ADDR [127.0.0.96:2596]  POSTFIX_ADDR [127.0.0.97:2597]  SINK_ADDR [127.0.0.98:2598]
#   SEALPOST_JVM_OPTS []  e.g. -XX:StartFlightRecording=filename=/tmp/relay.jfr for a profile
#   SINK_DNS [127.0.0.98:5398]  the sink's one-name DNS server (sink.bench.test), for Sealpost
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
MESSAGES=${MESSAGES:-20000}
CONNECTIONS=${CONNECTIONS:-50}
PER_CONNECTION=${PER_CONNECTION:-10}
SIZE=${SIZE:-2048}
MODES=${MODES:-"starttls plain"}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-2000}
DEST_CONCURRENCY=${DEST_CONCURRENCY:-20}
STALL=${STALL:-120}
WORK=${WORK:-/tmp/sealpost-relaybench}
SEALPOST_ADDR=${SEALPOST_ADDR:-127.0.0.96:2596}
POSTFIX_ADDR=${POSTFIX_ADDR:-127.0.0.97:2597}
SINK_ADDR=${SINK_ADDR:-127.0.0.98:2598}
SINK_DNS=${SINK_DNS:-127.0.0.98:5398}
SINK_NAME=sink.bench.test

for a in "$SEALPOST_ADDR" "$POSTFIX_ADDR" "$SINK_ADDR" "$SINK_DNS"; do
  case $a in 127.*:25) echo "relay.sh: 127.0.0.x:25 is not ours to use" >&2; exit 2 ;;
             127.*:*) ;; *) echo "relay.sh: $a is not on 127.0.0.0/8" >&2; exit 2 ;; esac
done
ulimit -n "$(ulimit -Hn)"

say() { printf '%s\n' "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# --- build ---------------------------------------------------------------------------------------
say "== build ($(date -u +%H:%M:%S), load $(load))"
export MAVEN_OPTS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
mvn -B -q -o -Dstyle.color=never package -DskipTests >/dev/null
mvn -B -q -o -Dstyle.color=never dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java_bench() { "$JAVA_HOME/bin/java" -Dlogback.configurationFile=bench/relay/logback.xml -cp "$CP" "$@"; }

# --- scratch directory, one certificate for everyone ---------------------------------------------
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${PF:-}" ] && [ -f "$PF/etc/main.cf" ] && postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
rm -rf "$WORK"; mkdir -p "$WORK/pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -keyout "$WORK/pki/key.pem" -out "$WORK/pki/cert.pem" -subj "/CN=bench.test" \
  -addext "subjectAltName=DNS:sealpost.bench.test,DNS:postfix.bench.test,DNS:sink.bench.test" 2>/dev/null
TRUST=(--trust "$WORK/pki/cert.pem")

wait_port() { # ADDR:PORT SECONDS
  for _ in $(seq $(( $2 * 10 ))); do
    (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null && return 0; sleep 0.1
  done
  return 1
}

# --- the sink ------------------------------------------------------------------------------------
SINK_STATUS=$WORK/sink.status
(exec "$JAVA_HOME/bin/java" -cp "$CP" org.sealpost.bench.RelaySink --listen "$SINK_ADDR" \
  --cert "$WORK/pki/cert.pem" --key "$WORK/pki/key.pem" --status "$SINK_STATUS" \
  --dns "$SINK_DNS" --name "$SINK_NAME" \
  </dev/null >"$WORK/sink.log" 2>&1) &
SINK_PID=$!; PIDS+=("$SINK_PID")
wait_port "$SINK_ADDR" 30 || { say "the sink did not start:"; cat "$WORK/sink.log"; exit 1; }
sink_count() { field count " $(cat "$SINK_STATUS")"; }
sink_last() { field last_ms " $(cat "$SINK_STATUS")"; }
sink_sessions() { field sessions " $(cat "$SINK_STATUS")"; }

# --- Sealpost ------------------------------------------------------------------------------------
SP_DIR=$WORK/sealpost; SP_PID=
start_sealpost() { # OUT_TLS
  mkdir -p "$SP_DIR"
  sed -e "s|@DIR@|$SP_DIR|g" -e "s|@ADDR@|${SEALPOST_ADDR%:*}|" -e "s|@PORT@|${SEALPOST_ADDR##*:}|" \
    -e "s|@SINK_NAME@|$SINK_NAME|" -e "s|@SINK_PORT@|${SINK_ADDR##*:}|" -e "s|@OUT_TLS@|$1|" \
    -e "s|@DNS@|$SINK_DNS|" -e "s|@DEST_CONCURRENCY@|$DEST_CONCURRENCY|" bench/relay/sealpost.toml.in >"$SP_DIR.toml"
  SEALPOST_JVM_OPTS="${SEALPOST_JVM_OPTS:-}" setsid bin/sealpost serve --config "$SP_DIR.toml" </dev/null >>"$SP_DIR.log" 2>&1 &
  SP_PID=$!; PIDS+=("$SP_PID")
  wait_port "$SEALPOST_ADDR" 60 || { say "Sealpost did not start:"; tail -50 "$SP_DIR.log"; exit 1; }
}
stop_sealpost() { [ -n "$SP_PID" ] && { kill "$SP_PID" 2>/dev/null || true; wait "$SP_PID" 2>/dev/null || true; }; SP_PID=; }
sealpost_queued() { find "$SP_DIR/spool" -type f ! -name lock 2>/dev/null | wc -l; }

# --- Postfix: private relaying instance ------------------------------------------------------------
command -v postfix >/dev/null && command -v postconf >/dev/null || {
  say "Postfix is NOT installed; install it (see bench/README.md, accept.sh) to compare"; exit 1; }
PF=$WORK/postfix; mkdir -p "$PF/etc" "$PF/spool" "$PF/data"; chown postfix "$PF/data"
sed -e "s|@ADDR@|${POSTFIX_ADDR%:*}|" -e "s|@PORT@|${POSTFIX_ADDR##*:}|" \
  bench/relay/postfix-master.cf.in >"$PF/etc/master.cf"
postfix_pid() { { tr -d ' ' <"$PF/spool/pid/master.pid"; } 2>/dev/null || true; }
configure_postfix() { # OUT_TLS
  sed -e "s|@PF@|$PF|g" -e "s|@SINK_ADDR@|${SINK_ADDR%:*}|" -e "s|@SINK_PORT@|${SINK_ADDR##*:}|" \
    -e "s|@OUT_TLS@|$1|" bench/relay/postfix-main.cf.in >"$PF/etc/main.cf"
}
# Stop, delete every queue file, start: a clean queue and fresh process pools for each run.
restart_postfix() {
  local m; m=$(postfix_pid)
  postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
  for _ in $(seq 100); do [ -n "$m" ] && [ -d "/proc/$m" ] || break; sleep 0.1; done
  find "$PF/spool" -mindepth 2 -type f \( -path '*/incoming/*' -o -path '*/active/*' -o -path '*/deferred/*' \
    -o -path '*/defer/*' -o -path '*/hold/*' -o -path '*/bounce/*' -o -path '*/trace/*' \
    -o -path '*/maildrop/*' -o -path '*/corrupt/*' \) -delete
  script -qc "postfix -c $PF/etc start" /dev/null >"$PF.start.log" 2>&1 || true
  wait_port "$POSTFIX_ADDR" 20 || { say "Postfix did not start:"; cat "$PF.start.log"; exit 1; }
}
postfix_queued() { find "$PF/spool" -mindepth 2 -type f \( -path '*/incoming/*' -o -path '*/active/*' \
  -o -path '*/deferred/*' \) 2>/dev/null | wc -l; }

# CPU ticks (1/100 s) so far: the sink's JVM; Sealpost's JVM; Postfix's master, its live children
# and (as master's cutime/cstime) the children it already reaped.
ticks_of() { awk '{print $14+$15}' "/proc/$1/stat"; }
cpu_ticks() {
  case $1 in
    postfix) local m; m=$(postfix_pid)
      { awk '{print $14+$15+$16+$17}' "/proc/$m/stat"
        for c in $(ps -o pid= --ppid "$m"); do awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || true; done
      } | awk '{s+=$1} END {print s}' ;;
    sealpost) ticks_of "$SP_PID" ;;
    sink) ticks_of "$SINK_PID" ;;
  esac
}

# One run: clean queue, send N, wait until the sink has all N. Prints a key=value line.
run_one() { # SERVER MODE N
  local addr tls=() before_count before_cpu before_sink line target last=0 now seen stalled=0 count
  if [ "$1" = postfix ]; then addr=$POSTFIX_ADDR; restart_postfix
  else addr=$SEALPOST_ADDR; find "$SP_DIR/spool" -type f -path '*/active/*' -delete 2>/dev/null || true; fi
  [ "$2" = starttls ] && tls=(--starttls "${TRUST[@]}")
  sync; sleep 1
  local before_sessions; before_sessions=$(sink_sessions)
  before_count=$(sink_count); target=$(( before_count + $3 ))
  before_cpu=$(cpu_ticks "$1"); before_sink=$(cpu_ticks sink)
  line=$(java_bench org.sealpost.bench.LoadGenerator send --target "$addr" "${tls[@]}" \
    -c "$CONNECTIONS" -m "$PER_CONNECTION" -n "$3" --size "$SIZE" || true)
  seen=$before_count
  while count=$(sink_count); [ "$count" -lt "$target" ]; do
    if [ "$count" != "$seen" ]; then seen=$count; stalled=0; else stalled=$(( stalled + 1 )); fi
    [ "$stalled" -ge $(( STALL * 10 )) ] && break
    sleep 0.1
  done
  sleep 0.1; count=$(sink_count); last=$(sink_last)
  local start; start=$(field start_ms "$line")
  local got=$(( count - before_count ))
  local sessions=$(( $(sink_sessions) - before_sessions ))
  local cpu=$(( $(cpu_ticks "$1") - before_cpu )) sinkcpu=$(( $(cpu_ticks sink) - before_sink ))
  local queued; if [ "$1" = postfix ]; then queued=$(postfix_queued); else queued=$(sealpost_queued); fi
  awk -v s="$1" -v m="$2" -v n="$3" -v got="$got" -v a="$(field accepted "$line")" \
      -v f="$(field failed "$line")" -v acc="$(field rate "$line")" -v st="${start:-0}" -v la="$last" \
      -v cpu="$cpu" -v sc="$sinkcpu" -v ss="$sessions" -v q="$queued" -v done=$(( count >= target )) 'BEGIN {
    secs = (la - st) / 1000.0
    printf "server=%s mode=%s messages=%d accepted=%s failed=%s at_sink=%d complete=%s", s, m, n, a, f, got, (done ? "yes" : "no")
    printf " path_seconds=%.2f path_rate=%.1f accept_rate=%s", secs, (done && secs > 0 ? n / secs : 0), acc
    printf " sink_sessions=%d mta_cpu_ms_per_msg=%.2f sink_cpu_ms_per_msg=%.2f left_in_queue=%d\n", ss, cpu * 10 / n, sc * 10 / n, q }'
  echo "generator $1 $2: $line" >>"$WORK/generator.log"
  [ -n "$start" ] || say "!! generator: $line" >&2
}

say "== Postfix $(postconf -d -h mail_version 2>/dev/null) and Sealpost relay to the sink on $SINK_ADDR (RelaySink, STARTTLS offered)"
say "== ${SIZE}-byte messages, C=$CONNECTIONS, $PER_CONNECTION per connection, N=$MESSAGES, $ROUNDS round(s) per mode, warm-up $WARMUP"
say "== start $(date -u +%H:%M:%S), load $(load); raw lines in $WORK/runs.log"
: >"$WORK/runs.log"
declare -A rate=()
for mode in $MODES; do
  out=none; [ "$mode" = starttls ] && out=encrypt
  stop_sealpost; start_sealpost "$out"; configure_postfix "$out"; restart_postfix
  for s in sealpost postfix; do
    line=$(run_one $s "$mode" "$WARMUP"); echo "warmup $line" >>"$WORK/runs.log"
    [ "$(field complete " $line")" = yes ] || say "!! warm-up: $line"
  done
  for r in $(seq "$ROUNDS"); do
    for s in sealpost postfix; do
      line=$(run_one $s "$mode" "$MESSAGES"); echo "round=$r $line" >>"$WORK/runs.log"
      say "   $line"
      rate[$mode.$s]=$(awk -v a="${rate[$mode.$s]:-0}" -v b="$(field path_rate " $line")" 'BEGIN{print a+b}')
    done
  done
done
stop_sealpost; postfix -c "$PF/etc" stop >/dev/null 2>&1 || true
say "== end $(date -u +%H:%M:%S), load $(load)"
printf '%-9s %6s | %10s %10s | %6s\n' mode N "S msg/s" "P msg/s" "S/P"
for mode in $MODES; do
  awk -v m="$mode" -v n="$MESSAGES" -v r="$ROUNDS" -v s="${rate[$mode.sealpost]}" -v p="${rate[$mode.postfix]}" \
    'BEGIN{ printf "%-9s %6d | %10.1f %10.1f | %5.2fx\n", m, n, s/r, p/r, (p > 0 ? s/p : 0) }'
done
say "   (msg/s through the whole path: first MAIL of the generator -> N-th message at the sink;"
say "    mean of $ROUNDS run(s); S = Sealpost, P = Postfix)"
