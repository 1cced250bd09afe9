package io.swarmtv.discovery.dht;

/** What happens when a query we sent is answered, refused with an error, or times out. */
interface QueryCallback {

  void answered(KrpcResponse response);

  /** The query failed; {@code why} says how (timeout or the KRPC error). */
  void failed(String why);
}
