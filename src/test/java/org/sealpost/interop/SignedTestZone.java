package org.sealpost.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's knot + Unbound DNSSEC universe ({@code interop/dns/universe.sh}, also used by
 * {@code dns.KnotUnboundInteropIT}) started for the interop tests, with Unbound on port 53 so that
 * libc-resolver programs such as Postfix can use it, and with records added to the signed zone
 * {@code test.} while it runs.
 *
 * <p>knotd is authoritative for {@code test.} on a free port and signs it (ECDSA P-256, NSEC);
 * Unbound validates with knot's DS as its only trust anchor (interop-notes §5). Records are added
 * through knot's control socket in one transaction ({@code knotc zone-begin … zone-commit}); knot
 * re-signs the changed RRsets itself, and {@link #publish} returns only once knot serves them with
 * their RRSIGs, so the first query through Unbound already validates. Names used in tests are new
 * to Unbound, so nothing stale can sit in its cache (its TTL cap is 5 s anyway).
 *
 * <p>Needs root (port 53) and knotd, knotc, keymgr, kdig, unbound; the caller checks those.
 */
final class SignedTestZone implements AutoCloseable {

  static final String ZONE = "test.";
  private static final String SCRIPT = "interop/dns/universe.sh";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** One record to publish; {@code owner} is absolute, e.g. {@code _25._tcp.mx.a.test.}. */
  record ZoneRecord(String owner, String type, String data) {
    @Override
    public String toString() {
      return owner + " " + type + " " + data;
    }
  }

  private final Path base;
  private final String address;
  private final int authPort;

  private SignedTestZone(Path base, String address, int authPort) {
    this.base = base;
    this.address = address;
    this.authPort = authPort;
  }

  /** Starts knotd on a free port of {@code address} and Unbound on {@code address}:53. */
  static SignedTestZone start(Path base, String address) throws IOException {
    Files.createDirectories(base);
    int authPort = InteropPeers.freePort(address);
    SignedTestZone zone = new SignedTestZone(base, address, authPort);
    PeerRun started = zone.script("start");
    if (started.exitCode() != 0 || !Files.isRegularFile(zone.trustAnchor())) {
      zone.close();
      throw new AssertionError("the DNS universe did not start: " + started.describe());
    }
    return zone;
  }

  /** The validating resolver, {@code address:53} (what {@link #resolvConf} names). */
  InetSocketAddress validator() {
    return new InetSocketAddress(address, 53);
  }

  /** knotd, authoritative for {@code test.}, for a resolver that validates itself. */
  InetSocketAddress authoritative() {
    return new InetSocketAddress(address, authPort);
  }

  /** knot's DS records for {@code test.}, the trust anchor (new on every start). */
  Path trustAnchor() {
    return base.resolve("test.ds");
  }

  /**
   * A resolv.conf naming the validating Unbound. {@code trust-ad} makes glibc pass the AD bit on
   * (Postfix sets RES_TRUSTAD itself; other programs need the option, interop-notes pitfall 6).
   */
  Path resolvConf() throws IOException {
    Path file = base.resolve("resolv.conf");
    Files.writeString(file, "nameserver " + address + "\noptions trust-ad\n");
    return file;
  }

  /** Adds {@code records} to {@code test.} in one transaction and waits until knot serves them signed. */
  void publish(List<ZoneRecord> records) throws InterruptedException {
    knotc(List.of("zone-begin", ZONE));
    try {
      for (ZoneRecord r : records) {
        List<String> set = new ArrayList<>(List.of("zone-set", ZONE, r.owner(), "300", r.type()));
        set.addAll(List.of(r.data().split(" ")));
        knotc(set);
      }
    } catch (AssertionError e) {
      InteropPeers.run(COMMAND_TIMEOUT, knotcCommand(List.of("zone-abort", ZONE)));
      throw e;
    }
    knotc(List.of("zone-commit", ZONE));
    for (ZoneRecord r : records) {
      awaitSigned(r);
    }
  }

  private void awaitSigned(ZoneRecord r) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (true) {
      PeerRun dig = InteropPeers.run(COMMAND_TIMEOUT, List.of(
          InteropPeers.find("kdig").orElseThrow().toString(), "@" + address, "-p",
          Integer.toString(authPort), "+dnssec", "+norec", "+time=2", r.owner(), r.type()));
      if (dig.stdout().contains("RRSIG\t" + r.type())) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("knot does not serve " + r + " signed: " + dig.describe());
      }
      Thread.sleep(100);
    }
  }

  private void knotc(List<String> arguments) {
    PeerRun run = InteropPeers.run(COMMAND_TIMEOUT, knotcCommand(arguments));
    if (run.exitCode() != 0 || !run.stdout().strip().equals("OK")) {
      throw new AssertionError("knotc refused: " + run.describe());
    }
  }

  private List<String> knotcCommand(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(InteropPeers.find("knotc").orElseThrow().toString(),
        "-c", base.resolve("knot/knot.conf").toString()));
    command.addAll(arguments);
    return command;
  }

  private PeerRun script(String command) {
    return InteropPeers.run(COMMAND_TIMEOUT, List.of("bash",
        InteropPeers.resource(SCRIPT).toString(), command, base.toString(), address,
        Integer.toString(authPort), "53"));
  }

  /** Stops knotd and Unbound (the script kills them by the pids it recorded). */
  @Override
  public void close() {
    script("stop");
  }
}
