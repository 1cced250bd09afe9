package io.swarmtv.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swarmtv.swarm.PeerSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's figures in Prometheus' text format (Micrometer): one set of meters per listed
 * channel, tagged with its id, added and removed as channels come and go. Figures are read once
 * per scrape, not once per meter, since each read asks every swarm's thread.
 */
final class GatewayMetrics {
  private final GatewayControl control;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, ChannelStatus> latest = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> meters = new HashMap<>();
  private volatile GatewayStatus gateway;

  GatewayMetrics(GatewayControl control) {
    this.control = control;
    this.gateway = control.gateway();
    gauge("swarmtv.uptime", "seconds", "Seconds since the gateway started", g -> g.uptimeSeconds());
    gauge("swarmtv.channels.listed", null, "Channels in the household's list", g -> g.channelsListed());
    gauge("swarmtv.channels.joined", null, "Channels whose swarm the gateway is in now", g -> g.channelsJoined());
    gauge("swarmtv.memory.used", "bytes", "Java heap in use", g -> g.memoryBytes());
    gauge("swarmtv.data.used", "bytes", "Bytes of the gateway's files in its data directory", g -> g.dataBytes());
    gauge("swarmtv.upload.limit", "bytes", "Upload limit per channel in bytes a second, 0 for none",
        g -> g.uploadLimitBytesPerSecond());
  }

  private void gauge(String name, String unit, String help, ToDoubleFunction<GatewayStatus> f) {
    Gauge.builder(name, this, m -> f.applyAsDouble(m.gateway)).baseUnit(unit).description(help).register(registry);
  }

  /** Every meter now, as Prometheus scrapes it. */
  synchronized String scrape() {
    gateway = control.gateway();
    List<ChannelStatus> now = control.channels();
    Map<String, ChannelStatus> byId = new HashMap<>();
    now.forEach(c -> byId.put(c.id(), c));
    latest.putAll(byId);
    for (String gone : new ArrayList<>(meters.keySet())) {
      if (!byId.containsKey(gone)) {
        meters.remove(gone).forEach(registry::remove);
        latest.remove(gone);
      }
    }
    for (ChannelStatus c : now) {
      meters.computeIfAbsent(c.id(), this::register);
    }
    return registry.scrape();
  }

  private List<Meter> register(String id) {
    List<Meter> m = new ArrayList<>();
    Tags tags = Tags.of("channel", id);
    m.add(channelGauge("swarmtv.channel.joined", null, "1 while the gateway is in the channel's swarm", tags, id,
        c -> c.joined() ? 1 : 0));
    m.add(channelGauge("swarmtv.channel.viewers", null, "Players watching now", tags, id, ChannelStatus::viewers));
    m.add(channelGauge("swarmtv.channel.neighbours", null, "Peers connected now", tags, id, ChannelStatus::connectedPeers));
    m.add(channelGauge("swarmtv.channel.delay", "seconds", "Median delay behind the source", tags, id,
        c -> c.delayMillis() / 1000.0));
    m.add(channelGauge("swarmtv.channel.buffer", "seconds", "Media in the live window", tags, id,
        c -> c.bufferAheadMillis() / 1000.0));
    for (PeerSource s : PeerSource.values()) {
      String source = s.name().toLowerCase(Locale.ROOT);
      m.add(channelGauge("swarmtv.channel.known.peers", null, "Peer addresses known, by discovery source",
          tags.and("source", source), id, c -> c.peers().getOrDefault(source, 0)));
    }
    m.add(channelCounter("swarmtv.channel.received", "bytes", "Chunk payload received since joined", tags, id,
        ChannelStatus::bytesDown));
    m.add(channelCounter("swarmtv.channel.sent", "bytes", "Chunk payload uploaded to peers since joined", tags, id,
        ChannelStatus::bytesUp));
    m.add(channelCounter("swarmtv.channel.chunks", null, "Chunks by outcome since joined", tags.and("outcome", "on_time"),
        id, ChannelStatus::chunksOnTime));
    m.add(channelCounter("swarmtv.channel.chunks", null, "Chunks by outcome since joined", tags.and("outcome", "late"),
        id, ChannelStatus::chunksLate));
    m.add(channelCounter("swarmtv.channel.chunks", null, "Chunks by outcome since joined", tags.and("outcome", "lost"),
        id, ChannelStatus::chunksLost));
    return m;
  }

  private Meter channelGauge(String name, String unit, String help, Tags tags, String id, ToDoubleFunction<ChannelStatus> f) {
    return Gauge.builder(name, latest, l -> value(l.get(id), f)).baseUnit(unit).description(help).tags(tags)
        .register(registry);
  }

  private Meter channelCounter(String name, String unit, String help, Tags tags, String id, ToDoubleFunction<ChannelStatus> f) {
    return FunctionCounter.builder(name, latest, l -> value(l.get(id), f)).baseUnit(unit).description(help).tags(tags)
        .register(registry);
  }

  private static double value(ChannelStatus c, ToDoubleFunction<ChannelStatus> f) {
    return c == null ? Double.NaN : f.applyAsDouble(c);
  }
}
