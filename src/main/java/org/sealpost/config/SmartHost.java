package org.sealpost.config;

import org.sealpost.mail.Domain;

/**
 * {@code [delivery] smart_host}: the host (a name or an address literal) that takes all remote
 * mail, and its port.
 *
 * @param port 0 when the configuration names none: then {@code delivery.port} applies
 */
public record SmartHost(Domain host, int port) {

  /**
   * Reads the config form ({@code host}, {@code host:port}, {@code [192.0.2.1]:587}); throws
   * IllegalArgumentException saying what is wrong. The same rules as the config loader's.
   */
  public static SmartHost parse(String text) {
    return DeliveryRules.smartHost(text);
  }

  /** The port to connect to, given {@code delivery.port}. */
  public int port(int deliveryPort) {
    return port == 0 ? deliveryPort : port;
  }

  /** The canonical config form: {@code host} or {@code host:port}. */
  @Override
  public String toString() {
    return port == 0 ? host.name() : host.name() + ":" + port;
  }
}
