package io.swarmtv.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Server-Sent Events to the open pages: every event is the whole state, so a client that reads
 * slowly never queues frames: while one frame is on its way, newer ones collapse into one and
 * the freshest state goes next.
 */
final class EventStream {
  /** Pages open at once, at most; more are refused with 503. */
  static final int MAX_CLIENTS = 64;

  private final Function<String, String> render;
  private final List<Client> clients = new CopyOnWriteArrayList<>();

  /** @param render the state as JSON (one line), with URLs on the given base */
  EventStream(Function<String, String> render) {
    this.render = render;
  }

  /** A client that stays until {@link Client#close}; it gets the state at once. Null when full. */
  Client subscribe(String base, EventSink sink) {
    Client c = new Client(base, sink);
    synchronized (this) {
      if (clients.size() >= MAX_CLIENTS) {
        return null;
      }
      clients.add(c);
    }
    c.offer(frame(base, new HashMap<>()));
    return c;
  }

  /** Sends the state now to every client. */
  void publish() {
    Map<String, String> byBase = new HashMap<>();
    for (Client c : clients) {
      c.offer(frame(c.base, byBase));
    }
  }

  /** Ends every client's stream, so the server can stop gracefully; new clients are still taken. */
  void endAll() {
    for (Client c : clients) {
      c.end();
    }
  }

  int clients() {
    return clients.size();
  }

  private String frame(String base, Map<String, String> byBase) {
    return byBase.computeIfAbsent(base, b -> "event: status\ndata: " + render.apply(b) + "\n\n");
  }

  /** One open page. */
  final class Client {
    private final String base;
    private final EventSink sink;
    private boolean sending;
    private String next;
    private boolean closed;
    private boolean ending;

    private Client(String base, EventSink sink) {
      this.base = base;
      this.sink = sink;
    }

    private void offer(String frame) {
      synchronized (this) {
        if (closed || ending) {
          return;
        }
        if (sending) {
          next = frame;
          return;
        }
        sending = true;
      }
      sink.send(frame, this::sent, error -> close());
    }

    private void sent() {
      String again;
      synchronized (this) {
        again = next;
        next = null;
        sending = again != null && !closed && !ending;
        if (!sending) {
          if (ending && !closed) {
            closed = true;
            again = null;
          } else {
            return;
          }
        }
      }
      if (again == null) {
        clients.remove(this);
        sink.end();
        return;
      }
      sink.send(again, this::sent, error -> close());
    }

    /** Ends this client's stream once the frame on its way (if any) is sent. */
    private void end() {
      synchronized (this) {
        if (closed || ending) {
          return;
        }
        ending = true;
        next = null;
        if (sending) {
          return; // sent() ends it
        }
        closed = true;
      }
      clients.remove(this);
      sink.end();
    }

    /** Stops sending to this client. */
    void close() {
      synchronized (this) {
        closed = true;
        next = null;
      }
      clients.remove(this);
    }
  }
}
