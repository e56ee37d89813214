package org.sealpost.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.Extensions;
import org.sealpost.smtp.client.SmtpClient;

/**
 * One client connection of the bench: opened ready to send (greeting, EHLO, and for STARTTLS the
 * handshake and the second EHLO), then one message after another. A refusal is a value
 * ({@link Failure}); only I/O failures throw.
 */
final class BenchSession implements AutoCloseable {

  /** Why a session could not start or a message was not accepted: the reply or the step. */
  static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private static final ClientOptions OPTIONS =
      new ClientOptions(Duration.ofSeconds(30), Duration.ofSeconds(120), null);

  private final SessionPlan plan;
  private final SmtpClient client;
  private final boolean pipelining;

  private BenchSession(SessionPlan plan, SmtpClient client, boolean pipelining) {
    this.plan = plan;
    this.client = client;
    this.pipelining = pipelining;
  }

  /** Connects and does what comes before the first MAIL; closes the connection on failure. */
  static BenchSession open(SessionPlan plan) throws IOException, Failure {
    SmtpClient client = SmtpClient.connect(plan.target().address(), OPTIONS);
    try {
      expect(client.greeting(), 220, "greeting");
      Extensions ext = ready(client.ehlo(SessionPlan.CLIENT_NAME), "EHLO");
      if (plan.tls() == TlsMode.STARTTLS) {
        if (!ext.has("STARTTLS")) {
          throw new Failure("server does not offer STARTTLS");
        }
        var context = plan.tlsContext();
        assert context != null; // SessionPlan's constructor holds this
        expect(client.startTls(context, TrustedCertificate.parameters(context),
            plan.target().address().getAddress().getHostAddress()), 220, "STARTTLS");
        ext = ready(client.ehlo(SessionPlan.CLIENT_NAME), "EHLO after STARTTLS");
      }
      if (plan.requireTls() && !ext.has("REQUIRETLS")) {
        throw new Failure("server does not offer REQUIRETLS after STARTTLS");
      }
      return new BenchSession(plan, client, plan.pipelining() && ext.has("PIPELINING"));
    } catch (IOException | Failure | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Sends one message and returns its latency in nanoseconds: from writing MAIL to reading the
   * reply to the end of data.
   */
  long send(long serial) throws IOException, Failure {
    byte[] wire = BenchMessage.wire(serial, plan.messageSize());
    String mail = "MAIL FROM:<" + BenchMessage.SENDER + ">"
        + plan.mailParameters().stream().map(p -> " " + p).reduce("", String::concat);
    String rcpt = "RCPT TO:<" + BenchMessage.RECIPIENT + ">";
    long start = System.nanoTime();
    Reply done;
    if (pipelining) {
      List<Reply> r = client.pipeline(List.of(mail, rcpt, "DATA"));
      if (!r.get(0).isPositive() || !r.get(1).isPositive() || r.get(2).code() != 354) {
        if (r.get(2).code() == 354) { // RFC 2920 §3.1: end the empty message, then forget it
          client.sendRaw(".\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          client.readReply();
        }
        client.rset();
        throw new Failure("refused: " + r);
      }
      client.sendRaw(wire);
      done = client.readReply();
    } else {
      expect(client.mail(BenchMessage.SENDER, plan.mailParameters()), 250, "MAIL");
      expect(client.rcpt(BenchMessage.RECIPIENT, List.of()), 250, "RCPT");
      // data() dot-stuffs and adds the end-of-data line itself: give it the content only.
      done = client.data(Arrays.copyOf(wire, wire.length - 3));
    }
    long latency = System.nanoTime() - start;
    expect(done, 250, "end of data");
    return latency;
  }

  @Override
  public void close() {
    try {
      client.quit();
    } catch (IOException e) {
      try {
        client.close();
      } catch (IOException ignored) {
        // the connection is gone either way
      }
    }
  }

  private static Extensions ready(Extensions ext, String step) throws Failure {
    if (!ext.accepted()) {
      throw new Failure(step + " refused: " + ext.reply());
    }
    return ext;
  }

  private static void expect(Reply reply, int code, String step) throws Failure {
    if (reply.code() != code) {
      throw new Failure(step + ": " + reply);
    }
  }
}
