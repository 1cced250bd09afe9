/**
 * The gateway's HTTP server (Jetty 12 core handlers, no servlets): HLS playlists and segments, the
 * continuous MPEG-TS stream and the M3U of channels, thin over the {@code hls} classes.
 */
package io.swarmtv.web;
