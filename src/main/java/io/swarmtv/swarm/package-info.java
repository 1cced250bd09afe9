/**
 * The peer protocol: connections, the chunk window and the scheduler. Its wire messages and
 * codecs are in {@link io.swarmtv.swarm.wire}.
 */
package io.swarmtv.swarm;
