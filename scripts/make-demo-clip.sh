#!/usr/bin/env bash
# Makes src/main/resources/io/swarmtv/ts/demo-clip.ts, the clip the demo loops forever as if it
# were a live channel (io.swarmtv.ts.TsLoop). Everything comes from ffmpeg's lavfi sources, so
# no media file is needed and the clip carries no third-party content.
#
# What it makes: 6.4 s of MPEG-TS, 854x480 at 25 fps, H.264 (libx264, ~800 kbit/s, closed GOP,
# an IDR every 2 s, 2 B-frames) and AAC-LC 48 kHz stereo at 128 kbit/s: SMPTE HD bars with a
# white square sweeping to and fro, a "swarmtv demo" label when a font is found (the script works
# without one; the clip then lacks the label), and a 440 Hz tone left, 660 Hz right.
#
# Why these numbers:
#   - 6.4 s is where both frame grids meet: 160 video frames of 40 ms and 300 AAC frames of
#     1024 samples (21.333 ms). Any multiple of 320 ms would do; the loop then shifts every
#     timestamp by exactly 576000 ticks of 90 kHz and neither stream gets a gap or an overlap.
#   - The square moves with sin(2*pi*t/6.4) and both tones fit a whole number of cycles into
#     6.4 s (2816 and 4224), so picture and sound pick up at the wrap where they left off.
#   - An IDR every 2 s (at 0, 2, 4 and 6 s) lets a viewer join within 2 s; closed GOPs keep
#     every pass decodable from its first packet.
#
# Seamless audio: an AAC encoder starts with 1024 samples of priming, and every AAC frame's
# decode overlaps the frame before it. So the tones are encoded for three periods and the 300
# packets of the middle period are kept: at the wrap the decoder overlaps the last frame of one
# pass with the first of the next, which is what it would have seen in the long encode. Only the
# very first frame a player decodes carries the start-up transient.
#
# Deterministic for a given ffmpeg/x264 build and font: bitexact flags, a fixed noise seed, and one
# encoder thread (threaded x264 rate control gave different bytes run to run). Another build or
# font may change the bytes but not the shape. The light noise is there so that the encoder has
# something to spend ~800 kbit/s on, as a real channel would; flat bars alone take ~50 kbit/s.
#
# Usage: scripts/make-demo-clip.sh [output.ts]     (needs ffmpeg/ffprobe with libx264; awk)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/src/main/resources/io/swarmtv/ts/demo-clip.ts}"

period=6.4       # seconds: the loop length
fps=25
frames=160       # period * fps
aac_frames=300   # period * 48000 / 1024
width=854
height=480

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

ff() { ffmpeg -hide_banner -nostdin -loglevel error -y "$@"; }

# A font for the label: $SWARMTV_FONT if set, else fontconfig's sans (the committed clip used
# DejaVu Sans).
font="${SWARMTV_FONT:-}"
if [[ -z "$font" ]] && command -v fc-match >/dev/null 2>&1; then
  font="$(fc-match -f '%{file}' sans 2>/dev/null || true)"
fi
label=""
if [[ -n "$font" && -f "$font" ]] && ffmpeg -hide_banner -filters 2>/dev/null | grep -c ' drawtext ' >/dev/null; then
  # The font file is copied so that a path with ':' or quotes cannot break the filter string.
  cp "$font" "$tmp/label.ttf"
  label=",drawtext=fontfile=$tmp/label.ttf:text='swarmtv demo':fontsize=48:fontcolor=white:borderw=3:bordercolor=black:x=(w-text_w)/2:y=h*0.12"
else
  echo "make-demo-clip: no font or drawtext; the clip gets no label" >&2
fi

# 1. Three periods of the tones, AAC-encoded; then the middle period's packets, cut without
#    re-encoding (output -ss drops whole packets before it, -frames:a keeps exactly 300).
ff -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$(awk "BEGIN { print $period * 3 }")" \
   -f lavfi -i "sine=frequency=660:sample_rate=48000:duration=$(awk "BEGIN { print $period * 3 }")" \
   -filter_complex "[0:a][1:a]amerge=inputs=2[a]" -map "[a]" \
   -c:a aac -b:a 128k -ar 48000 -ac 2 -flags:a +bitexact -fflags +bitexact "$tmp/tones.nut"
ff -i "$tmp/tones.nut" -map 0:a -c:a copy -ss "$period" -frames:a "$aac_frames" \
   -fflags +bitexact "$tmp/period.nut"

# 2. The picture, encoded and muxed with those packets.
# The frame count comes from the source's duration: -frames:v would end the audio with it.
ff -f lavfi -i "smptehdbars=size=${width}x${height}:rate=$fps:duration=$period" \
   -f lavfi -i "color=color=white:size=64x64:rate=$fps" \
   -i "$tmp/period.nut" \
   -filter_complex "[0:v][1:v]overlay=x='(W-w)/2*(1+sin(2*PI*t/$period))':y='H*0.62':shortest=1${label},noise=alls=12:allf=t:all_seed=1,format=yuv420p[v]" \
   -map "[v]" -map 2:a \
   -c:v libx264 -threads:v 1 -preset medium -profile:v main -g 50 -keyint_min 50 -sc_threshold 0 -bf 2 \
   -flags:v +cgop+bitexact -x264-params open-gop=0 -b:v 800k -maxrate 800k -bufsize 1600k \
   -c:a copy \
   -metadata service_provider=swarmtv -metadata service_name="swarmtv demo" \
   -fflags +bitexact -f mpegts "$tmp/clip.ts"

# The loop relies on these counts; a changed ffmpeg must not silently break them.
count() { ffprobe -v error -select_streams "$1" -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$tmp/clip.ts" | grep -m1 .; }
if [[ "$(count v)" -ne "$frames" || "$(count a)" -ne "$aac_frames" ]]; then
  echo "make-demo-clip: expected $frames video and $aac_frames audio frames, got $(count v) and $(count a)" >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
mv "$tmp/clip.ts" "$out"
echo "make-demo-clip: wrote $(wc -c <"$out") bytes to ${out#"$root"/}"
