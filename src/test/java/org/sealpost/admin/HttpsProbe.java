package org.sealpost.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A raw HTTPS/1.1 client for the tests: it connects to a loopback address while TLS names the
 * policy host (SNI and certificate check, as a sender's fetcher does, STS-4), and it sends exactly
 * the method and {@code Host} header a test asks for, which {@code java.net.http} would not allow.
 */
final class HttpsProbe {

  /** One response: status, headers (names lower case), body, and the certificate the server showed. */
  record Response(int status, Map<String, String> headers, String body, X509Certificate leaf) {}

  private HttpsProbe() {}

  /**
   * Sends {@code method path} with {@code host} as the Host header (none when null), over TLS to
   * {@code server} with SNI {@code sni}, checking the certificate for {@code sni} (RFC 2818 rules).
   */
  static Response request(SSLContext client, InetSocketAddress server, String sni, String method,
      String path, String host) throws IOException {
    Socket plain = new Socket();
    plain.connect(server, 5_000);
    plain.setSoTimeout(5_000);
    try (SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(plain, sni, server.getPort(), true)) {
      SSLParameters p = tls.getSSLParameters();
      p.setServerNames(List.of(new SNIHostName(sni)));
      p.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(p);
      tls.startHandshake();
      String request = method + " " + path + " HTTP/1.1\r\n"
          + (host == null ? "" : "Host: " + host + "\r\n")
          + "Connection: close\r\n\r\n";
      tls.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      tls.getOutputStream().flush();
      return parse(tls.getInputStream(), method.equals("HEAD"),
          (X509Certificate) tls.getSession().getPeerCertificates()[0]);
    }
  }

  static Response get(SSLContext client, InetSocketAddress server, String host) throws IOException {
    return request(client, server, host, "GET", StsPolicyResponder.PATH, host);
  }

  private static Response parse(InputStream in, boolean head, X509Certificate leaf) throws IOException {
    String status = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int colon = l.indexOf(':');
      headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
    }
    String body = "";
    if (!head && headers.containsKey("content-length")) {
      body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))),
          StandardCharsets.US_ASCII);
    }
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, body, leaf);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the middle of the headers");
      }
      out.write(b);
    }
    String s = out.toString(StandardCharsets.US_ASCII);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
