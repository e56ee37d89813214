package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code [mta_sts]}: {@code ca_file} is relative to the config folder, {@code cache_dir} to
 * {@code server.data_dir}; the policy size is capped at 1 MiB, since RFC 8461 §3.3 suggests 64
 * KiB and a larger limit only helps a hostile policy host.
 */
final class MtaStsRules {

  static final List<String> KEYS =
      List.of("enabled", "port", "ca_file", "cache_dir", "fetch_timeout", "max_policy_size");

  static final long MAX_POLICY_SIZE_LIMIT = 1L << 20;

  private MtaStsRules() {}

  static MtaStsConfig read(TomlSection s, Path base, Path dataDir) throws ConfigException {
    MtaStsConfig d = Defaults.mtaSts();
    boolean enabled = s.bool("enabled", d.enabled());
    int port = (int) s.integer("port", d.port(), 1, 65535, "a port number 1-65535");
    @Nullable Path caFile = s.has("ca_file") ? ConfigLoader.path(s, "ca_file", Path.of(""), base) : d.caFile();
    Path cacheDir = ConfigLoader.path(s, "cache_dir", d.cacheDir(), dataDir);
    Duration timeout = s.duration("fetch_timeout", d.fetchTimeout(), false);
    long size = s.size("max_policy_size", d.maxPolicySize(), MAX_POLICY_SIZE_LIMIT);
    return new MtaStsConfig(enabled, port, caFile, cacheDir, timeout, size);
  }
}
