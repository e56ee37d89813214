package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TomlReaderTest {

  private static TomlValue.Table parse(String text) throws ConfigException {
    return TomlReader.parse("t.toml", text);
  }

  @Test
  void keepsTheLineOfEveryValue() throws Exception {
    TomlValue.Table root = parse("# c\n\n[a]\nx = 1\n\n[[b]]\ny = \"s\"\n[[b]]\nz = [\n \"p\",\n \"q\"]\n");
    TomlValue.Table a = (TomlValue.Table) root.entries().get("a");
    assertThat(a.line()).isEqualTo(3);
    assertThat(a.entries().get("x")).isEqualTo(new TomlValue.Int(1, 4));
    TomlValue.TableArray b = (TomlValue.TableArray) root.entries().get("b");
    assertThat(b.tables()).hasSize(2);
    assertThat(b.tables().get(0).entries().get("y")).isEqualTo(new TomlValue.Str("s", 7));
    TomlValue.Arr z = (TomlValue.Arr) b.tables().get(1).entries().get("z");
    assertThat(z.line()).isEqualTo(9);
    assertThat(z.items()).containsExactly(new TomlValue.Str("p", 10), new TomlValue.Str("q", 11));
  }

  @Test
  void readsEscapesLiteralStringsAndCrlf() throws Exception {
    TomlValue.Table root = parse("[s]\r\nb = \"a\\tb\\\"c\\u00e9\\\\\"\r\nl = 'C:\\dir'\r\nt = true\r\n");
    TomlValue.Table s = (TomlValue.Table) root.entries().get("s");
    assertThat(((TomlValue.Str) s.entries().get("b")).value()).isEqualTo("a\tb\"c\u00e9\\");
    assertThat(((TomlValue.Str) s.entries().get("l")).value()).isEqualTo("C:\\dir");
    assertThat(s.entries().get("t")).isEqualTo(new TomlValue.Bool(true, 4));
  }

  @Test
  void nestsArraysOfTablesUnderTables() throws Exception {
    TomlValue.Table root = parse("[auth]\n[[auth.user]]\nname = \"a\"\n[[auth.user]]\nname = \"b\"\n");
    TomlValue.Table auth = (TomlValue.Table) root.entries().get("auth");
    assertThat(((TomlValue.TableArray) auth.entries().get("user")).tables()).hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      x = 1 2                   | t.toml:1: unexpected "2" after the value (one key = value per line)
      x = 99999999999999999999  | t.toml:1: integer out of range: 99999999999999999999
      x = 007                   | t.toml:1: expected a string, integer, boolean or array, got 007 (floats are not used in this file)
      x = "\\q"                 | t.toml:1: bad escape \\q in string
      x = {a = 1}               | t.toml:1: inline tables are not supported here; use a [table] header
      x = \"\"\"long\"\"\"      | t.toml:1: multi-line strings are not supported here
      x =                       | t.toml:1: expected a value after "="
      = 1                       | t.toml:1: expected a key, got "= 1"
      x = [1, 2                 | t.toml:1: expected "," or "]" in array, got end of file
      [a]\\n[[a]]               | t.toml:2: [[a]] conflicts with table [a] on line 1
      x = 1\\n[x]               | t.toml:2: [x] conflicts with key "x" on line 1
      x = 1\\rx = 2             | t.toml:1: bare carriage return (lines end with LF or CRLF)
      """)
  void refusesMalformedInputWithItsLine(String input, String error) {
    String text = input.strip().replace("\\n", "\n").replace("\\r", "\r");
    assertThatThrownBy(() -> parse(text)).isInstanceOf(ConfigException.class).hasMessage(error);
  }

  @Test
  void everyPrefixOfAValidFileEitherParsesOrFailsWithALine() throws Exception {
    String text = "[server]\nhostname = \"mx.example.org\" # c\n[[listener]]\nport = 25\nx = [\"a\",\n \"b\"]\n";
    for (int i = 0; i <= text.length(); i++) {
      try {
        parse(text.substring(0, i));
      } catch (ConfigException e) {
        assertThat(e.line()).as(List.of(i, e.getMessage()).toString()).isBetween(1, 6);
      }
    }
  }
}
