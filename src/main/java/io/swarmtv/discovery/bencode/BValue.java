package io.swarmtv.discovery.bencode;

/** One bencoded value: an integer, a byte string, a list or a dictionary. */
public sealed interface BValue permits BInteger, BBytes, BList, BDictionary {

  /** This value in bencoding. */
  default byte[] encode() {
    return BencodeEncoder.encode(this);
  }

  /** What kind of value this is, for error messages. */
  String kind();
}
