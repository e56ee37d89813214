package org.sealpost.dns;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Answers by (name, type) until their TTL runs out, negative answers too (RFC 2308 §5), at most
 * {@code capacity} entries, least recently used evicted first. Failures are not cached: a SERVFAIL
 * or timeout is retried on the next lookup. Time comes from the injected clock.
 */
final class DnsCache {

  record Key(Name name, RecordType type) {}

  private record Cached(DnsResult<Record> result, Instant expires) {}

  private final InstantSource clock;
  private final int capacity;
  private final LinkedHashMap<Key, Cached> map;

  DnsCache(InstantSource clock, int capacity) {
    this.clock = clock;
    this.capacity = Math.max(0, capacity);
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > DnsCache.this.capacity;
          }
        };
  }

  synchronized @Nullable DnsResult<Record> get(Key key) {
    Cached e = map.get(key);
    if (e == null) {
      return null;
    }
    if (!clock.instant().isBefore(e.expires)) {
      map.remove(key);
      return null;
    }
    return e.result;
  }

  /** Keeps {@code result} for {@code ttlSeconds}; zero TTLs and failures are not kept. */
  synchronized void put(Key key, DnsResult<Record> result, long ttlSeconds) {
    if (capacity == 0 || ttlSeconds <= 0 || result.isFailure()) {
      return;
    }
    map.put(key, new Cached(result, clock.instant().plusSeconds(ttlSeconds)));
  }

  synchronized int size() {
    return map.size();
  }

  synchronized void clear() {
    map.clear();
  }
}
