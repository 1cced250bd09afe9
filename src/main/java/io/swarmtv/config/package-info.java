/**
 * Settings and persisted state: the config file (unknown keys refused with their line), the
 * gateway's channel list, and the atomic file writes they all rely on.
 */
package io.swarmtv.config;
