package org.sealpost.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;

/** A UDP DNS server that answers each query with whatever datagrams a test script returns. */
final class ScriptedServer implements AutoCloseable {

  private final DatagramSocket socket;

  ScriptedServer(String ip, Function<byte[], List<byte[]>> script) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral(ip), 0));
    Thread.ofVirtual().start(() -> {
      byte[] buf = new byte[65_536];
      while (!socket.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          socket.receive(p);
          byte[] q = java.util.Arrays.copyOf(buf, p.getLength());
          for (byte[] reply : script.apply(q)) {
            socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
          }
        } catch (IOException | RuntimeException e) {
          // Closed, or a script error: keep serving until closed.
        }
      }
    });
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Override
  public void close() {
    socket.close();
  }
}
