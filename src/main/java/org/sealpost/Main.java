package org.sealpost;

import org.sealpost.cli.SealpostCommand;
import picocli.CommandLine;

/** Entry point: hands the command line to the {@code sealpost} CLI. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new SealpostCommand()).execute(args));
  }
}
