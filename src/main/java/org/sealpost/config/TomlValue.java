package org.sealpost.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value read by {@link TomlReader}, with the line it was written on so that errors can point at
 * it. Only the TOML subset the configuration needs: strings, integers, booleans, arrays, tables and
 * arrays of tables.
 */
sealed interface TomlValue {

  /** The 1-based line of the key (for tables: of the header; 0 for the root table). */
  int line();

  /** The value as TOML would spell it, for "got ..." in error messages. */
  String toToml();

  record Str(String value, int line) implements TomlValue {
    @Override
    public String toToml() {
      return TomlWriter.quote(value);
    }
  }

  record Int(long value, int line) implements TomlValue {
    @Override
    public String toToml() {
      return Long.toString(value);
    }
  }

  record Bool(boolean value, int line) implements TomlValue {
    @Override
    public String toToml() {
      return Boolean.toString(value);
    }
  }

  record Arr(List<TomlValue> items, int line) implements TomlValue {
    @Override
    public String toToml() {
      return items.stream().map(TomlValue::toToml).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** A table; {@code entries} keeps file order and is filled while the reader runs. */
  record Table(String name, Map<String, TomlValue> entries, int line) implements TomlValue {
    @Override
    public String toToml() {
      return "a table";
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /** {@code [[name]]}: the tables in file order. */
  record TableArray(String name, List<Table> tables, int line) implements TomlValue {
    @Override
    public String toToml() {
      return "an array of tables";
    }
  }
}
