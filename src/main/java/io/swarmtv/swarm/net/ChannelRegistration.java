package io.swarmtv.swarm.net;

import io.swarmtv.channel.ChannelId;
import io.swarmtv.swarm.PeerEvents;
import java.net.InetAddress;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * A channel's swarm logic as registered with a {@link PeerTransport}: where its connections'
 * events go and which addresses it will not hear from.
 */
record ChannelRegistration(
    ChannelId channel, PeerEvents events, Executor executor, Predicate<InetAddress> refuse) {}
