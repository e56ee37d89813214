package org.sealpost.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sealpost passwd}: reads a password (twice without echo on a terminal, or one line from
 * standard input otherwise) and prints the {@code password_hash} line for {@code [[auth.user]]}.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
    description = "Hash a password for [[auth.user]] password_hash.")
final class PasswdCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final @Nullable Console console;
  private final InputStream stdin;

  PasswdCommand() {
    this(terminal(), System.in);
  }

  PasswdCommand(@Nullable Console console, InputStream stdin) {
    this.console = console;
    this.stdin = stdin;
  }

  private static @Nullable Console terminal() {
    Console c = System.console();
    return c != null && c.isTerminal() ? c : null;
  }

  @Override
  public Integer call() throws IOException {
    char[] password = console != null ? fromTerminal(console) : fromStdin();
    if (password == null) {
      return 1;
    }
    try {
      if (password.length == 0) {
        spec.commandLine().getErr().println("sealpost passwd: empty password refused");
        return 1;
      }
      spec.commandLine().getOut().println("password_hash = \"" + PasswordHash.hash(password) + "\"");
      return 0;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private char @Nullable [] fromTerminal(Console c) {
    char[] first = c.readPassword("Password: ");
    char[] second = first == null ? null : c.readPassword("Again: ");
    if (first == null || second == null) {
      return null;
    }
    boolean same = Arrays.equals(first, second);
    Arrays.fill(second, '\0');
    if (!same) {
      Arrays.fill(first, '\0');
      spec.commandLine().getErr().println("sealpost passwd: the passwords differ");
      return null;
    }
    return first;
  }

  private char[] fromStdin() throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    String line = r.readLine();
    return line == null ? new char[0] : line.toCharArray();
  }
}
