package org.sealpost.dns.universe;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.jspecify.annotations.Nullable;

/**
 * A DNS server on one loopback address and port, UDP and TCP (RFC 7766 framing), each query handed
 * to a {@link Handler}. A null reply means "say nothing", which is how unresponsive servers are
 * simulated.
 */
final class DnsServer implements AutoCloseable {

  /** Answers one query; {@code udp} tells the transport; null drops the query. */
  interface Handler {
    byte @Nullable [] handle(byte[] query, boolean udp);
  }

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Handler handler;
  private volatile boolean closed;

  DnsServer(InetAddress ip, Handler handler) throws IOException {
    this.handler = handler;
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 20 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(ip, 0));
      try {
        t = new ServerSocket();
        t.setReuseAddress(true);
        t.bind(new InetSocketAddress(ip, u.getLocalPort()));
      } catch (IOException e) {
        // The TCP port is taken: try another UDP port.
        u.close();
        if (t != null) {
          t.close();
        }
        t = null;
      }
    }
    if (t == null) {
      throw new IOException("no free UDP+TCP port pair on " + ip);
    }
    this.udp = u;
    this.tcp = t;
    Thread.ofPlatform().daemon().name("dns-udp-" + address()).start(this::serveUdp);
    Thread.ofPlatform().daemon().name("dns-tcp-" + address()).start(this::serveTcp);
  }

  InetSocketAddress address() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  private void serveUdp() {
    byte[] buf = new byte[65_536];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
        byte[] q = new byte[p.getLength()];
        System.arraycopy(buf, 0, q, 0, q.length);
        byte[] r = handler.handle(q, true);
        if (r != null) {
          udp.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
        }
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket s = tcp.accept();
        Thread.ofVirtual().start(() -> serveConnection(s));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serveConnection(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      while (true) {
        int len = in.readUnsignedShort();
        byte[] q = new byte[len];
        in.readFully(q);
        byte[] r = handler.handle(q, false);
        if (r == null) {
          continue;
        }
        out.writeShort(r.length);
        out.write(r);
        out.flush();
      }
    } catch (EOFException | SocketException e) {
      // The client closed the connection.
    } catch (IOException | RuntimeException e) {
      // A broken query ends this connection only.
    }
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
