package io.swarmtv.discovery.tracker;

/** A tracker's counts for one swarm: peers with everything, peers still downloading, completions. */
public record ScrapeReply(long seeders, long leechers, long completed) {}
