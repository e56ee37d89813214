package org.sealpost.dns.universe;

import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers as an authoritative server for every zone of the universe at once, as knot does in the
 * interop setup: the deepest zone containing the name answers, except DS at a zone apex, which the
 * parent answers (RFC 4035 §3.1.4.1). CNAMEs are followed into every zone served here, as BIND
 * does for zones it is authoritative for, so a validator sees whole chains. Negative
 * answers carry the SOA and, when signed, the NSEC records that prove them (RFC 4035 §3.1.3).
 */
final class Responder implements DnsServer.Handler {

  private final DnsUniverse universe;
  final AtomicInteger queries = new AtomicInteger();

  Responder(DnsUniverse universe) {
    this.universe = universe;
  }

  @Override
  public byte @Nullable [] handle(byte[] wire, boolean udp) {
    Message q;
    try {
      q = new Message(wire);
    } catch (IOException e) {
      return null;
    }
    queries.incrementAndGet();
    Record question = q.getQuestion();
    Message r = new Message(q.getHeader().getID());
    Header h = r.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(Opcode.QUERY);
    if (q.getHeader().getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (question == null) {
      h.setRcode(Rcode.FORMERR);
      return r.toWire();
    }
    r.addRecord(question, Section.QUESTION);
    OPTRecord qopt = q.getOPT();
    boolean dnssec = qopt != null && (qopt.getFlags() & ExtendedFlags.DO) != 0;
    if (qopt != null) {
      r.addRecord(new OPTRecord(1232, 0, 0, dnssec ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    }
    Name qname = question.getName();
    int qtype = question.getType();
    ZoneSnapshot z = universe.snapshotFor(qname, qtype);
    if (z == null) {
      h.setRcode(Rcode.REFUSED);
      return r.toWire();
    }
    Zone.Key key = new Zone.Key(qname, qtype);
    if (z.zone.unresponsive || z.zone.silentRrsets.contains(key)) {
      return null;
    }
    if (z.zone.servfail || z.zone.servfailRrsets.contains(key)) {
      h.setRcode(Rcode.SERVFAIL);
      return r.toWire();
    }
    if (udp && z.zone.truncateUdp) {
      h.setFlag(Flags.TC);
      return r.toWire();
    }
    h.setFlag(Flags.AA);
    answer(r, z, qname, qtype, dnssec);
    byte[] out = r.toWire();
    if (udp && out.length > 1232) {
      Message t = new Message(q.getHeader().getID());
      t.getHeader().setFlag(Flags.QR);
      t.getHeader().setFlag(Flags.TC);
      t.addRecord(question, Section.QUESTION);
      return t.toWire();
    }
    return out;
  }

  private void answer(Message r, ZoneSnapshot z, Name qname, int qtype, boolean dnssec) {
    Name name = qname;
    for (int hop = 0; hop < 8; hop++) {
      Map<Integer, RRset> node = z.nodes.get(name);
      if (node != null && node.containsKey(qtype)) {
        add(r, Section.ANSWER, node.get(qtype), dnssec);
        return;
      }
      RRset cname = node == null || qtype == Type.CNAME ? null : node.get(Type.CNAME);
      if (cname == null) {
        negative(r, z, name, node != null || isEmptyNonTerminal(z, name), dnssec);
        return;
      }
      add(r, Section.ANSWER, cname, dnssec);
      Name target = ((CNAMERecord) cname.first()).getTarget();
      ZoneSnapshot next = universe.snapshotFor(target, qtype);
      if (next == null) {
        return; // Not served here: the resolver asks again.
      }
      z = next;
      name = target;
    }
  }

  private void negative(Message r, ZoneSnapshot z, Name name, boolean exists, boolean dnssec) {
    if (!exists) {
      r.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    add(r, Section.AUTHORITY, z.nodes.get(z.zone.apex).get(Type.SOA), dnssec);
    if (!dnssec || z.dnskey == null) {
      return;
    }
    RRset proof = covering(z, name);
    add(r, Section.AUTHORITY, proof, dnssec);
    if (!exists) {
      // RFC 4035 §3.1.3.2: also prove that no wildcard at the closest encloser exists.
      Name encloser = name;
      while (!encloser.equals(z.zone.apex)) {
        encloser = new Name(encloser, 1);
        if (z.nodes.containsKey(encloser) || isEmptyNonTerminal(z, encloser)) {
          break;
        }
      }
      try {
        RRset wild = covering(z, Name.concatenate(Name.fromConstantString("*"), encloser));
        if (!wild.first().getName().equals(proof.first().getName())) {
          add(r, Section.AUTHORITY, wild, dnssec);
        }
      } catch (org.xbill.DNS.NameTooLongException e) {
        // No wildcard can exist under a name that long.
      }
    }
  }

  /** The NSEC RRset at the greatest owner not after {@code name} in canonical order. */
  private static RRset covering(ZoneSnapshot z, Name name) {
    Map.Entry<Name, Map<Integer, RRset>> e = z.nodes.floorEntry(name);
    if (e == null) {
      e = z.nodes.lastEntry();
    }
    return e.getValue().get(Type.NSEC);
  }

  private static boolean isEmptyNonTerminal(ZoneSnapshot z, Name name) {
    NavigableMap<Name, Map<Integer, RRset>> after = z.nodes.tailMap(name, false);
    return !after.isEmpty() && after.firstKey().subdomain(name);
  }

  private static void add(Message r, int section, RRset set, boolean dnssec) {
    for (Record rec : set.rrs(false)) {
      r.addRecord(rec, section);
    }
    if (dnssec) {
      for (Record sig : set.sigs()) {
        r.addRecord(sig, section);
      }
    }
  }
}
