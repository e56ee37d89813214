package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealpost.config.DeliveryConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.NetworkRange;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.it.SealpostInstance;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.testing.Maildirs;
import org.sealpost.tls.TestPki;
import org.sealpost.tls.TlsMaterialException;
import org.slf4j.LoggerFactory;

/**
 * A Sealpost that delivers to a real peer MTA, the way it reaches any MX on the Internet.
 *
 * <p>{@value #DESTINATION} is a DNSSEC-signed zone in a {@link DnsUniverse} with {@code MX 10
 * }{@value #MX} and an A record for the peer's loopback address; Sealpost validates it in process
 * ({@code [dns] mode = "validate"}) and connects on the peer's port ({@code [delivery] port}),
 * trusting the test CA that issued the peer's certificate for {@value #MX} ({@code [delivery]
 * ca_file}). TLS policy is {@code may}, the default, so a {@code tls=verified-pkix} in the log is
 * what Sealpost achieved, not what it demanded. Sealpost itself is {@code mx.src.test}, the final
 * destination for {@code src.test}, where carol's Maildir collects bounces.
 *
 * <p>Sealpost logs one line per recipient and delivery attempt ({@value #ATTEMPT_LOGGER}); this
 * class captures those lines so tests can assert on relay, TLS and status.
 */
final class DeliveringSealpost implements AutoCloseable {

  static final String DESTINATION = "dest.test";
  static final String MX = "mx1.dest.test";
  static final String SENDER = "carol@src.test";
  static final String RECIPIENT = "bob@dest.test";
  /** The logger that writes Sealpost's one line per recipient per delivery attempt. */
  static final String ATTEMPT_LOGGER = "org.sealpost.queue.DeliveryPass";

  private final DnsUniverse universe;
  private final SealpostInstance sealpost;
  private final ListAppender<ILoggingEvent> attempts;

  private DeliveringSealpost(DnsUniverse universe, SealpostInstance sealpost,
      ListAppender<ILoggingEvent> attempts) {
    this.universe = universe;
    this.sealpost = sealpost;
    this.attempts = attempts;
  }

  /**
   * Starts the DNS universe and Sealpost on {@code address}, with a certificate from {@code pki}
   * (which also issued the peer's); {@code trustedNetworks} may relay without AUTH.
   */
  static DeliveringSealpost start(Path dir, TestPki pki, String address, String peerAddress,
      int peerPort, List<NetworkRange> trustedNetworks) throws IOException, TlsMaterialException {
    Path caPem = pki.writeCaPem(dir.resolve("delivery-ca.pem"));
    DnsUniverse universe = DnsUniverse.start();
    try {
      universe.zone(DESTINATION).signed().mx(10, MX).a(MX, peerAddress);
      universe.zone("src.test").signed().mx(10, "mx.src.test").a("mx.src.test", address);
      DeliveryConfig delivery = new DeliveryConfig(true, peerPort, null, null, caPem,
          Duration.ofSeconds(3), Duration.ofSeconds(10), TlsPolicyLevel.MAY,
          RequireTlsMode.ENFORCE, List.of(), Path.of("mail"), true, null, null);
      ListAppender<ILoggingEvent> attempts = new ListAppender<>();
      attempts.start();
      ((Logger) LoggerFactory.getLogger(ATTEMPT_LOGGER)).addAppender(attempts);
      SealpostInstance sealpost = SealpostInstance.builder(dir).pki(pki).address(address)
          .hostname("mx.src.test").localDomain("src.test").trustedNetworks(trustedNetworks)
          .dns(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2))).delivery(delivery)
          .start();
      return new DeliveringSealpost(universe, sealpost, attempts);
    } catch (IOException | TlsMaterialException | RuntimeException e) {
      universe.close();
      throw e;
    }
  }

  SealpostInstance instance() {
    return sealpost;
  }

  /** The test message marked with {@code token} in its subject, Message-ID and body. */
  static String message(String token) {
    return "From: " + SENDER + "\r\nTo: " + RECIPIENT + "\r\nSubject: interop " + token
        + "\r\nMessage-ID: <" + token + "@src.test>\r\n\r\nbody " + token + "\r\n";
  }

  /** Carol submits {@link #message} for bob over verified STARTTLS with AUTH, as an MUA would. */
  void submit(List<String> mailParameters, String token) throws IOException {
    try (SmtpClient c = sealpost.connectStartTls(ListenerKind.SUBMISSION)) {
      assertThat(c.authPlain(SealpostInstance.USER, SealpostInstance.PASSWORD).code()).isEqualTo(235);
      assertThat(c.mail(SENDER, mailParameters).code()).isEqualTo(250);
      assertThat(c.rcpt(RECIPIENT, List.of()).code()).isEqualTo(250);
      assertThat(c.data(message(token).getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
    }
  }

  /** The bounce in carol's Maildir that quotes {@code token}; {@code peerLog} explains a miss. */
  String awaitBounce(String token, Duration timeout, Supplier<String> peerLog)
      throws IOException, InterruptedException {
    return Maildirs.await(sealpost.maildir("carol"), token, timeout,
        () -> "Sealpost attempts: " + attemptLines() + "\n--- peer log\n" + peerLog.get());
  }

  /** Forgets the attempt lines logged so far (each test starts with none). */
  void clearAttempts() {
    synchronized (attempts) {
      attempts.list.clear();
    }
  }

  /** Waits for an attempt line that matches {@code pattern}; {@code peerLog} explains a miss. */
  Matcher awaitAttempt(Pattern pattern, Duration timeout, Supplier<String> peerLog)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<String> lines = attemptLines();
      for (String line : lines) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no attempt line matches /" + pattern + "/ after " + timeout
            + ": " + lines + "\n--- peer log\n" + peerLog.get());
      }
      Thread.sleep(100);
    }
  }

  /** The attempt lines logged since {@link #clearAttempts}. */
  List<String> attemptLines() {
    synchronized (attempts) {
      return attempts.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    ((Logger) LoggerFactory.getLogger(ATTEMPT_LOGGER)).detachAppender(attempts);
    try {
      sealpost.close();
    } finally {
      universe.close();
    }
  }
}
