package io.swarmtv.swarm.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PeerTransport} listens, dials and times connections out.
 *
 * @param bindAddress the address to listen on, or null for all addresses
 * @param port the port to listen on, or 0 for one the system picks ({@link PeerTransport#port()})
 * @param threads Netty event-loop threads, shared by listening, accepted and dialled connections
 * @param connectTimeout longest a dial may take to establish TCP
 * @param handshakeTimeout longest a connection may go, from TCP being established, without the
 *     peer's handshake
 * @param pingInterval a connection on which nothing was sent for this long gets a ping, so that
 *     the peer does not take it for dead
 * @param idleTimeout a connection on which nothing arrived for this long is closed
 * @param goodbyeTimeout longest a closing connection waits for its goodbye to leave before it is
 *     closed anyway (a peer that stopped reading never takes it)
 * @param maxConnections connections open at once, both directions; more are refused
 * @param maxPendingHandshakes accepted connections still waiting for their handshake; more are
 *     refused at accept
 */
public record PeerTransportSettings(
    InetAddress bindAddress,
    int port,
    int threads,
    Duration connectTimeout,
    Duration handshakeTimeout,
    Duration pingInterval,
    Duration idleTimeout,
    Duration goodbyeTimeout,
    int maxConnections,
    int maxPendingHandshakes) {

  /**
   * All addresses, an ephemeral port, 2 threads, 5 s to connect and to handshake, a ping after
   * 10 s quiet, closed after 30 s silent, 2 s for a goodbye, 200 connections of which 50
   * handshaking.
   */
  public static final PeerTransportSettings DEFAULT = new PeerTransportSettings(null, 0, 2,
      Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(2), 200, 50);

  /**
   * @throws IllegalArgumentException if a count or a duration is not positive, the port is out
   *     of range, or the ping interval is not shorter than the idle timeout
   */
  public PeerTransportSettings {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port " + port + " is not 0..65535");
    }
    requirePositive("threads", threads);
    requirePositive("max connections", maxConnections);
    requirePositive("max pending handshakes", maxPendingHandshakes);
    requirePositive("connect timeout", connectTimeout);
    requirePositive("handshake timeout", handshakeTimeout);
    requirePositive("ping interval", pingInterval);
    requirePositive("idle timeout", idleTimeout);
    requirePositive("goodbye timeout", goodbyeTimeout);
    // Otherwise two healthy but quiet peers would close each other between pings.
    if (pingInterval.compareTo(idleTimeout) >= 0) {
      throw new IllegalArgumentException("ping interval " + pingInterval
          + " must be shorter than the idle timeout " + idleTimeout);
    }
  }

  public PeerTransportSettings withBindAddress(InetAddress bindAddress) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  public PeerTransportSettings withPort(int port) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  public PeerTransportSettings withThreads(int threads) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  public PeerTransportSettings withConnectTimeout(Duration connectTimeout) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  public PeerTransportSettings withHandshakeTimeout(Duration handshakeTimeout) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  /** Both keepalive durations at once, since each must respect the other. */
  public PeerTransportSettings withKeepalive(Duration pingInterval, Duration idleTimeout) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  public PeerTransportSettings withGoodbyeTimeout(Duration goodbyeTimeout) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  /** Both connection limits at once. */
  public PeerTransportSettings withLimits(int maxConnections, int maxPendingHandshakes) {
    return new PeerTransportSettings(bindAddress, port, threads, connectTimeout,
        handshakeTimeout, pingInterval, idleTimeout, goodbyeTimeout, maxConnections,
        maxPendingHandshakes);
  }

  private static void requirePositive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
  }

  private static void requirePositive(String what, Duration value) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
  }
}
