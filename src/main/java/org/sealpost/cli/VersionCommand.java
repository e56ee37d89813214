package org.sealpost.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code sealpost version}: prints the version and the Java runtime. */
@Command(name = "version", description = "Print the Sealpost version.")
final class VersionCommand implements Callable<Integer> {

  static String version() {
    String v = VersionCommand.class.getPackage().getImplementationVersion();
    return "Sealpost " + (v == null ? "0.1.0-SNAPSHOT" : v);
  }

  @Override
  public Integer call() {
    System.out.println(version() + " (Java " + Runtime.version() + ")");
    return 0;
  }

  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
