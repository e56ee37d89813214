package org.sealpost.report.tlsrpt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;
import org.sealpost.tls.TrustStores;

/**
 * POSTs reports with the JDK's HttpClient (RFC 8460 §5.4): {@code Content-Type:
 * application/tlsrpt+gzip}, no redirects followed, a one-minute limit.
 *
 * <p>RPT-8 allows ignoring certificate errors; Sealpost does not. A report names the receiver's
 * MX hosts, their addresses and which of them failed, and what our sending addresses are: sent to
 * an unverified server it may go to whoever sits on the path. The receiver asked for HTTPS by
 * publishing an {@code https:} URI, so a valid certificate is what it promised; if it fails, the
 * retries (RPT-9) give the operator a day to fix it, and a {@code mailto:} rua, if any, still works.
 * {@code [tlsrpt] ca_file} replaces the JDK trust store (private CAs, tests).
 */
final class HttpsPoster implements ReportPoster {

  static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final HttpClient client;

  private HttpsPoster(HttpClient client) {
    this.client = client;
  }

  /** @param caFile PEM certificates to trust; null for the JDK's default trust store */
  static HttpsPoster create(@Nullable Path caFile) throws IOException {
    HttpClient.Builder b = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(TIMEOUT);
    if (caFile != null) {
      b.sslContext(trusting(caFile));
    }
    return new HttpsPoster(b.build());
  }

  @Override
  public PostResult post(URI target, byte[] gzipped) {
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/tlsrpt+gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped))
        .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 || status == 201 ? new PostResult.Accepted(status) : new PostResult.Refused(status);
    } catch (IOException e) {
      return new PostResult.Unreachable(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PostResult.Unreachable("interrupted");
    } catch (RuntimeException e) {
      return new PostResult.Unreachable(e.toString()); // e.g. a URI the client cannot use
    }
  }

  private static SSLContext trusting(Path caFile) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {TrustStores.pkix(caFile, "tlsrpt.ca_file")}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("tlsrpt.ca_file " + caFile + ": " + e.getMessage(), e);
    }
  }
}
