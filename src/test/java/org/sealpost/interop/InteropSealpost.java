package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.sealpost.Main;
import org.sealpost.config.ConfigException;
import org.sealpost.config.ConfigLoader;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.PasswordHash;
import org.sealpost.queue.QueueEntry;
import org.sealpost.tls.TestPki;
import org.sealpost.tls.TlsMaterialException;

/**
 * Sealpost started in process for one interop test class: the three listeners (smtp, submission,
 * submissions) on one loopback address with free ports, a spool in a temp folder, and a server
 * certificate from a fresh {@link TestPki} CA whose PEM file peers are told to trust.
 *
 * <p>The configuration is a real TOML file ({@code interop/sealpost/sealpost.toml}) read by
 * {@link ConfigLoader}, so these tests go through the same start-up path as {@code sealpost serve}.
 */
final class InteropSealpost implements AutoCloseable {

  static final String HOSTNAME = "mx.interop.test";
  static final String USER = "alice";
  static final String PASSWORD = "correct horse battery staple";

  /** Which certificate the server presents. */
  enum ServerCertificate {
    /** Issued by the test CA for {@link #HOSTNAME} and the listen address (an IP SAN). */
    TEST_CA_NAME_AND_ADDRESS,
    /** Issued by the test CA for {@link #HOSTNAME} only: a client checking the IP fails. */
    TEST_CA_NAME_ONLY,
    /** None configured: Sealpost's default self-signed certificate, which no CA vouches for. */
    SELF_SIGNED_DEFAULT
  }

  private final Main.Running running;
  private final String address;
  private final Path caPem;

  private InteropSealpost(Main.Running running, String address, Path caPem) {
    this.running = running;
    this.address = address;
    this.caPem = caPem;
  }

  /** Starts with a fresh test CA. */
  static InteropSealpost start(Path dir, String address, ServerCertificate certificate)
      throws IOException, ConfigException, TlsMaterialException, CertificateEncodingException {
    return start(dir, address, certificate, TestPki.create());
  }

  /** Starts with a certificate from {@code pki}, so several instances can share one CA. */
  static InteropSealpost start(Path dir, String address, ServerCertificate certificate,
      TestPki pki)
      throws IOException, ConfigException, TlsMaterialException, CertificateEncodingException {
    Files.createDirectories(dir);
    Path caPem = pki.writeCaPem(dir.resolve("ca.pem"));
    String tls = switch (certificate) {
      case TEST_CA_NAME_AND_ADDRESS -> tlsKeys(pki.server(HOSTNAME, address).writePem(dir.resolve("tls")));
      case TEST_CA_NAME_ONLY -> tlsKeys(pki.server(HOSTNAME).writePem(dir.resolve("tls")));
      case SELF_SIGNED_DEFAULT -> "self_signed = true";
    };
    String toml = Files.readString(InteropPeers.resource("interop/sealpost/sealpost.toml"))
        .replace("@ADDRESS@", address)
        .replace("@CERTIFICATE@", tls)
        .replace("@ALICE_HASH@", PasswordHash.hash(PASSWORD.toCharArray()));
    Path config = dir.resolve("sealpost.toml");
    Files.writeString(config, toml);
    return new InteropSealpost(Main.start(ConfigLoader.load(config)), address, caPem);
  }

  /** The loopback address every listener is bound to. */
  String address() {
    return address;
  }

  int port(ListenerKind kind) {
    return running.smtp().port(kind.code());
  }

  /** {@code address:port} of a listener, as swaks and openssl spell it. */
  String endpoint(ListenerKind kind) {
    return address + ":" + port(kind);
  }

  /** PEM file of the test CA (for the self-signed default too: it proves that one fails). */
  Path caPem() {
    return caPem;
  }

  /** Every message in the spool, in arrival order. */
  List<QueueEntry> queued() {
    try {
      return running.spool().list();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message Sealpost acknowledged with {@code 250 2.0.0 Ok: queued as queueId}. */
  QueueEntry queued(String queueId) {
    List<QueueEntry> found =
        queued().stream().filter(e -> e.queueId().value().equals(queueId)).toList();
    assertThat(found).as("spool entries with queue id %s", queueId).hasSize(1);
    return found.getFirst();
  }

  /** Waits for the first message that matches, for peers (Postfix) that relay on their own time. */
  QueueEntry awaitQueued(Predicate<QueueEntry> wanted, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      for (QueueEntry e : queued()) {
        if (wanted.test(e)) {
          return e;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no matching message in the spool after " + timeout
            + "; spool has " + queued());
      }
      Thread.sleep(100);
    }
  }

  /** The queued message content as text (the tests send ASCII). */
  static String content(QueueEntry entry) {
    try (InputStream in = entry.openContent()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the message content contains {@code token} (tests mark messages with one). */
  static Predicate<QueueEntry> containing(String token) {
    return e -> content(e).contains(token);
  }

  @Override
  public void close() {
    running.close();
  }

  private static String tlsKeys(TestPki.Pem pem) {
    return "certificate = \"" + pem.certificate() + "\"\nprivate_key = \"" + pem.privateKey() + "\"";
  }
}
