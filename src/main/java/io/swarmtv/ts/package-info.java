/** MPEG-TS reading: packets, PAT/PMT, PES headers, PCR/PTS, continuity checks, keyframe detection, and the looping demo clip. */
package io.swarmtv.ts;
