package org.sealpost.dns.universe;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * A zone as served: its RRsets by owner name in canonical order (RFC 4034 §6.1), with SOA, NS,
 * delegations to child zones, and, when signed, DNSKEY, DS for signed children, an NSEC chain
 * (RFC 4034 §4) and RRSIGs (RFC 4035 §2.2) — or the deliberate faults the zone asked for.
 */
final class ZoneSnapshot {

  /** ECDSA P-256 with SHA-256 (RFC 6605), the algorithm knot and most zones use today. */
  static final int ALGORITHM = DNSSEC.Algorithm.ECDSAP256SHA256;

  final Zone zone;
  final TreeMap<Name, Map<Integer, RRset>> nodes = new TreeMap<>();
  final @Nullable DNSKEYRecord dnskey;

  ZoneSnapshot(Zone zone, List<Zone> children, InetAddress serverIp, Instant now) throws Exception {
    this.zone = zone;
    Name apex = zone.apex;
    long ttl = zone.ttl;
    Name ns = new Name("ns", apex);
    put(new SOARecord(apex, DClass.IN, ttl, ns, new Name("hostmaster", apex), 1, 3600, 900,
        604800, ttl));
    put(new NSRecord(apex, DClass.IN, ttl, ns));
    put(new ARecord(ns, DClass.IN, ttl, serverIp));
    zone.data.forEach((name, byType) -> byType.values().forEach(list -> list.forEach(this::put)));
    dnskey = zone.signed ? key(zone) : null;
    if (dnskey != null) {
      put(dnskey);
    }
    for (Zone child : children) {
      put(new NSRecord(child.apex, DClass.IN, ttl, new Name("ns", child.apex)));
      if (child.signed && !child.missingDs) {
        DNSKEYRecord childKey = key(child);
        DSRecord ds = new DSRecord(child.apex, DClass.IN, ttl, DNSSEC.Digest.SHA256, childKey);
        if (child.wrongDs) {
          ds = new DSRecord(child.apex, DClass.IN, ttl, ds.getFootprint(), ds.getAlgorithm(),
              ds.getDigestID(), new byte[32]);
        }
        put(ds);
      }
    }
    if (dnskey != null) {
      addNsecChain(ttl);
      sign(now);
    }
  }

  static DNSKEYRecord key(Zone z) throws DNSSEC.DNSSECException {
    return new DNSKEYRecord(z.apex, DClass.IN, z.ttl, 257, 3, ALGORITHM, z.keyPair.getPublic());
  }

  /** The DS a parent (or a trust anchor file) publishes for this zone's key. */
  static DSRecord ds(Zone z) throws DNSSEC.DNSSECException {
    return new DSRecord(z.apex, DClass.IN, z.ttl, DNSSEC.Digest.SHA256, key(z));
  }

  private void put(Record r) {
    nodes.computeIfAbsent(r.getName(), n -> new HashMap<>())
        .computeIfAbsent(r.getType(), t -> new RRset())
        .addRR(r);
  }

  boolean isDelegation(Name n) {
    Map<Integer, RRset> node = nodes.get(n);
    return !n.equals(zone.apex) && node != null && node.containsKey(Type.NS);
  }

  /** RFC 4034 §4.1.2: each NSEC lists the types at its owner, plus RRSIG and NSEC. */
  private void addNsecChain(long ttl) {
    List<Name> owners = new ArrayList<>(nodes.keySet());
    for (int i = 0; i < owners.size(); i++) {
      Name owner = owners.get(i);
      Name next = owners.get((i + 1) % owners.size());
      List<Integer> types = new ArrayList<>(nodes.get(owner).keySet());
      types.add(Type.RRSIG);
      types.add(Type.NSEC);
      int[] bitmap = types.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
      put(new NSECRecord(owner, DClass.IN, ttl, next, bitmap));
    }
  }

  /** Signs every authoritative RRset; delegation NS records are not signed (RFC 4035 §2.2). */
  private void sign(Instant now) throws DNSSEC.DNSSECException {
    Instant inception = zone.expiredSignatures ? now.minus(Duration.ofDays(30)) : now.minus(Duration.ofHours(1));
    Instant expiration = zone.expiredSignatures ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(30));
    for (Map.Entry<Name, Map<Integer, RRset>> e : nodes.entrySet()) {
      boolean cut = isDelegation(e.getKey());
      for (RRset set : e.getValue().values()) {
        if (cut && set.getType() != Type.DS && set.getType() != Type.NSEC) {
          continue;
        }
        RRSIGRecord sig = DNSSEC.sign(set, dnskey, zone.keyPair.getPrivate(), inception, expiration);
        if (zone.badSignatures
            || zone.badSignatureRrsets.contains(new Zone.Key(e.getKey(), set.getType()))) {
          sig = corrupt(sig);
        }
        set.addRR(sig);
      }
    }
  }

  private static RRSIGRecord corrupt(RRSIGRecord s) {
    byte[] bytes = s.getSignature();
    bytes[bytes.length / 2] ^= 0x5a;
    return new RRSIGRecord(s.getName(), s.getDClass(), s.getTTL(), s.getTypeCovered(),
        s.getAlgorithm(), s.getOrigTTL(), s.getExpire(), s.getTimeSigned(), s.getFootprint(),
        s.getSigner(), bytes);
  }
}
