package org.sealpost;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.sealpost.config.LogConfig;
import org.slf4j.LoggerFactory;

/** Applies {@code [log]} to Logback: the root level, and the SMTP transcript logger (debug or off). */
final class LogLevels {

  private LogLevels() {}

  static void apply(LogConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) {
      return;
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.level(), Level.INFO));
    ctx.getLogger("smtpd.transcript").setLevel(config.transcript() ? Level.DEBUG : Level.OFF);
  }
}
