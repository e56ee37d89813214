package org.sealpost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sealpost.config.ConfigException;
import org.sealpost.config.ConfigLoader;
import org.sealpost.config.SealpostConfig;
import org.sealpost.config.TomlWriter;
import org.sealpost.tls.KeyMaterial;
import org.sealpost.tls.TlsMaterialException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sealpost config check FILE} validates a config file as start-up would, including the
 * configured certificate and key, and that {@code dns.trust_anchor} and {@code delivery.ca_file}
 * can be read; {@code sealpost config defaults} prints every key with its
 * default as TOML.
 */
@Command(name = "config", description = "Check a configuration file or print the defaults.",
    mixinStandardHelpOptions = true)
final class ConfigCommand implements Callable<Integer> {

  /** Exit code for an unusable config, as for a usage error: the operator must fix input. */
  static final int BAD_CONFIG = 2;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "check", description = "Validate FILE; prints `FILE: ok` or `FILE:LINE: problem`.")
  int check(@Parameters(paramLabel = "FILE", description = "the sealpost.toml to check") Path file) {
    SealpostConfig config;
    try {
      config = ConfigLoader.load(file);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return BAD_CONFIG;
    }
    // The key pairs start-up loads: the SMTP certificate, and the MTA-STS policy host's own.
    Map<String, Path[]> pairs = new LinkedHashMap<>();
    pairs.put("tls", new Path[] {config.tls().certificate(), config.tls().privateKey()});
    pairs.put("mta_sts_policy", new Path[] {config.mtaStsPolicy().certFile(), config.mtaStsPolicy().keyFile()});
    for (Map.Entry<String, Path[]> pair : pairs.entrySet()) {
      Path cert = pair.getValue()[0];
      Path key = pair.getValue()[1];
      if (cert != null && key != null) {
        try {
          KeyMaterial.load(cert, key, Instant.now());
        } catch (TlsMaterialException e) {
          // KeyMaterial names the [tls] keys; the policy host's pair is cert_file/key_file.
          String message = pair.getKey().equals("tls") ? e.getMessage()
              : e.getMessage().replace("tls.certificate", "mta_sts_policy.cert_file")
                  .replace("tls.private_key", "mta_sts_policy.key_file");
          spec.commandLine().getErr().println(file + ": " + message);
          return BAD_CONFIG;
        }
      }
    }
    // Files read at start-up or later (a CA file unreadable at the first delivery is a late surprise).
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("dns.trust_anchor", config.dns().trustAnchor());
    files.put("delivery.ca_file", config.delivery().caFile());
    files.put("delivery.smart_host_password_file", config.delivery().smartHostPasswordFile());
    files.put("mta_sts.ca_file", config.mtaSts().caFile());
    files.put("tlsrpt.ca_file", config.tlsRpt().caFile());
    for (Map.Entry<String, Path> f : files.entrySet()) {
      if (f.getValue() != null && !Files.isReadable(f.getValue())) {
        spec.commandLine().getErr().println(file + ": " + f.getKey() + " " + f.getValue() + ": cannot read");
        return BAD_CONFIG;
      }
    }
    spec.commandLine().getOut().println(file + ": ok");
    return 0;
  }

  @Command(name = "defaults", description = "Print the default configuration as TOML.")
  int defaults() throws IOException {
    spec.commandLine().getOut().print(TomlWriter.write(SealpostConfig.defaults()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
