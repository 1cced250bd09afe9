package io.swarmtv.swarm.net;

import io.swarmtv.swarm.wire.MessageCodec;
import io.swarmtv.swarm.wire.PeerMessage;
import io.swarmtv.swarm.wire.ProtocolException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A peer by hand on a blocking socket, for sending what a well-behaved transport never would. */
final class RawPeerSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawPeerSocket(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawPeerSocket connect(int port) throws IOException {
    return new RawPeerSocket(new Socket(Loopback.ADDRESS, port));
  }

  /** Connects with a small receive buffer, so that not reading soon stops the sender. */
  static RawPeerSocket connectWithSmallReceiveBuffer(int port) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(16 * 1024);
    socket.connect(new InetSocketAddress(Loopback.ADDRESS, port));
    return new RawPeerSocket(socket);
  }

  /** Wraps a socket a test's listener accepted. */
  static RawPeerSocket wrap(Socket socket) throws IOException {
    return new RawPeerSocket(socket);
  }

  void send(PeerMessage message) throws IOException {
    sendBytes(MessageCodec.encode(message));
  }

  void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next frame, decoded. */
  PeerMessage read() throws IOException, ProtocolException {
    int length = in.readInt();
    if (length < 1 || length > MessageCodec.MAX_FRAME_LENGTH) {
      throw new IOException("frame length " + length);
    }
    byte[] frame = new byte[MessageCodec.LENGTH_FIELD_LENGTH + length];
    ByteBuffer.wrap(frame).putInt(length);
    in.readFully(frame, MessageCodec.LENGTH_FIELD_LENGTH, length);
    return MessageCodec.decode(frame).get(0);
  }

  /**
   * Whether the other side closes the connection within {@code millis}, without sending
   * anything more first.
   *
   * @throws IOException if bytes arrive instead
   */
  boolean closedWithin(long millis) throws IOException {
    socket.setSoTimeout((int) millis);
    try {
      int b = in.read();
      if (b >= 0) {
        throw new IOException("got byte " + b + " instead of the end of the stream");
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException | SocketException e) {
      return true; // a reset is a close too
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
