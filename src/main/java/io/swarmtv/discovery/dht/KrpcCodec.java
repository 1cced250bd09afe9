package io.swarmtv.discovery.dht;

import io.swarmtv.discovery.bencode.BBytes;
import io.swarmtv.discovery.bencode.BDictionary;
import io.swarmtv.discovery.bencode.BInteger;
import io.swarmtv.discovery.bencode.BList;
import io.swarmtv.discovery.bencode.BValue;
import io.swarmtv.discovery.bencode.BencodeDecoder;
import io.swarmtv.discovery.bencode.BencodeException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes KRPC messages (BEP 5). Decoding is strict about what we act on (ids of exactly
 * 20 bytes, ports in range, whole compact entries) and ignores keys it does not know, as BEP 5
 * asks; every refusal is a {@link KrpcException} naming what was wrong.
 */
public final class KrpcCodec {
  /** Longest token taken from another node; real nodes send 4 to 20 bytes. */
  public static final int MAX_TOKEN = 64;
  /** Most peers taken from one get_peers reply. */
  public static final int MAX_VALUES = 200;

  private KrpcCodec() {}

  /** The bencoding of {@code message}. */
  public static byte[] encode(KrpcMessage message) {
    BDictionary.Builder d = BDictionary.builder().put("t", message.transaction().bytes());
    if (message instanceof KrpcQuery q) {
      d.put("y", "q").put("q", q.query().method()).put("a", arguments(q.query()));
      if (q.readOnly()) {
        d.put("ro", 1);
      }
    } else if (message instanceof KrpcResponse r) {
      BDictionary.Builder body = BDictionary.builder().put("id", r.sender().bytes());
      if (!r.nodes().isEmpty()) {
        body.put("nodes", CompactAddresses.nodes(r.nodes()));
      }
      if (r.token() != null) {
        body.put("token", r.token());
      }
      if (!r.peers().isEmpty()) {
        List<BValue> values = new ArrayList<>(r.peers().size());
        for (InetSocketAddress p : r.peers()) {
          if (CompactAddresses.encodable(p)) {
            values.add(new BBytes(CompactAddresses.peer(p)));
          }
        }
        body.put("values", new BList(values));
      }
      d.put("y", "r").put("r", body.build());
    } else {
      KrpcError e = (KrpcError) message;
      d.put("y", "e").put("e", BList.of(new BInteger(e.code()), BBytes.of(e.message())));
    }
    return d.build().encode();
  }

  private static BDictionary arguments(DhtQuery query) {
    BDictionary.Builder a = BDictionary.builder().put("id", query.sender().bytes());
    if (query instanceof FindNodeQuery f) {
      a.put("target", f.target().bytes());
    } else if (query instanceof GetPeersQuery g) {
      a.put("info_hash", g.infoHash().bytes());
    } else if (query instanceof AnnouncePeerQuery p) {
      a.put("info_hash", p.infoHash().bytes()).put("port", p.port())
          .put("implied_port", p.impliedPort() ? 1 : 0).put("token", p.token());
    }
    return a.build();
  }

  /** Decodes one datagram's payload. */
  public static KrpcMessage decode(byte[] in, int off, int len) {
    BDictionary d;
    try {
      d = BencodeDecoder.decodeDictionary(in, off, len);
    } catch (BencodeException e) {
      throw new KrpcException("not a KRPC message: " + e.getMessage(), null, KrpcException.PROTOCOL_ERROR, false);
    }
    if (!(d.get("t") instanceof BBytes t) || t.length() == 0 || t.length() > TransactionId.MAX_LENGTH) {
      throw new KrpcException("transaction id 't' missing or not 1 to " + TransactionId.MAX_LENGTH + " bytes",
          null, KrpcException.PROTOCOL_ERROR, false);
    }
    TransactionId tx = new TransactionId(t.value());
    String y = d.get("y") instanceof BBytes b ? b.text() : "";
    boolean query = y.equals("q");
    try {
      switch (y) {
        case "q":
          boolean readOnly = d.get("ro") instanceof BInteger ro && ro.value() == 1;
          return new KrpcQuery(tx, query(d.text("q"), d.dictionary("a")), readOnly);
        case "r":
          return response(tx, d.dictionary("r"));
        case "e":
          return error(tx, d.list("e"));
        default:
          throw new KrpcException("message type 'y' is " + d.get("y") + ", not q, r or e", tx,
              KrpcException.PROTOCOL_ERROR, false);
      }
    } catch (BencodeException | IllegalArgumentException e) {
      throw new KrpcException(e.getMessage(), tx, KrpcException.PROTOCOL_ERROR, query);
    } catch (KrpcException e) {
      throw new KrpcException(e.getMessage(), tx, e.code(), query);
    }
  }

