package org.sealpost.delivery.remote;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address state across messages (SMTP-5, RFC 5321 §4.5.4.1: "keep per-host state"): an address
 * whose TCP connect just failed is not tried again for a while, so the other messages to it move on
 * to the next address, or defer, without each waiting out its own connect timeout.
 *
 * <p>Only connect failures count. A host that answers and then refuses, or breaks off later, is
 * reachable and gets the next message as usual. Entries expire by themselves; the map holds only
 * addresses that failed within the last {@link #MEMORY}.
 */
final class UnreachableAddresses {

  /** How long a failed connect keeps an address from being tried again. */
  static final Duration MEMORY = Duration.ofMinutes(1);

  /** Why the address is being skipped, and until when. */
  record Failure(String reason, Instant until) {}

  private final Map<InetSocketAddress, Failure> failed = new ConcurrentHashMap<>();
  private final InstantSource clock;

  UnreachableAddresses(InstantSource clock) {
    this.clock = clock;
  }

  /** Remembers a failed connect to {@code address}. */
  void failed(InetSocketAddress address, String reason) {
    failed.put(address, new Failure(reason, clock.instant().plus(MEMORY)));
  }

  /** A connect worked: the address is reachable again. */
  void reached(InetSocketAddress address) {
    failed.remove(address);
  }

  /** The recent failure that rules {@code address} out now, if any. */
  Optional<Failure> recentFailure(InetSocketAddress address) {
    Failure f = failed.get(address);
    if (f == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(f.until())) {
      failed.remove(address, f);
      return Optional.empty();
    }
    return Optional.of(f);
  }
}
