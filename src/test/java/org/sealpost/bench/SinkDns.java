package org.sealpost.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A one-name UDP DNS server beside the relay sink: answers {@code A <name>} with the sink's address
 * (TTL one hour, so the relaying MTA resolves it once and then uses its cache) and every other
 * question with NXDOMAIN. It exists because a smart host must be a name for the relay to start TLS
 * with it (an address literal smart host cannot, see bench/README.md), and no DNS server runs here.
 */
final class SinkDns {

  private static final long TTL_SECONDS = 3600;

  private final DatagramSocket socket;
  private final Name name;
  private final InetAddress address;

  SinkDns(InetSocketAddress listen, String name, InetAddress address) throws IOException {
    this.socket = new DatagramSocket(listen);
    this.name = Name.fromString(name.endsWith(".") ? name : name + ".");
    this.address = address;
  }

  void start() {
    Thread.ofPlatform().daemon().name("sink-dns").start(this::serve);
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        byte[] reply = answer(Arrays.copyOf(buf, p.getLength()));
        socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
      } catch (IOException e) {
        // a query that does not parse, or a closed socket: answer nothing
      }
    }
  }

  byte[] answer(byte[] query) throws IOException {
    Message q = new Message(query);
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.AA);
    if (q.getHeader().getFlag(Flags.RD)) {
      r.getHeader().setFlag(Flags.RD);
    }
    r.getHeader().setFlag(Flags.RA);
    Record question = q.getQuestion();
    if (question == null) {
      r.getHeader().setRcode(Rcode.FORMERR);
      return r.toWire();
    }
    r.addRecord(question, Section.QUESTION);
    if (!question.getName().equals(name)) {
      r.getHeader().setRcode(Rcode.NXDOMAIN);
    } else if (question.getType() == Type.A) {
      r.addRecord(new ARecord(name, DClass.IN, TTL_SECONDS, address), Section.ANSWER);
    }
    return r.toWire(); // the name exists but has only an A record: NOERROR, no data
  }
}
