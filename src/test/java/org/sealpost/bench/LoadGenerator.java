package org.sealpost.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -cp ... org.sealpost.bench.LoadGenerator send|idle ...}: the acceptance load
 * generator. Exit codes: 0 all done, 2 bad usage or a target off loopback, 3 some messages or
 * sessions failed.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
    subcommands = {SendCommand.class, IdleCommand.class},
    description = "SMTP acceptance load generator (loopback targets only).")
public final class LoadGenerator implements Runnable {

  static final int SOME_FAILED = 3;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LoadGenerator());
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        line.getErr().println("loadgen: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cl;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
