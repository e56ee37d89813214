package org.sealpost.smtp.client;

import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How {@link SmtpClient} connects.
 *
 * @param connectTimeout TCP connect timeout
 * @param readTimeout how long to wait for any reply; RFC 5321 §4.5.3.2 asks for minutes (SMTP-4)
 * @param localAddress address to bind before connecting (e.g. 127.0.0.7 in tests), or null
 */
public record ClientOptions(
    Duration connectTimeout, Duration readTimeout, @Nullable InetAddress localAddress) {

  /** 30 s to connect; 5 minutes per reply, the RFC 5321 §4.5.3.2 minimum for most replies. */
  public static ClientOptions defaults() {
    return new ClientOptions(Duration.ofSeconds(30), Duration.ofMinutes(5), null);
  }

  public ClientOptions withReadTimeout(Duration timeout) {
    return new ClientOptions(connectTimeout, timeout, localAddress);
  }
}
