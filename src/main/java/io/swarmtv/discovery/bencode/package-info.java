/**
 * Bencoding (BEP 3), the encoding trackers and the Mainline DHT speak: values, a bounded strict
 * decoder and an encoder.
 */
package io.swarmtv.discovery.bencode;
