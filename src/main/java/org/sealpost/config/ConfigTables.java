package org.sealpost.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top level of the file: only the known tables, each in its right form ({@code [server]} is a
 * table, {@code [[listener]]} an array of tables), and no bare keys.
 */
final class ConfigTables {

  private ConfigTables() {}

  /** The plain tables by name; {@code listener} is checked here but read by {@link ListenerRules}. */
  static Map<String, TomlValue.Table> split(String file, TomlValue.Table root)
      throws ConfigException {
    Map<String, TomlValue.Table> tables = new LinkedHashMap<>();
    String expected = "(expected one of: [server], [[listener]], [tls], [limits], [local], "
        + "[relay], [[auth.user]], [requiretls], [spool], [dns], [log], [queue], [delivery], "
        + "[[delivery.policy]], [mta_sts], [mta_sts_policy], [dsn], [tlsrpt])";
    for (Map.Entry<String, TomlValue> e : root.entries().entrySet()) {
      String name = e.getKey();
      TomlValue v = e.getValue();
      if (!ConfigLoader.TABLES.contains(name)) {
        String what = v instanceof TomlValue.Table || v instanceof TomlValue.TableArray
            ? "unknown table [" + name + "] "
            : "unknown key \"" + name + "\" outside any table ";
        throw new ConfigException(file, v.line(), what + expected);
      }
      if (name.equals("listener")) {
        if (!(v instanceof TomlValue.TableArray)) {
          throw new ConfigException(file, v.line(),
              "listeners are written [[listener]], one such table per listener");
        }
      } else if (v instanceof TomlValue.Table t) {
        tables.put(name, t);
      } else if (v instanceof TomlValue.TableArray) {
        throw new ConfigException(file, v.line(),
            "[" + name + "] is a single table: write [" + name + "], not [[" + name + "]]");
      } else {
        throw new ConfigException(file, v.line(),
            "\"" + name + "\" is a table: write [" + name + "] and put its keys below it");
      }
    }
    return tables;
  }
}
