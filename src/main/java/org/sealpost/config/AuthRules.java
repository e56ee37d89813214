package org.sealpost.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code [[auth.user]]}: each user needs a name and a hash in {@link PasswordHash}'s form. Names
 * are unique. No default user exists, so AUTH is impossible until one is configured.
 */
final class AuthRules {

  private AuthRules() {}

  static AuthConfig read(String file, TomlValue.@Nullable Table auth) throws ConfigException {
    if (auth == null) {
      return Defaults.auth();
    }
    TomlSection.of(file, "[auth]", auth, List.of("user"));
    TomlValue users = auth.entries().get("user");
    if (users == null) {
      return Defaults.auth();
    }
    if (!(users instanceof TomlValue.TableArray array)) {
      throw new ConfigException(file, users.line(),
          "users are written [[auth.user]], one such table per user");
    }
    List<UserConfig> out = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (TomlValue.Table t : array.tables()) {
      TomlSection s = TomlSection.of(file, "[[auth.user]]", t, List.of("name", "password_hash"));
      String name = required(file, s, t, "name");
      if (name.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw s.error("name", "must not contain spaces or control characters");
      }
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).name().equals(name)) {
          throw s.error("name", "user \"" + name + "\" is already defined on line " + lines.get(i));
        }
      }
      String hash = required(file, s, t, "password_hash");
      try {
        PasswordHash.validate(hash);
      } catch (IllegalArgumentException e) {
        throw s.error("password_hash", e.getMessage());
      }
      out.add(new UserConfig(name, hash));
      lines.add(s.line("name"));
    }
    return new AuthConfig(out);
  }

  private static String required(String file, TomlSection s, TomlValue.Table t, String key)
      throws ConfigException {
    if (!s.has(key)) {
      throw new ConfigException(file, t.line(), "[[auth.user]] has no " + key
          + (key.equals("password_hash") ? " (make one with `sealpost passwd`)" : ""));
    }
    return s.nonEmptyString(key, "");
  }
}
