package org.sealpost.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.SealpostConfig;
import org.sealpost.report.tlsrpt.TlsReporting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sealpost tlsrpt}: SMTP TLS Reporting (RFC 8460). */
@Command(
    name = "tlsrpt",
    description = "SMTP TLS Reporting (RFC 8460).",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    subcommands = {TlsRptCommand.ShowCommand.class})
public final class TlsRptCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code sealpost tlsrpt show [--day YYYY-MM-DD] [--config FILE]}: the JSON report of each policy
   * domain for the day (default: yesterday, UTC): as sent when it was, else as it would be built now
   * from the stored results. A {@code #} line before each says which. Read-only; safe while the
   * server runs. Exit status 0, also when there is nothing to show; 1 when the store cannot be read.
   */
  @Command(
      name = "show",
      description = "Print the TLS reports of a day, as sent or as they would be sent.",
      mixinStandardHelpOptions = true,
      versionProvider = VersionCommand.Provider.class)
  static final class ShowCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "UTC day (default: yesterday).")
    @Nullable String day;

    @Option(names = "--config", paramLabel = "FILE", description = "the sealpost.toml to use")
    @Nullable Path config;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      SealpostConfig cfg = ConfigOption.load(config, err);
      if (cfg == null) {
        return ConfigCommand.BAD_CONFIG;
      }
      LocalDate date;
      try {
        date = day == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1) : LocalDate.parse(day);
      } catch (DateTimeParseException e) {
        err.println("sealpost: --day: expected YYYY-MM-DD, got \"" + day + "\"");
        err.flush();
        return 2;
      }
      List<TlsReporting.Shown> reports;
      try {
        reports = TlsReporting.show(cfg.tlsRpt(), date);
      } catch (IOException e) {
        err.println("sealpost: cannot read " + cfg.tlsRpt().storeDir() + ": " + e.getMessage());
        err.flush();
        return 1;
      }
      if (reports.isEmpty()) {
        out.println("# no TLS session results for " + date + " in " + cfg.tlsRpt().storeDir());
      }
      for (TlsReporting.Shown s : reports) {
        out.println("# " + s.report().policyDomain() + " " + date + ": "
            + (s.sent() ? "sent as " + s.report().filename()
                : "not sent; would be sent if the domain publishes a TLSRPT record"));
        out.print(s.report().json());
      }
      out.flush();
      return 0;
    }
  }
}
