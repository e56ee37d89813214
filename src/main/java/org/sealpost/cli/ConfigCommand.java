package org.sealpost.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
    Path cert = config.tls().certificate();
    Path key = config.tls().privateKey();
    if (cert != null && key != null) {
      try {
        KeyMaterial.load(cert, key, Instant.now());
      } catch (TlsMaterialException e) {
        spec.commandLine().getErr().println(file + ": " + e.getMessage());
        return BAD_CONFIG;
      }
    }
    if (config.dns().trustAnchor() != null && !Files.isReadable(config.dns().trustAnchor())) {
      spec.commandLine().getErr().println(
          file + ": dns.trust_anchor " + config.dns().trustAnchor() + ": cannot read");
      return BAD_CONFIG;
    }
    Path caFile = config.delivery().caFile();
    if (caFile != null && !Files.isReadable(caFile)) {
      spec.commandLine().getErr().println(file + ": delivery.ca_file " + caFile + ": cannot read");
      return BAD_CONFIG;
    }
    Path password = config.delivery().smartHostPasswordFile();
    if (password != null && !Files.isReadable(password)) {
      spec.commandLine().getErr().println(
          file + ": delivery.smart_host_password_file " + password + ": cannot read");
      return BAD_CONFIG;
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
