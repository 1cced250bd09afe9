/**
 * Settings and persisted state: the config file (every setting typed, with its default; unknown
 * keys refused), the gateway's channel list, and the atomic file writes they all rely on.
 */
package io.swarmtv.config;
