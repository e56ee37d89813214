package org.sealpost.config;

import java.util.List;

/**
 * {@code [relay]}: clients in these networks may relay to any domain without AUTH (SEC-7).
 * Everyone else may only send to local domains unless authenticated.
 */
public record RelayConfig(List<NetworkRange> trustedNetworks) {

  public RelayConfig {
    trustedNetworks = List.copyOf(trustedNetworks);
  }
}
