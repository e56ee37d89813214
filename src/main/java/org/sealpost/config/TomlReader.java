package org.sealpost.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads the TOML subset the configuration uses (TOML 1.0 syntax): comments, {@code [table]} and
 * {@code [[array.of.tables]]} headers, bare, quoted and dotted keys, basic and literal strings,
 * decimal integers, booleans and arrays (over several lines, trailing comma allowed). Every value
 * keeps its line, which a general-purpose TOML tree would lose. Floats, dates, inline tables and
 * multi-line strings are refused with a clear message rather than half-supported.
 */
final class TomlReader {

  private final String file;
  private final String text;
  private int pos;
  private int line = 1;
  private final TomlValue.Table root = new TomlValue.Table("", new LinkedHashMap<>(), 0);
  private final Set<TomlValue.Table> explicit = Collections.newSetFromMap(new IdentityHashMap<>());
  private TomlValue.Table current = root;

  private TomlReader(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Parses {@code text}; errors name {@code file} and the line. */
  static TomlValue.Table parse(String file, String text) throws ConfigException {
    TomlReader reader = new TomlReader(file, text);
    reader.document();
    return reader.root;
  }

  private void document() throws ConfigException {
    while (true) {
      skipBlank();
      if (eof()) {
        return;
      }
      char c = peek();
      if (c == '#') {
        skipComment();
      } else if (c == '\n' || c == '\r') {
        newline();
      } else if (c == '[') {
        header();
        endOfLine();
      } else {
        keyValue(current);
        endOfLine();
      }
    }
  }

  private void header() throws ConfigException {
    int headerLine = line;
    pos++;
    boolean array = !eof() && peek() == '[';
    if (array) {
      pos++;
    }
    List<String> path = keyPath();
    expect(']', "\"]\" to close the table header");
    if (array) {
      expect(']', "\"]]\" to close the array-of-tables header");
    }
    String name = String.join(".", path);
    TomlValue.Table parent = navigate(root, path.subList(0, path.size() - 1), headerLine);
    String last = path.getLast();
    TomlValue existing = parent.entries().get(last);
    if (array) {
      TomlValue.Table table = new TomlValue.Table(name, new LinkedHashMap<>(), headerLine);
      if (existing == null) {
        List<TomlValue.Table> tables = new ArrayList<>();
        tables.add(table);
        parent.entries().put(last, new TomlValue.TableArray(name, tables, headerLine));
      } else if (existing instanceof TomlValue.TableArray ta) {
        ta.tables().add(table);
      } else {
        throw error(headerLine, "[[" + name + "]] conflicts with " + describe(name, existing));
      }
      explicit.add(table);
      current = table;
    } else {
      if (existing == null) {
        TomlValue.Table table = new TomlValue.Table(name, new LinkedHashMap<>(), headerLine);
        parent.entries().put(last, table);
        existing = table;
      } else if (!(existing instanceof TomlValue.Table) || explicit.contains(existing)) {
        throw error(headerLine, "[" + name + "] conflicts with " + describe(name, existing));
      }
      explicit.add((TomlValue.Table) existing);
      current = (TomlValue.Table) existing;
    }
  }

  private static String describe(String name, TomlValue existing) {
    String what =
        switch (existing) {
          case TomlValue.TableArray a -> "[[" + name + "]]";
          case TomlValue.Table t -> "table [" + name + "]";
          default -> "key \"" + name + "\"";
        };
    return what + " on line " + existing.line();
  }

  /** Walks (creating implicit tables) to the table {@code path} names below {@code from}. */
  private TomlValue.Table navigate(TomlValue.Table from, List<String> path, int at)
      throws ConfigException {
    TomlValue.Table table = from;
    StringBuilder name = new StringBuilder(from.name());
    for (String key : path) {
      name.append(name.isEmpty() ? "" : ".").append(key);
      TomlValue next = table.entries().get(key);
      if (next == null) {
        TomlValue.Table created = new TomlValue.Table(name.toString(), new LinkedHashMap<>(), at);
        table.entries().put(key, created);
        table = created;
      } else if (next instanceof TomlValue.Table t) {
        table = t;
      } else if (next instanceof TomlValue.TableArray ta) {
        table = ta.tables().getLast();
      } else {
        throw error(at, "\"" + name + "\" is not a table: it was set on line " + next.line());
      }
    }
    return table;
  }

  private void keyValue(TomlValue.Table table) throws ConfigException {
    int keyLine = line;
    List<String> path = keyPath();
    expect('=', "\"=\" after the key");
    skipBlank();
    TomlValue.Table owner = navigate(table, path.subList(0, path.size() - 1), keyLine);
    String key = path.getLast();
    TomlValue previous = owner.entries().get(key);
    if (previous != null) {
      throw error(keyLine, "duplicate key \"" + String.join(".", path) + "\" (first set on line "
          + previous.line() + ")");
    }
    owner.entries().put(key, value(keyLine));
  }

  private List<String> keyPath() throws ConfigException {
    List<String> path = new ArrayList<>();
    while (true) {
      skipBlank();
      path.add(key());
      skipBlank();
      if (eof() || peek() != '.') {
        return path;
      }
      pos++;
    }
  }

  private String key() throws ConfigException {
    if (eof()) {
      throw error(line, "expected a key, got end of file");
    }
    char c = peek();
    if (c == '"' || c == '\'') {
      return string(line);
    }
    int start = pos;
    while (!eof() && isBareKeyChar(peek())) {
      pos++;
    }
    if (start == pos) {
      throw error(line, "expected a key, got " + rest());
    }
    return text.substring(start, pos);
  }

  private static boolean isBareKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-';
  }

