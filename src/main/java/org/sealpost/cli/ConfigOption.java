package org.sealpost.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.ConfigException;
import org.sealpost.config.ConfigLoader;
import org.sealpost.config.SealpostConfig;

/** The {@code --config FILE} every command shares: the file, or the built-in defaults without one. */
final class ConfigOption {

  private ConfigOption() {}

  /** The configuration, or null after printing {@code FILE:LINE: problem} to {@code err}. */
  static @Nullable SealpostConfig load(@Nullable Path file, PrintWriter err) {
    try {
      return file == null ? SealpostConfig.defaults() : ConfigLoader.load(file);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return null;
    }
  }
}
