package org.sealpost.bench;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code idle}: opens C sessions and holds them silent for a while; prints {@code holding ...} once
 * they are all open, which is when the caller reads the server's heap.
 */
@Command(name = "idle", mixinStandardHelpOptions = true,
    description = "Open C sessions (EHLO, optional STARTTLS), hold them, then QUIT.")
final class IdleCommand implements Callable<Integer> {

  @Mixin TargetOptions target = new TargetOptions();

  @Option(names = {"-c", "--connections"}, description = "sessions to hold (default 2000)")
  int connections = 2000;

  @Option(names = "--parallel", description = "sessions being opened at once (default 50)")
  int parallel = 50;

  @Option(names = "--hold-seconds", description = "how long to hold them (default 60)")
  int holdSeconds = 60;

  @Override
  public Integer call() throws Exception {
    SessionPlan plan = target.plan();
    try (IdleHold.Held held = new IdleHold(plan).open(connections, parallel)) {
      System.out.println(String.format(Locale.ROOT,
          "holding target=%s tls=%s connections=%d open=%d failed=%d open_seconds=%.2f%s",
          plan.target(), plan.label(), connections, held.sessions().size(), held.failed(),
          held.openNanos() / 1e9,
          held.firstError().isEmpty() ? "" : " first_error=\"" + held.firstError() + "\""));
      System.out.flush();
      Thread.sleep(holdSeconds * 1000L);
      System.out.println("released open=" + held.sessions().size());
      return held.failed() == 0 ? 0 : LoadGenerator.SOME_FAILED;
    }
  }
}
