package org.sealpost.cli;

import picocli.CommandLine.Command;

/** The top-level {@code sealpost} command; the work is in its subcommands. */
@Command(
    name = "sealpost",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "A mail transfer agent built around REQUIRETLS (RFC 8689).",
    subcommands = {
      ServeCommand.class,
      ConfigCommand.class,
      QueueCommand.class,
      DnsCommand.class,
      StsCommand.class,
      PasswdCommand.class,
      TlsRptCommand.class,
      VersionCommand.class
    })
public final class SealpostCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
