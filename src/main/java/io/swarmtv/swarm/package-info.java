/** The peer protocol: wire messages and their codecs, connections, the chunk window and the scheduler. */
package io.swarmtv.swarm;
