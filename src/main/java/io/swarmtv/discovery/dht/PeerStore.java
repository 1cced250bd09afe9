package io.swarmtv.discovery.dht;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peers announced to us, per info-hash, each kept for {@link #TTL_MICROS} after its last
 * announce. Capped in both directions: the least recently announced info-hash and, within one, the
 * oldest peer give way when full, so a flood of announces costs bounded memory.
 */
public final class PeerStore {
  /** How long an announce is kept (BEP 5 asks peers to re-announce well within this). */
  public static final long TTL_MICROS = 30 * 60 * 1_000_000L;

  private final int maxInfoHashes;
  private final int maxPeersPerHash;
  private final LinkedHashMap<NodeId, LinkedHashMap<InetSocketAddress, Long>> byHash =
      new LinkedHashMap<>(16, 0.75f, true);

  public PeerStore(int maxInfoHashes, int maxPeersPerHash) {
    this.maxInfoHashes = maxInfoHashes;
    this.maxPeersPerHash = maxPeersPerHash;
  }

  /** Records that {@code peer} serves {@code infoHash}. */
  public void add(NodeId infoHash, InetSocketAddress peer, long nowMicros) {
    LinkedHashMap<InetSocketAddress, Long> peers = byHash.get(infoHash);
    if (peers == null) {
      if (byHash.size() >= maxInfoHashes) {
        expire(nowMicros);
        if (byHash.size() >= maxInfoHashes) {
          Iterator<NodeId> eldest = byHash.keySet().iterator();
          eldest.next();
          eldest.remove();
        }
      }
      peers = new LinkedHashMap<>();
      byHash.put(infoHash, peers);
    }
    peers.remove(peer);
    peers.put(peer, nowMicros + TTL_MICROS);
    if (peers.size() > maxPeersPerHash) {
      Iterator<InetSocketAddress> eldest = peers.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** Up to {@code max} unexpired peers for {@code infoHash}, most recently announced first. */
  public List<InetSocketAddress> peers(NodeId infoHash, int max, long nowMicros) {
    LinkedHashMap<InetSocketAddress, Long> peers = byHash.get(infoHash);
    if (peers == null) {
      return List.of();
    }
    peers.values().removeIf(expires -> expires <= nowMicros);
    if (peers.isEmpty()) {
      byHash.remove(infoHash);
      return List.of();
    }
    List<InetSocketAddress> all = new ArrayList<>(peers.keySet());
    List<InetSocketAddress> out = new ArrayList<>(Math.min(max, all.size()));
    for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
      out.add(all.get(i));
    }
    return out;
  }

  /** Drops expired announces. */
  public void expire(long nowMicros) {
    Iterator<Map.Entry<NodeId, LinkedHashMap<InetSocketAddress, Long>>> it = byHash.entrySet().iterator();
    while (it.hasNext()) {
      LinkedHashMap<InetSocketAddress, Long> peers = it.next().getValue();
      peers.values().removeIf(expires -> expires <= nowMicros);
      if (peers.isEmpty()) {
        it.remove();
      }
    }
  }

  /** Info-hashes held. */
  public int infoHashes() {
    return byHash.size();
  }

  /** Peers held over all info-hashes. */
  public int size() {
    return byHash.values().stream().mapToInt(Map::size).sum();
  }
}
