package org.sealpost.bench;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code send}: N messages over C connections, M per connection, after an unmeasured warm-up of
 * the same shape. Prints one {@code key=value} line that bench/accept.sh reads.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send N messages over C concurrent connections and print rate and latency.")
final class SendCommand implements Callable<Integer> {

  @Mixin TargetOptions target = new TargetOptions();

  @Option(names = {"-n", "--messages"}, description = "messages to measure (default 2000)")
  int messages = 2000;

  @Option(names = {"-c", "--connections"}, description = "concurrent connections (default 10)")
  int connections = 10;

  @Option(names = {"-m", "--per-connection"}, description = "messages per connection (default 10)")
  int perConnection = 10;

  @Option(names = "--warmup", description = "messages sent first, not measured (default 0)")
  int warmup;

  @Override
  public Integer call() throws Exception {
    SessionPlan plan = target.plan();
    SendRun run = new SendRun(plan, connections, perConnection);
    long serial = System.currentTimeMillis() * 1000;
    if (warmup > 0) {
      SendRun.Result w = run.run(warmup, serial);
      serial += warmup;
      if (w.failed() > 0) {
        System.out.println("warmup failed=" + w.failed() + " first_error=\"" + w.firstError() + "\"");
      }
    }
    long startMillis = System.currentTimeMillis(); // relay.sh: the path starts at the first MAIL
    SendRun.Result r = run.run(messages, serial);
    System.out.println(String.format(Locale.ROOT,
        "send target=%s tls=%s connections=%d per_connection=%d size=%d messages=%d accepted=%d"
            + " failed=%d seconds=%.3f rate=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f start_ms=%d%s",
        plan.target(), plan.label(), connections, perConnection, plan.messageSize(), messages,
        r.accepted(), r.failed(), r.seconds(), r.perSecond(), r.latencies().percentileMillis(50),
        r.latencies().percentileMillis(99), r.latencies().maxMillis(), startMillis,
        r.firstError().isEmpty() ? "" : " first_error=\"" + r.firstError().replace('"', '\'') + "\""));
    return r.failed() == 0 ? 0 : LoadGenerator.SOME_FAILED;
  }
}
