package org.sealpost.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.sealpost.Main;
import org.sealpost.config.SealpostConfig;
import org.sealpost.tls.TlsMaterialException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sealpost serve [--config FILE]}: runs the MTA until it is stopped (SIGTERM, Ctrl-C). */
@Command(name = "serve", description = "Run Sealpost (embedded defaults unless --config is given).",
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "the sealpost.toml to use")
  @Nullable Path config;

  @Override
  public Integer call() throws Exception {
    SealpostConfig cfg = ConfigOption.load(config, spec.commandLine().getErr());
    if (cfg == null) {
      return ConfigCommand.BAD_CONFIG;
    }
    Main.Running running;
    try {
      running = Main.start(cfg);
    } catch (TlsMaterialException | IOException e) {
      spec.commandLine().getErr().println("sealpost: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }
}
