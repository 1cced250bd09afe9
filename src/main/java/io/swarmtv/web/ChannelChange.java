package io.swarmtv.web;

/**
 * What a PATCH of a channel changes; null fields are left as they are.
 *
 * @param rename whether to set the display name
 * @param name the new display name, or null to go back to the channel's own (when {@code rename})
 * @param pinned keep joined even with no viewers
 * @param stopped not joined, and not joined on demand, until started again
 */
public record ChannelChange(boolean rename, String name, Boolean pinned, Boolean stopped) {}
