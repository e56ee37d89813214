package org.sealpost.config;

import java.time.Duration;
import java.util.List;

/** {@code [limits]}: every count positive, sizes with units, and two cross-checks. */
final class LimitsRules {

  static final List<String> KEYS = List.of(
      "max_connections", "max_connections_per_ip", "max_recipients", "max_message_size",
      "max_errors", "max_commands", "idle_timeout", "session_timeout", "max_received_headers",
      "max_header_bytes");

  private LimitsRules() {}

  static LimitsConfig read(TomlSection s) throws ConfigException {
    LimitsConfig d = Defaults.limits();
    int maxConnections = s.positiveInt("max_connections", d.maxConnections());
    int perIp = s.positiveInt("max_connections_per_ip", d.maxConnectionsPerIp());
    if (perIp > maxConnections) {
      throw s.error("max_connections_per_ip", perIp + " is more than max_connections ("
          + maxConnections + ")");
    }
    int maxRecipients = s.positiveInt("max_recipients", d.maxRecipients());
    long maxMessageSize = s.size("max_message_size", d.maxMessageSize(), Long.MAX_VALUE);
    int maxErrors = s.positiveInt("max_errors", d.maxErrors());
    int maxCommands = s.positiveInt("max_commands", d.maxCommands());
    Duration idle = s.duration("idle_timeout", d.idleTimeout(), false);
    Duration session = s.duration("session_timeout", d.sessionTimeout(), false);
    if (session.compareTo(idle) < 0) {
      throw s.error("session_timeout", "\"" + TomlWriter.duration(session)
          + "\" is shorter than idle_timeout (\"" + TomlWriter.duration(idle) + "\")");
    }
    int maxReceived = s.positiveInt("max_received_headers", d.maxReceivedHeaders());
    int maxHeaderBytes = (int) s.size("max_header_bytes", d.maxHeaderBytes(), Integer.MAX_VALUE);
    return new LimitsConfig(maxConnections, perIp, maxRecipients, maxMessageSize, maxErrors,
        maxCommands, idle, session, maxReceived, maxHeaderBytes);
  }
}
