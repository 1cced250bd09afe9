/**
 * BitTorrent trackers as a source of peers: HTTP (BEP 3, compact peers BEP 23, IPv6 BEP 7) and UDP
 * (BEP 15) announce and scrape, the announce schedule with its backoff, and each tracker's status
 * for the status page. Codecs and the schedule are plain classes; the clients are thin adapters.
 */
package io.swarmtv.discovery.tracker;
