/** Channel identity: Ed25519 keys, channel links, signed chunk and metadata records and their verification. */
package io.swarmtv.channel;
