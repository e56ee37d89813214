package org.sealpost.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Sends one query to the configured servers: UDP with EDNS0 first, TCP when the answer is truncated
 * (RFC 1035 §4.2.1, RFC 7766 §5), each server tried in order, {@code retries} extra rounds. Blocking
 * I/O, meant for virtual threads.
 *
 * <p>An answer is believed only if it parses, is a response, carries the query's ID and repeats
 * its question (RFC 5452 §9.1); a UDP answer must also fit the advertised payload size. Anything
 * else is dropped, counted as a malformed answer of that server, and the wait goes on: a forged or
 * broken datagram must not end the exchange early (RFC 5452 §4).
 */
final class DnsTransport {

  /** RFC 9715 / DNS Flag Day 2020: a payload size that avoids IP fragmentation. */
  static final int EDNS_PAYLOAD = 1232;

  private static final Logger log = LoggerFactory.getLogger(DnsTransport.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<InetSocketAddress> servers;
  private final Duration timeout;
  private final int retries;
  private final boolean dnssecOk;
  private final Map<InetSocketAddress, ServerStats> stats = new LinkedHashMap<>();

  DnsTransport(List<InetSocketAddress> servers, Duration timeout, int retries, boolean dnssecOk) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no DNS servers configured");
    }
    this.servers = List.copyOf(servers);
    this.timeout = timeout;
    this.retries = Math.max(0, retries);
    this.dnssecOk = dnssecOk;
    for (InetSocketAddress s : this.servers) {
      stats.put(s, new ServerStats());
    }
  }

  List<InetSocketAddress> servers() {
    return servers;
  }

  Duration timeout() {
    return timeout;
  }

  int retries() {
    return retries;
  }

  ServerStats stats(InetSocketAddress server) {
    ServerStats s = stats.get(server);
    if (s == null) {
      throw new IllegalArgumentException("not a configured server: " + server);
    }
    return s;
  }

  /** The response to {@code query}, or an exception saying why there is none. */
  Message exchange(Message query) throws TransportException {
    Message template = withEdns(query);
    @Nullable Message lastError = null;
    String lastProblem = "no answer";
    boolean anyAnswer = false;
    for (int round = 0; round <= retries; round++) {
      for (InetSocketAddress server : servers) {
        ServerStats st = stats(server);
        st.queries.incrementAndGet();
        Message q = template.clone();
        q.getHeader().setID(RANDOM.nextInt(0x10000));
        Attempt a = attempt(server, q, st);
        if (a.response != null) {
          int rcode = a.response.getRcode();
          if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
            return a.response;
          }
          st.errorRcodes.incrementAndGet();
          lastError = a.response;
          lastProblem = server + " answered " + Rcode.string(rcode);
          anyAnswer = true;
        } else {
          lastProblem = server + ": " + a.problem;
          anyAnswer |= a.gotSomething;
        }
        log.debug("dns: server={} question={} problem=\"{}\"", server, q.getQuestion(), lastProblem);
      }
    }
    TransportException.Kind kind =
        anyAnswer ? TransportException.Kind.SERVER_FAILURE : TransportException.Kind.TIMEOUT;
    throw new TransportException(kind, lastProblem, lastError);
  }

  private Message withEdns(Message query) {
    Message m = query.clone();
    OPTRecord old = m.getOPT();
    if (old != null) {
      m.removeRecord(old, Section.ADDITIONAL);
    }
    m.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    return m;
  }

  /** One try at one server: the response, or why none (and whether anything arrived at all). */
  private record Attempt(@Nullable Message response, String problem, boolean gotSomething) {}

  private Attempt attempt(InetSocketAddress server, Message q, ServerStats st) {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] out = q.toWire();
    boolean malformedSeen = false;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(server);
      socket.send(new DatagramPacket(out, out.length));
      byte[] buf = new byte[65_536];
      while (true) {
        int left = remainingMillis(deadline);
        if (left <= 0) {
          break;
        }
        socket.setSoTimeout(left);
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          break;
        }
        if (p.getLength() > EDNS_PAYLOAD) {
          st.malformed.incrementAndGet();
          malformedSeen = true;
          log.info("dns: server={} problem=\"oversized UDP answer\" bytes={}", server, p.getLength());
          continue;
        }
        Message r = parse(buf, p.getLength(), q, server, st);
        if (r == null) {
          malformedSeen = true;
          continue;
        }
        if (r.getHeader().getFlag(Flags.TC)) {
          st.truncated.incrementAndGet();
          return tcp(server, q, deadline, st);
        }
        return new Attempt(r, "", true);
      }
    } catch (IOException e) {
      // ICMP port unreachable and the like: this server is not answering.
      st.timeouts.incrementAndGet();
      return new Attempt(null, "UDP error: " + e, malformedSeen);
    }
    if (!malformedSeen) {
      st.timeouts.incrementAndGet();
    }
    return new Attempt(null, malformedSeen ? "only malformed answers" : "timeout", malformedSeen);
  }

  private Attempt tcp(InetSocketAddress server, Message q, long deadline, ServerStats st) {
    byte[] out = q.toWire();
    try (Socket s = new Socket()) {
      s.connect(server, Math.max(1, remainingMillis(deadline)));
      s.setSoTimeout(Math.max(1, remainingMillis(deadline)));
      DataOutputStream o = new DataOutputStream(s.getOutputStream());
      o.writeShort(out.length);
      o.write(out);
      o.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int len = in.readUnsignedShort();
      byte[] buf = new byte[len];
      in.readFully(buf);
      Message r = parse(buf, len, q, server, st);
      if (r == null) {
        return new Attempt(null, "malformed TCP answer", true);
      }
      return new Attempt(r, "", true);
    } catch (SocketTimeoutException e) {
      st.timeouts.incrementAndGet();
      return new Attempt(null, "TCP timeout", false);
    } catch (IOException e) {
      st.timeouts.incrementAndGet();
      return new Attempt(null, "TCP error: " + e.getMessage(), false);
    }
  }

  /** Parses and checks an answer; null (and a malformed count) when it must be ignored. */
  private static @Nullable Message parse(
      byte[] buf, int len, Message q, InetSocketAddress server, ServerStats st) {
    String problem;
    try {
      byte[] wire = new byte[len];
      System.arraycopy(buf, 0, wire, 0, len);
      Message r = new Message(wire);
      Record rq = r.getQuestion();
      Record qq = q.getQuestion();
      if (!r.getHeader().getFlag(Flags.QR)) {
        problem = "not a response";
      } else if (r.getHeader().getID() != q.getHeader().getID()) {
        problem = "wrong ID";
      } else if (rq == null
          || qq == null
          || !rq.getName().equals(qq.getName())
          || rq.getType() != qq.getType()
          || rq.getDClass() != qq.getDClass()) {
        problem = "wrong question";
      } else {
        return r;
      }
    } catch (IOException | RuntimeException e) {
      // WireParseException covers compression loops, bad lengths and truncated records.
      problem = "unparsable: " + e.getMessage();
    }
    st.malformed.incrementAndGet();
    log.info("dns: server={} problem=\"{}\"", server, problem);
    return null;
  }

  private static int remainingMillis(long deadline) {
    long ns = deadline - System.nanoTime();
    return ns <= 0 ? 0 : (int) Math.max(1, ns / 1_000_000);
  }
}
