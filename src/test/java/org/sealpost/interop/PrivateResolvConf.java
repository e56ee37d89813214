package org.sealpost.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Runs a libc-resolver program with a {@code /etc/resolv.conf} of the test's own, without touching
 * the machine's: a wrapper script starts the program in a private mount namespace ({@code unshare
 * -m}, whose mounts util-linux makes private, so nothing leaks out) where the test's file is
 * bind-mounted over {@code /etc/resolv.conf}.
 *
 * <p>Why: glibc's resolver only asks port 53 of the servers in {@code /etc/resolv.conf}
 * (interop-notes §6.2, pitfall 6), and a Postfix already running on the machine reads the real
 * file. Every process the wrapped program starts inherits the namespace, so wrapping {@code
 * postfix} covers its master and every smtp(8) client it forks. The wrapper has no arguments of its
 * own, so it stands in for the program wherever a path is expected ({@link PrivatePostfix#start}).
 */
final class PrivateResolvConf {

  private PrivateResolvConf() {}

  /**
   * Writes {@code wrapper}, an executable that runs {@code program} with the caller's arguments
   * and sees {@code resolvConf} as {@code /etc/resolv.conf}. Needs root and unshare (util-linux).
   */
  static Path wrap(Path program, Path resolvConf, Path wrapper) throws IOException {
    Path unshare = InteropPeers.find("unshare").orElseThrow();
    Path mount = InteropPeers.find("mount").orElseThrow();
    // $0 of the inner shell carries the resolv.conf path, "$@" the program and its arguments.
    String script = "#!/bin/sh\n"
        + "# Written by PostfixDaneInteropIT (PrivateResolvConf): " + program + " in a private mount"
        + " namespace with the test's resolv.conf.\n"
        + "exec " + unshare + " -m /bin/sh -c '" + mount + " --bind \"$0\" /etc/resolv.conf"
        + " && exec \"$@\"' " + quote(resolvConf) + " " + quote(program) + " \"$@\"\n";
    Files.writeString(wrapper, script);
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(resolvConf, PosixFilePermissions.fromString("rw-r--r--"));
    return wrapper;
  }

  private static String quote(Path p) {
    String s = p.toString();
    if (s.contains("'")) {
      throw new IllegalArgumentException("no quote characters in test paths: " + s);
    }
    return "'" + s + "'";
  }
}
