package org.sealpost.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sealpost.config.DeliveryConfig;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.SmartHost;
import org.sealpost.config.TlsPolicyLevel;

/** {@code [delivery]} sections for instances that deliver in tests. */
final class DeliveryConfigs {

  private DeliveryConfigs() {}

  /** Delivers local mail to Maildirs; REQUIRETLS offered only with {@code ENFORCE} (RT-3). */
  static DeliveryConfig local(RequireTlsMode requireTls) {
    return new DeliveryConfig(true, 25, null, null, null, Duration.ofSeconds(3), Duration.ofSeconds(10),
        TlsPolicyLevel.MAY, requireTls, List.of(), Path.of("mail"), true, null, null);
  }

  /** Sends all remote mail to {@code smartHost} ({@code host:port}), trusting {@code caFile}. */
  static DeliveryConfig viaSmartHost(String smartHost, Path caFile) {
    return new DeliveryConfig(true, 25, null, SmartHost.parse(smartHost), caFile, Duration.ofSeconds(3), Duration.ofSeconds(10),
        TlsPolicyLevel.MAY, RequireTlsMode.ENFORCE, List.of(), Path.of("mail"), true, null, null);
  }

  /** Delivers remote mail to {@code port} of the MX hosts, trusting {@code caFile}. */
  static DeliveryConfig remote(int port, Path caFile) {
    return new DeliveryConfig(true, port, null, null, caFile, Duration.ofSeconds(3), Duration.ofSeconds(10),
        TlsPolicyLevel.MAY, RequireTlsMode.ENFORCE, List.of(), Path.of("mail"), true, null, null);
  }

  /**
   * Delivers remote mail to {@code port} of the MX hosts at TLS level {@code level} (e.g. the
   * default {@code dane}), trusting {@code caFile} for PKIX; REQUIRETLS enforced.
   */
  static DeliveryConfig remote(int port, Path caFile, TlsPolicyLevel level) {
    return new DeliveryConfig(true, port, null, null, caFile, Duration.ofSeconds(3), Duration.ofSeconds(10),
        level, RequireTlsMode.ENFORCE, List.of(), Path.of("mail"), true, null, null);
  }
}