  private TomlValue value(int at) throws ConfigException {
    if (eof() || peek() == '\n' || peek() == '\r' || peek() == '#') {
      throw error(at, "expected a value after \"=\"");
    }
    char c = peek();
    if (c == '"' || c == '\'') {
      return new TomlValue.Str(string(at), at);
    }
    if (c == '[') {
      return array(at);
    }
    if (c == '{') {
      throw error(at, "inline tables are not supported here; use a [table] header");
    }
    int start = pos;
    while (!eof() && " \t\r\n,]#".indexOf(peek()) < 0) {
      pos++;
    }
    String token = text.substring(start, pos);
    return switch (token) {
      case "true" -> new TomlValue.Bool(true, at);
      case "false" -> new TomlValue.Bool(false, at);
      default -> integer(token, at);
    };
  }

  private TomlValue integer(String token, int at) throws ConfigException {
    if (token.matches("[+-]?(0|[1-9](_?[0-9])*)")) {
      try {
        return new TomlValue.Int(Long.parseLong(token.replace("_", "")), at);
      } catch (NumberFormatException e) {
        throw error(at, "integer out of range: " + token);
      }
    }
    if (token.matches("[+-]?[0-9][0-9_]*([.eE][0-9eE+_.-]*)?|[+-]?(inf|nan)")) {
      throw error(at, "expected a string, integer, boolean or array, got " + token
          + " (floats are not used in this file)");
    }
    throw error(at, "expected a string, integer, boolean or array, got " + token
        + " (strings need quotes)");
  }

  private TomlValue array(int at) throws ConfigException {
    pos++;
    List<TomlValue> items = new ArrayList<>();
    while (true) {
      skipBlankLinesAndComments();
      if (eof()) {
        throw error(at, "unterminated array: expected \"]\"");
      }
      if (peek() == ']') {
        pos++;
        return new TomlValue.Arr(List.copyOf(items), at);
      }
      items.add(value(line));
      skipBlankLinesAndComments();
      if (!eof() && peek() == ',') {
        pos++;
      } else if (eof() || peek() != ']') {
        throw error(line, "expected \",\" or \"]\" in array, got " + rest());
      }
    }
  }

  private String string(int at) throws ConfigException {
    char quote = peek();
    if (text.startsWith(quote == '"' ? "\"\"\"" : "'''", pos)) {
      throw error(at, "multi-line strings are not supported here");
    }
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (eof() || peek() == '\n' || peek() == '\r') {
        throw error(at, "unterminated string: expected a closing " + quote);
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c == '\\' && quote == '"') {
        escape(out, at);
      } else if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw error(at, "control character U+%04X in string".formatted((int) c));
      } else {
        out.append(c);
      }
    }
  }

  private void escape(StringBuilder out, int at) throws ConfigException {
    if (eof()) {
      throw error(at, "unterminated string: expected a closing \"");
    }
    char e = text.charAt(pos++);
    switch (e) {
      case 'b' -> out.append('\b');
      case 't' -> out.append('\t');
      case 'n' -> out.append('\n');
      case 'f' -> out.append('\f');
      case 'r' -> out.append('\r');
      case '"' -> out.append('"');
      case '\\' -> out.append('\\');
      case 'u', 'U' -> {
        int len = e == 'u' ? 4 : 8;
        String hex = pos + len <= text.length() ? text.substring(pos, pos + len) : "";
        if (!hex.matches("[0-9a-fA-F]{" + len + "}")) {
          throw error(at, "bad unicode escape \\" + e + hex);
        }
        int cp = (int) Long.parseLong(hex, 16);
        if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
          throw error(at, "bad unicode escape \\" + e + hex);
        }
        out.appendCodePoint(cp);
        pos += len;
      }
      default -> throw error(at, "bad escape \\" + e + " in string");
    }
  }

  private void endOfLine() throws ConfigException {
    skipBlank();
    if (eof()) {
      return;
    }
    char c = peek();
    if (c == '#') {
      skipComment();
    } else if (c == '\n' || c == '\r') {
      newline();
    } else {
      throw error(line, "unexpected " + rest() + " after the value (one key = value per line)");
    }
  }

  private void skipBlankLinesAndComments() throws ConfigException {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '#') {
        skipComment();
      } else if (c == '\n' || c == '\r') {
        newline();
      } else {
        return;
      }
    }
  }

  private void skipBlank() {
    while (!eof() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  private void skipComment() throws ConfigException {
    while (!eof() && peek() != '\n' && peek() != '\r') {
      char c = text.charAt(pos++);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw error(line, "control character U+%04X in comment".formatted((int) c));
      }
    }
  }

  private void newline() throws ConfigException {
    if (peek() == '\r') {
      pos++;
      if (eof() || peek() != '\n') {
        throw error(line, "bare carriage return (lines end with LF or CRLF)");
      }
    }
    pos++;
    line++;
  }

  private void expect(char c, String what) throws ConfigException {
    skipBlank();
    if (eof() || peek() != c) {
      throw error(line, "expected " + what + ", got " + rest());
    }
    pos++;
  }

  /** The rest of the current line, quoted, for "got ..." messages. */
  private String rest() {
    if (eof()) {
      return "end of file";
    }
    int end = pos;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    String s = text.substring(pos, Math.min(end, pos + 40));
    return s.isEmpty() ? "end of line" : "\"" + s + "\"";
  }

  private boolean eof() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private ConfigException error(int at, String problem) {
    return new ConfigException(file, at, problem);
  }
}
