package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Malformed and hostile answers (RFC 5452) are dropped without crashing and counted as failures of
 * the server that sent them; a genuine answer after a forged one is still accepted.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class HostileAnswerTest {

  static final Domain HOST = Domain.of("host.example");

  /** Runs one lookup against a scripted server; returns the result and that server's stats. */
  private static Outcome run(Function<Message, List<byte[]>> script) throws IOException {
    try (ScriptedServer s = new ScriptedServer("127.0.0.59", q -> {
      try {
        return script.apply(new Message(q));
      } catch (IOException e) {
        return List.of();
      }
    })) {
      DnsTransport t = new DnsTransport(List.of(s.address()), Duration.ofMillis(300), 0, false);
      CachingResolver r = new CachingResolver(
          new InsecureUpstream(t), ManualClock.startingNow(), 100, DnsMode.OFF, t);
      DnsResult<InetAddress> result = r.a(HOST);
      return new Outcome(result, t.stats(s.address()));
    }
  }

  record Outcome(DnsResult<InetAddress> result, ServerStats stats) {}

  static Message answerTo(Message q) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 300,
        InetAddress.ofLiteral("127.0.0.99")), Section.ANSWER);
    return r;
  }

  @Test
  void wrongIdIsIgnoredAndCounted() throws IOException {
    Outcome o = run(q -> {
      Message r = answerTo(q);
      r.getHeader().setID((q.getHeader().getID() + 1) & 0xFFFF);
      return List.of(r.toWire());
    });
    assertThat(o.result()).isInstanceOf(DnsResult.ServFail.class);
    assertThat(o.stats().malformed.get()).isEqualTo(1);
    assertThat(o.stats().failures()).isEqualTo(1);
  }

  @Test
  void forgedAnswerBeforeTheGenuineOneDoesNotWin() throws IOException {
    Outcome o = run(q -> {
      Message forged = answerTo(q);
      forged.getHeader().setID((q.getHeader().getID() + 7) & 0xFFFF);
      return List.of(forged.toWire(), answerTo(q).toWire());
    });
    assertThat(o.result().records()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.99");
    assertThat(o.stats().malformed.get()).isEqualTo(1);
  }

  @Test
  void wrongQuestionIsIgnoredAndCounted() throws IOException {
    Outcome o = run(q -> {
      Message r = new Message(q.getHeader().getID());
      r.getHeader().setFlag(Flags.QR);
      try {
        Name other = Name.fromString("other.example.");
        r.addRecord(org.xbill.DNS.Record.newRecord(other, Type.A, DClass.IN), Section.QUESTION);
        r.addRecord(new ARecord(other, DClass.IN, 300, InetAddress.ofLiteral("127.0.0.98")),
            Section.ANSWER);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return List.of(r.toWire());
    });
    assertThat(o.result()).isInstanceOf(DnsResult.ServFail.class);
    assertThat(o.stats().malformed.get()).isEqualTo(1);
  }

  @Test
  void oversizedDatagramIsIgnoredAndCounted() throws IOException {
    Outcome o = run(q -> {
      Message r = answerTo(q);
      for (int i = 0; i < 10; i++) {
        r.addRecord(new TXTRecord(q.getQuestion().getName(), DClass.IN, 300, "x".repeat(250)),
            Section.ADDITIONAL);
      }
      return List.of(r.toWire());
    });
    assertThat(o.result().isFailure()).isTrue();
    assertThat(o.stats().malformed.get()).isEqualTo(1);
  }

  @Test
  void compressionLoopIsRejectedWithoutCrashing() throws IOException {
    Outcome o = run(q -> {
      byte[] question = q.getQuestion().getName().toWire();
      ByteBuffer b = ByteBuffer.allocate(512);
      b.putShort((short) q.getHeader().getID());
      b.putShort((short) 0x8180); // QR RD RA
      b.putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0);
      b.put(question).putShort((short) Type.A).putShort((short) DClass.IN);
      int here = b.position();
      b.putShort((short) (0xC000 | here)); // a name that points at itself
      b.putShort((short) Type.A).putShort((short) DClass.IN).putInt(300).putShort((short) 4);
      b.put(new byte[] {127, 0, 0, 97});
      return List.of(java.util.Arrays.copyOf(b.array(), b.position()));
    });
    assertThat(o.result()).isInstanceOf(DnsResult.ServFail.class);
    assertThat(o.stats().malformed.get()).isEqualTo(1);
  }

  @Test
  void garbageAndQueriesInsteadOfResponsesAreCounted() throws IOException {
    Outcome o = run(q -> List.of(new byte[] {1, 2, 3}, q.toWire()));
    assertThat(o.result()).isInstanceOf(DnsResult.ServFail.class);
    assertThat(o.stats().malformed.get()).isEqualTo(2);
  }

  @Test
  void silenceIsATimeout() throws IOException {
    Outcome o = run(q -> List.of());
    assertThat(o.result()).isInstanceOf(DnsResult.Timeout.class);
    assertThat(o.stats().timeouts.get()).isEqualTo(1);
  }
}
