#!/usr/bin/env bash
# Real sockets over an emulated network: a broadcaster and GATEWAYS gateways, each in its own
# network namespace, joined by veth pairs to a bridge in a hub namespace, every host's uplink and
# downlink limited by tc tbf. The channel is the bundled clip, looping. Prints each gateway's
# delay behind the source and continuity, and the broadcaster's upload as a multiple of the stream.
#
# Usage (as root): bench/netns.sh [GATEWAYS] [SECONDS] [RATE]     e.g. bench/netns.sh 20 60 20mbit
#
# Only namespaces this script makes see any traffic; they are removed on exit. tc netem (delay,
# loss) is used when the kernel has it (NETEM="delay 20ms"), and skipped with a note otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
gateways="${1:-20}"
seconds="${2:-60}"
rate="${3:-20mbit}"
netem="${NETEM:-}"
prefix="stv$$"
hub="${prefix}-hub"
work="$(mktemp -d "${TMPDIR:-/tmp}/swarmtv-netns.XXXXXX")"
[ "$(id -u)" = 0 ] || { echo "netns: run as root (it makes network namespaces)" >&2; exit 1; }
command -v ip >/dev/null && command -v tc >/dev/null || { echo "netns: needs ip and tc (Debian: iproute2)" >&2; exit 1; }

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for ns in $(ip netns list | awk '{print $1}' | grep "^${prefix}-" || true); do ip netns del "$ns"; done
  rm -rf "$work"
}
trap cleanup EXIT

./swarmtv --version >/dev/null   # builds the jar if needed, before the clock starts
jar="$PWD/target/swarmtv.jar"
clip="$PWD/src/main/resources/io/swarmtv/ts/demo-clip.ts"

ip netns add "$hub"
ip -n "$hub" link add br0 type bridge
ip -n "$hub" link set br0 up
ip -n "$hub" link set lo up
netem_ok=1
for i in $(seq 0 "$gateways"); do
  ns="${prefix}-h$i"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip link add "${prefix}v$i" netns "$ns" type veth peer name "p$i" netns "$hub"
  ip -n "$ns" link set "${prefix}v$i" name eth0
  ip -n "$ns" addr add "10.77.$((i / 250)).$((i % 250 + 1))/16" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$hub" link set "p$i" master br0 up
  # Uplink: what the host sends; downlink: what the hub sends to it.
  ip netns exec "$ns" tc qdisc add dev eth0 root handle 1: tbf rate "$rate" burst 64kb latency 200ms
  ip netns exec "$hub" tc qdisc add dev "p$i" root handle 1: tbf rate "$rate" burst 64kb latency 200ms
  if [ -n "$netem" ] && [ "$netem_ok" = 1 ]; then
    ip netns exec "$ns" tc qdisc add dev eth0 parent 1:1 handle 10: netem $netem 2>/dev/null || netem_ok=0
  fi
done
if [ -n "$netem" ] && [ "$netem_ok" = 0 ]; then
  echo "netns: this kernel has no tc netem; running without '$netem'" >&2
fi
addr() { echo "10.77.$(($1 / 250)).$(($1 % 250 + 1))"; }

java_opts="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
ip netns exec "${prefix}-h0" java $java_opts -jar "$jar" keygen --out "$work/channel.key" --name "netns bench" > "$work/link"
link="$(cat "$work/link")"
ip netns exec "${prefix}-h0" java $java_opts -jar "$jar" broadcast --key "$work/channel.key" --input "$clip" \
  --loop --port 6880 --stop-after $((seconds + 20)) > "$work/source.log" 2>&1 &
pids+=($!)
sleep 3
for i in $(seq 1 "$gateways"); do
  ip netns exec "${prefix}-h$i" java $java_opts -jar "$jar" gateway --no-public --join "$link" \
    --peer "$(addr 0):6880" --peer-port 6881 --stop-after "$seconds" > "$work/gw$i.log" 2>&1 &
  pids+=($!)
done
echo "netns: $gateways gateways and a broadcaster, $rate up and down each, for ${seconds}s ..." >&2
for p in "${pids[@]:1}"; do wait "$p" || true; done
kill "${pids[0]}" 2>/dev/null || true
wait "${pids[0]}" 2>/dev/null || true

# Each gateway's last status line, from its closing summary.
printf '%-6s %s\n' host "final status"
p50s=(); p99s=(); conts=()
for i in $(seq 1 "$gateways"); do
  line="$(grep -E 'delay p50' "$work/gw$i.log" | tail -1 || true)"
  printf '%-6s %s\n' "gw$i" "${line:-(no status: see its log)}"
  if [[ "$line" =~ p50\ ([0-9]+)\ ms,\ p99\ ([0-9]+)\ ms\ \|\ continuity\ ([0-9.]+)% ]]; then
    p50s+=("${BASH_REMATCH[1]}"); p99s+=("${BASH_REMATCH[2]}"); conts+=("${BASH_REMATCH[3]}")
  fi
done
source_line="$(grep -E 'uploaded .*x the stream' "$work/source.log" | tail -1 || true)"
echo "source: ${source_line:-(no status)}"
if [ "${#p50s[@]}" -gt 0 ]; then
  median_p50="$(printf '%s\n' "${p50s[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  worst_p99="$(printf '%s\n' "${p99s[@]}" | sort -n | tail -1)"
  worst_cont="$(printf '%s\n' "${conts[@]}" | sort -n | head -1)"
  echo "summary: ${#p50s[@]}/$gateways gateways reported; delay p50 (median over gateways) ${median_p50} ms," \
    "worst p99 ${worst_p99} ms, worst continuity ${worst_cont}%"
else
  echo "summary: no gateway reported figures" >&2
  exit 1
fi
