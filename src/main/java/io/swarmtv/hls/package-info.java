/**
 * A joined channel's chunks as live HLS (RFC 8216 with LL-HLS parts, MPEG-TS segments), as one
 * continuous MPEG-TS stream, and as an M3U of all channels: plain classes on an injected clock,
 * which the {@code web} handlers serve.
 */
package io.swarmtv.hls;
