package org.sealpost.dns.universe;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sealpost.dns.RecordType;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * One zone of the {@link DnsUniverse}, built fluently. Names are absolute ({@code
 * "mx1.dest.test"}), or {@code "@"} for the apex. A zone is unsigned (an insecure delegation)
 * until {@link #signed()}; the fault methods break it on purpose. Every change re-signs the
 * universe on the next query.
 */
public final class Zone {

  /** One RRset of the zone, for per-RRset faults. */
  record Key(Name name, int type) {}

  final Name apex;
  final KeyPair keyPair;
  private final DnsUniverse universe;
  final Map<Name, Map<Integer, List<Record>>> data = new LinkedHashMap<>();
  final Set<Key> servfailRrsets = new HashSet<>();
  final Set<Key> silentRrsets = new HashSet<>();
  final Set<Key> badSignatureRrsets = new HashSet<>();
  boolean signed;
  boolean badSignatures;
  boolean expiredSignatures;
  boolean wrongDs;
  boolean missingDs;
  boolean servfail;
  boolean unresponsive;
  boolean truncateUdp;
  long ttl = 300;

  Zone(DnsUniverse universe, Name apex, KeyPair keyPair) {
    this.universe = universe;
    this.apex = apex;
    this.keyPair = keyPair;
  }

  public String name() {
    return apex.toString();
  }

  /** Signs the zone (ECDSA P-256, one CSK) and publishes its DS in the parent. */
  public Zone signed() {
    return change(() -> signed = true);
  }

  /** Signed, but every signature is corrupted: answers are bogus. */
  public Zone badSignatures() {
    return change(() -> { signed = true; badSignatures = true; });
  }

  /** Signed, but the signature over this one RRset is corrupted. */
  public Zone badSignature(String name, RecordType type) {
    return change(() -> { signed = true; badSignatureRrsets.add(new Key(name(name), type.code())); });
  }

  /** Signed with signatures that expired a day before the universe's clock (bogus). */
  public Zone expiredSignatures() {
    return change(() -> { signed = true; expiredSignatures = true; });
  }

  /** Signed, but the parent's DS matches no key: the chain of trust is broken (bogus). */
  public Zone wrongDs() {
    return change(() -> { signed = true; wrongDs = true; });
  }

  /** Signed, but the parent publishes no DS: validators treat the zone as insecure. */
  public Zone missingDs() {
    return change(() -> { signed = true; missingDs = true; });
  }

  /** Every query for a name in this zone is answered SERVFAIL. */
  public Zone servfail() {
    return change(() -> servfail = true);
  }

  /** Queries for this one RRset are answered SERVFAIL. */
  public Zone servfail(String name, RecordType type) {
    return change(() -> servfailRrsets.add(new Key(name(name), type.code())));
  }

  /** Queries for names in this zone are never answered (timeout). */
  public Zone unresponsive() {
    return change(() -> unresponsive = true);
  }

  /** Queries for this one RRset are never answered. */
  public Zone unresponsive(String name, RecordType type) {
    return change(() -> silentRrsets.add(new Key(name(name), type.code())));
  }

  /** UDP answers come back empty with TC set; the client must retry over TCP. */
  public Zone truncateUdp() {
    return change(() -> truncateUdp = true);
  }

  /** TTL for records added from now on, and for SOA minimum (negative caching). */
  public Zone ttl(long seconds) {
    return change(() -> ttl = seconds);
  }

  /** MX at the apex. */
  public Zone mx(int preference, String exchange) {
    return add(new MXRecord(apex, DClass.IN, ttl, preference, absolute(exchange)));
  }

  /** {@code MX 0 .} at the apex (RFC 7505). */
  public Zone nullMx() {
    return add(new MXRecord(apex, DClass.IN, ttl, 0, Name.root));
  }

  public Zone mx(String owner, int preference, String exchange) {
    return add(new MXRecord(name(owner), DClass.IN, ttl, preference, absolute(exchange)));
  }

  public Zone a(String owner, String ip) {
    return add(new ARecord(name(owner), DClass.IN, ttl, InetAddress.ofLiteral(ip)));
  }

  public Zone aaaa(String owner, String ip) {
    return add(new AAAARecord(name(owner), DClass.IN, ttl, InetAddress.ofLiteral(ip)));
  }

  public Zone txt(String owner, String... strings) {
    return add(new TXTRecord(name(owner), DClass.IN, ttl, List.of(strings)));
  }

  public Zone cname(String owner, String target) {
    return add(new CNAMERecord(name(owner), DClass.IN, ttl, absolute(target)));
  }

  public Zone tlsa(String owner, int usage, int selector, int matchingType, byte[] data) {
    return add(new TLSARecord(name(owner), DClass.IN, ttl, usage, selector, matchingType, data));
  }

  /**
   * TLSA for a certificate: selector 0 = whole certificate, 1 = SubjectPublicKeyInfo; matching
   * type 0 = full, 1 = SHA-256, 2 = SHA-512 (RFC 6698 §2.1).
   */
  public Zone tlsa(String owner, int usage, int selector, int matchingType, X509Certificate cert) {
    try {
      byte[] selected = selector == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
      byte[] data = switch (matchingType) {
        case 0 -> selected;
        case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
        case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
        default -> throw new IllegalArgumentException("matching type " + matchingType);
      };
      return tlsa(owner, usage, selector, matchingType, data);
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Removes every record of a type at a name (to change answers between lookups). */
  public Zone remove(String owner, RecordType type) {
    return change(() -> {
      Map<Integer, List<Record>> node = data.get(name(owner));
      if (node != null) {
        node.remove(type.code());
      }
    });
  }

  private Zone add(Record r) {
    return change(() -> data.computeIfAbsent(r.getName(), n -> new LinkedHashMap<>())
        .computeIfAbsent(r.getType(), t -> new ArrayList<>()).add(r));
  }

  private Zone change(Runnable r) {
    universe.mutate(r);
    return this;
  }

  Name name(String text) {
    Name n = "@".equals(text) ? apex : absolute(text);
    if (!n.subdomain(apex)) {
      throw new IllegalArgumentException(text + " is not in zone " + apex);
    }
    return n;
  }

  static Name absolute(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad name " + text, e);
    }
  }

  /** The key's owner-visible list view, for the signer. */
  List<Record> records(Name n, int type) {
    Map<Integer, List<Record>> node = data.get(n);
    return node == null ? List.of() : node.getOrDefault(type, List.of());
  }
}
