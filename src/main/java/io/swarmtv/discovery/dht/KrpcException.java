package io.swarmtv.discovery.dht;

/**
 * A KRPC message that could not be taken: malformed, the wrong shape, or an unknown method. Carries
 * the sender's transaction id when it was readable, so a query can still be answered with an error.
 */
public final class KrpcException extends RuntimeException {
  /** KRPC error code 203: the message was malformed. */
  public static final int PROTOCOL_ERROR = 203;
  /** KRPC error code 204: the query named a method we do not serve. */
  public static final int METHOD_UNKNOWN = 204;

  private final transient TransactionId transaction;
  private final int code;
  private final boolean query;

  public KrpcException(String message, TransactionId transaction, int code, boolean query) {
    super(message);
    this.transaction = transaction;
    this.code = code;
    this.query = query;
  }

  /** The transaction id, or null when the message had none we could read. */
  public TransactionId transaction() {
    return transaction;
  }

  /** The KRPC error code to answer with. */
  public int code() {
    return code;
  }

  /** Whether the message was a query, and so deserves an error reply. */
  public boolean wasQuery() {
    return query;
  }
}
