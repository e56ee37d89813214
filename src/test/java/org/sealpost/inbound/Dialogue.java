package org.sealpost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.sealpost.config.Defaults;
import org.sealpost.config.DraftSyntax;
import org.sealpost.config.LimitsConfig;
import org.sealpost.config.ListenerConfig;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.LocalConfig;
import org.sealpost.mail.Domain;
import org.sealpost.policy.RelayPolicy;
import org.sealpost.policy.requiretls.MailParameterPolicy;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;

/**
 * Runs one {@link Session} in process and talks to it in a script, like chasquid's {@code .cmy}
 * files: {@code C:} lines are sent (consecutive ones in one write, i.e. pipelined), {@code S:} lines
 * must match the server's reply lines in order, {@code *} matching anything.
 *
 * <p>The local domain is {@code ours.test} with mailboxes {@code bob} and {@code alice}; user
 * {@code alice} authenticates with password {@code secret}.
 */
final class Dialogue implements AutoCloseable {

  static final String USER = "alice";
  static final String PASSWORD = "secret";
  private static final String EOF = "\u0000EOF";

  private final MemoryTransport transport;
  private final Spool spool;
  private final Thread server;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private Dialogue(Builder b, Path spoolDir) throws IOException {
    this.spool = Spool.open(spoolDir, InstantSource.system());
    this.transport = new MemoryTransport(InetAddress.getByName(b.clientAddress), b.tlsAvailable);
    InboundContext context =
        new InboundContext(
            "mx.ours.test",
            new ListenerConfig(b.kind.code(), b.kind, "127.0.0.1", 0),
            b.limits,
            spool.intake(),
            new RelayPolicy(
                new LocalConfig(List.of(Domain.of("ours.test")), List.of("bob", "alice"), "bob"),
                Defaults.relay()),
            new MailParameterPolicy(b.draftSyntax),
            b.offerRequireTls,
            (user, password) -> user.equals(USER) && new String(password).equals(PASSWORD),
            true,
            InstantSource.system());
    Session session = new Session(context, transport);
    this.server = Thread.ofVirtual().start(session::run);
    Thread.ofVirtual().start(this::pump);
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder {
    private ListenerKind kind = ListenerKind.SMTP;
    private String clientAddress = "192.0.2.7";
    private boolean tlsAvailable = true;
    private DraftSyntax draftSyntax = DraftSyntax.REJECT;
    private LimitsConfig limits = Defaults.limits();
    private boolean offerRequireTls = true;

    Builder withoutRequireTls() {
      this.offerRequireTls = false;
      return this;
    }

    Builder kind(ListenerKind k) {
      this.kind = k;
      return this;
    }

    Builder clientAddress(String a) {
      this.clientAddress = a;
      return this;
    }

    Builder noTls() {
      this.tlsAvailable = false;
      return this;
    }

    Builder draftSyntax(DraftSyntax d) {
      this.draftSyntax = d;
      return this;
    }

    Builder limits(LimitsConfig l) {
      this.limits = l;
      return this;
    }

    Dialogue open(Path spoolDir) throws IOException {
      return new Dialogue(this, spoolDir);
    }
  }

  private void pump() {
    InputStream in = transport.toClient.in;
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          String s = line.toString(StandardCharsets.UTF_8);
          lines.add(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
          line.reset();
        } else {
          line.write(c);
        }
      }
    } catch (IOException e) {
      // closed
    }
    lines.add(EOF);
  }

  /** Sends raw bytes as one write. */
  void send(String raw) throws IOException {
    transport.toServer.out.write(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The next line the server sent, or {@code <closed>}. */
  String nextLine() throws InterruptedException {
    String s = lines.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("server reply within 10 s").isNotNull();
    return s.equals(EOF) ? "<closed>" : s;
  }

  void expectClosed() throws InterruptedException {
    String s = lines.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("connection closed").isEqualTo(EOF);
    server.join(Duration.ofSeconds(10));
    assertThat(server.isAlive()).isFalse();
  }

  /** Runs a script of {@code C:} and {@code S:} lines. */
  void run(String script) throws Exception {
    StringBuilder pending = new StringBuilder();
    for (String raw : script.strip().split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("C:")) {
        pending.append(line.substring(2).stripLeading()).append("\r\n");
      } else if (line.startsWith("S:")) {
        if (!pending.isEmpty()) {
          send(pending.toString());
          pending.setLength(0);
        }
        String want = line.substring(2).stripLeading();
        String got = nextLine();
        assertThat(got).as("server line, expected %s", want).matches(glob(want));
      } else {
        throw new IllegalArgumentException("script line must start with C: or S: — " + line);
      }
    }
    if (!pending.isEmpty()) {
      send(pending.toString());
    }
  }

  private static Pattern glob(String want) {
    StringBuilder re = new StringBuilder();
    for (String part : want.split("\\*", -1)) {
      if (!re.isEmpty()) {
        re.append(".*");
      }
      re.append(Pattern.quote(part));
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  List<QueueEntry> queued() throws IOException {
    return new ArrayList<>(spool.list());
  }

  @Override
  public void close() throws IOException {
    transport.close();
    try {
      server.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    spool.close();
  }
}
