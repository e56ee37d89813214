package org.sealpost.policy;

import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.config.RequireTlsMode;
/** The operator's TLS policy for one destination (or the default for all). */
public record DestinationPolicy(TlsPolicyLevel level, RequireTlsMode requireTls) {

  public static DestinationPolicy defaults() {
    return new DestinationPolicy(TlsPolicyLevel.DANE, RequireTlsMode.ENFORCE);
  }
}
