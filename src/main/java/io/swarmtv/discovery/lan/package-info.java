/**
 * Peers on the same home network, found by multicast in the manner of BEP 14 (Local Service
 * Discovery): the message format, when to announce (plain logic on an injected clock), the
 * interfaces it runs on, and the Netty sockets.
 */
package io.swarmtv.discovery.lan;
