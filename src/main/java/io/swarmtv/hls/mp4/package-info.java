/**
 * Remuxing live MPEG-TS to fragmented MP4 (CMAF-style init segment plus one moof+mdat per
 * LL-HLS part) for HLS players that need fMP4: Apple devices for HEVC, LL-HLS clients.
 */
package io.swarmtv.hls.mp4;