  private static DhtQuery query(String method, BDictionary a) {
    NodeId sender = id(a, "id");
    switch (method) {
      case "ping":
        return new PingQuery(sender);
      case "find_node":
        return new FindNodeQuery(sender, id(a, "target"));
      case "get_peers":
        return new GetPeersQuery(sender, id(a, "info_hash"));
      case "announce_peer":
        boolean implied = a.has("implied_port") && a.integer("implied_port") != 0;
        long port = implied && !a.has("port") ? 0 : a.integer("port");
        if (!implied && (port < 1 || port > 65535)) {
          throw new IllegalArgumentException("announce_peer port " + port + " is outside 1..65535");
        }
        return new AnnouncePeerQuery(sender, id(a, "info_hash"), (int) Math.max(0, Math.min(port, 65535)),
            implied, token(a));
      default:
        throw new KrpcException("unknown method '" + printable(method) + "'", null, KrpcException.METHOD_UNKNOWN, true);
    }
  }

  private static KrpcResponse response(TransactionId tx, BDictionary r) {
    NodeId sender = id(r, "id");
    List<NodeContact> nodes = r.has("nodes") ? CompactAddresses.nodes(r.bytes("nodes")) : List.of();
    List<InetSocketAddress> peers = new ArrayList<>();
    if (r.has("values")) {
      List<BValue> values = r.list("values").values();
      for (BValue v : values.subList(0, Math.min(values.size(), MAX_VALUES))) {
        // 18-byte IPv6 peers (BEP 32) may be mixed in; only IPv4 ones are used.
        if (v instanceof BBytes b && b.length() == CompactAddresses.PEER_LENGTH) {
          peers.add(CompactAddresses.peer(b.value(), 0));
        } else if (!(v instanceof BBytes b6 && b6.length() == 18)) {
          throw new IllegalArgumentException("'values' holds a " + v.kind() + " that is not a compact peer");
        }
      }
    }
    return new KrpcResponse(tx, sender, nodes, peers, r.has("token") ? token(r) : null);
  }

  private static KrpcError error(TransactionId tx, BList e) {
    List<BValue> v = e.values();
    if (v.size() < 2 || !(v.get(0) instanceof BInteger code) || !(v.get(1) instanceof BBytes text)) {
      throw new IllegalArgumentException("error 'e' is not [code, message]");
    }
    return new KrpcError(tx, code.value(), printable(text.text()));
  }

  private static NodeId id(BDictionary d, String key) {
    byte[] b = d.bytes(key);
    if (b.length != NodeId.LENGTH) {
      throw new IllegalArgumentException("'" + key + "' is " + b.length + " bytes, not " + NodeId.LENGTH);
    }
    return NodeId.of(b);
  }

  private static byte[] token(BDictionary d) {
    byte[] b = d.bytes("token");
    if (b.length == 0 || b.length > MAX_TOKEN) {
      throw new IllegalArgumentException("token of " + b.length + " bytes, not 1 to " + MAX_TOKEN);
    }
    return b;
  }

  /** Text from the network, cut short and stripped of control characters before it reaches a log. */
  static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
