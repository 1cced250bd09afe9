/**
 * The discrete-event simulator: the real {@link io.swarmtv.swarm.SwarmNode} scheduler on a virtual
 * clock over a modelled network (uplinks, downlinks, latency, NAT, free riders, churn, flash
 * crowds), reporting delay, continuity, startup time, source load and overhead against a lower bound.
 */
package io.swarmtv.sim;
