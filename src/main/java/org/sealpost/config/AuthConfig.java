package org.sealpost.config;

import java.util.List;

/** {@code [auth]}: the users who may authenticate (AUTH PLAIN/LOGIN, only under TLS). */
public record AuthConfig(List<UserConfig> users) {

  public AuthConfig {
    users = List.copyOf(users);
  }
}
