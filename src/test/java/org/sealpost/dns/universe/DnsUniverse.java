package org.sealpost.dns.universe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * An in-process authoritative DNS server on a loopback address, serving zones built in test code:
 * a signed root zone (the trust anchor), signed and unsigned child zones, and broken ones. See the
 * package documentation for a tour.
 */
public final class DnsUniverse implements AutoCloseable {

  private final InetAddress ip;
  private final Clock clock;
  private final Map<Name, Zone> zones = new TreeMap<>();
  private final Object lock = new Object();
  private final Responder responder;
  private final DnsServer server;
  private final List<AutoCloseable> extras = new ArrayList<>();
  private final Path dir;
  private volatile @Nullable Map<Name, ZoneSnapshot> snapshots;

  private DnsUniverse(InetAddress ip, Clock clock) throws IOException {
    this.ip = ip;
    this.clock = clock;
    this.dir = Files.createTempDirectory("sealpost-dns-universe");
    zones.put(Name.root, new Zone(this, Name.root, newKey()));
    zones.get(Name.root).signed = true;
    this.responder = new Responder(this);
    this.server = new DnsServer(ip, responder);
  }

  /** Starts a universe on 127.0.0.54 (any free port), signing with the wall clock. */
  public static DnsUniverse start() throws IOException {
    return start("127.0.0.54", Clock.systemUTC());
  }

  /** Starts on {@code ip} (a loopback address); signatures are made around {@code clock}'s now. */
  public static DnsUniverse start(String ip, Clock clock) throws IOException {
    return new DnsUniverse(InetAddress.ofLiteral(ip), clock);
  }

  /** The zone {@code name}, created (unsigned) if new; missing ancestors are created signed. */
  public Zone zone(String name) {
    Name n = Zone.absolute(name);
    synchronized (lock) {
      Zone z = zones.get(n);
      if (z == null) {
        Name parent = new Name(n, 1);
        if (n.labels() > 2 && !zones.containsKey(parent)) {
          zone(parent.toString()).signed = true;
        }
        z = new Zone(this, n, newKey());
        zones.put(n, z);
        snapshots = null;
      }
      return z;
    }
  }

  /** Where the authoritative server listens (UDP and TCP). */
  public InetSocketAddress address() {
    return server.address();
  }

  /** The trust anchor: the root zone's DS, in zone-file form. */
  public String trustAnchor() {
    try {
      return ZoneSnapshot.ds(zones.get(Name.root)).toString() + "\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The trust anchor written to a file, for {@link DnsConfig#trustAnchor()}. */
  public Path trustAnchorFile() {
    try {
      Path p = dir.resolve("anchor.ds");
      Files.writeString(p, trustAnchor());
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Config for Sealpost's resolver in {@code validate} or {@code off} mode against this server. */
  public DnsConfig config(DnsMode mode, Duration timeout) {
    signNow();
    InetSocketAddress a = address();
    return new DnsConfig(mode, List.of(a.getAddress().getHostAddress() + ":" + a.getPort()),
        trustAnchorFile(), false, timeout, 0, 10_000);
  }

  /**
   * Starts a validating recursive resolver in process (dnsjava's validator in front of this
   * universe) on {@code ip}; it sets AD on secure answers and answers SERVFAIL, with an Extended
   * DNS Error, for bogus ones. For Sealpost's {@code trust-ad} mode.
   */
  public InetSocketAddress startValidatingResolver(String frontIp) throws IOException {
    signNow();
    ValidatingFront front = new ValidatingFront(this, InetAddress.ofLiteral(frontIp));
    synchronized (lock) {
      extras.add(front);
    }
    return front.address();
  }

  /**
   * Signs every zone now rather than on the next query after a change, so that the first query of
   * a test with a short timeout does not wait for signing. {@link #config} calls it.
   */
  public DnsUniverse signNow() {
    snapshots();
    return this;
  }

  /** Queries the authoritative server has received (to prove answers came from a cache). */
  public int queryCount() {
    return responder.queries.get();
  }

  Clock clock() {
    return clock;
  }

  void mutate(Runnable change) {
    synchronized (lock) {
      change.run();
      snapshots = null;
    }
  }

  /** The zone that answers {@code name}/{@code type}: the deepest one, the parent for apex DS. */
  @Nullable ZoneSnapshot snapshotFor(Name name, int type) {
    Map<Name, ZoneSnapshot> s = snapshots();
    for (Name n = name; ; n = new Name(n, 1)) {
      ZoneSnapshot z = s.get(n);
      if (z != null && !(type == Type.DS && n.equals(name) && !n.equals(Name.root))) {
        return z;
      }
      if (n.equals(Name.root)) {
        return null;
      }
    }
  }

  private Map<Name, ZoneSnapshot> snapshots() {
    Map<Name, ZoneSnapshot> s = snapshots;
    if (s != null) {
      return s;
    }
    synchronized (lock) {
      if (snapshots != null) {
        return snapshots;
      }
      Map<Name, List<Zone>> children = new HashMap<>();
      for (Zone z : zones.values()) {
        if (!z.apex.equals(Name.root)) {
          children.computeIfAbsent(parentOf(z.apex), p -> new ArrayList<>()).add(z);
        }
      }
      Map<Name, ZoneSnapshot> built = new HashMap<>();
      try {
        for (Zone z : zones.values()) {
          built.put(z.apex, new ZoneSnapshot(z, children.getOrDefault(z.apex, List.of()), ip,
              clock.instant()));
        }
      } catch (Exception e) {
        throw new IllegalStateException("signing the universe failed", e);
      }
      snapshots = Map.copyOf(built);
      return snapshots;
    }
  }

  private Name parentOf(Name apex) {
    for (Name n = new Name(apex, 1); ; n = new Name(n, 1)) {
      if (zones.containsKey(n)) {
        return n;
      }
    }
  }

  private static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      for (AutoCloseable c : extras) {
        try {
          c.close();
        } catch (Exception e) {
          // Closing anyway.
        }
      }
    }
    server.close();
  }
}
