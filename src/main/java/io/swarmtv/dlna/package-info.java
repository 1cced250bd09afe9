/**
 * DLNA/UPnP: the gateway's MediaServer (jUPnP, on a transport of our own over the JDK's HTTP
 * server and client), the ContentDirectory of channels, DLNA profiles for the TS stream, and
 * router port mapping over UPnP IGD.
 */
package io.swarmtv.dlna;
