package org.sealpost.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options both commands share: where to connect and how to use TLS. */
final class TargetOptions {

  @Option(names = "--target", required = true, paramLabel = "ADDR:PORT",
      description = "server address literal on loopback (127.0.0.0/8 or [::1]) and port")
  String target = "";

  @Option(names = "--starttls", description = "STARTTLS before the first MAIL of each session")
  boolean starttls;

  @Option(names = "--requiretls", description = "REQUIRETLS on MAIL FROM (implies --starttls)")
  boolean requiretls;

  @Option(names = "--trust", paramLabel = "PEM", description = "the server certificate to trust")
  @Nullable Path trust;

  @Option(names = "--no-pipelining", description = "one command per round trip (default: "
      + "MAIL, RCPT and DATA in one write when the server offers PIPELINING)")
  boolean noPipelining;

  @Option(names = "--size", paramLabel = "BYTES", description = "message size (default 2048)")
  int size = 2048;

  SessionPlan plan() throws IOException, GeneralSecurityException {
    LoopbackTarget where = LoopbackTarget.parse(target);
    boolean tls = starttls || requiretls;
    SSLContext context = null;
    if (tls) {
      if (trust == null) {
        throw new IllegalArgumentException("--starttls needs --trust PEM");
      }
      context = TrustedCertificate.context(trust);
    }
    return new SessionPlan(where, tls ? TlsMode.STARTTLS : TlsMode.PLAIN, context, requiretls,
        !noPipelining, size);
  }
}
