package org.sealpost.queue;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.OriginalRecipient;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsFacts;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

/**
 * The envelope section of a queue file, format version 1. Fields are written in a fixed order,
 * big-endian; a string is a 4-byte length and strict UTF-8; an optional value is a presence byte (0
 * or 1) and the value; enums are written as their explicit {@code code()} strings, never their
 * ordinal, so reordering an enum cannot change the meaning of a stored message (style.md, Postfix's
 * queue-file rule). Changing anything here means a new format version and a golden file for it.
 *
 * <p>Order: queue id; arrival (epoch seconds, nanos); client address, port, HELO name, listener, TLS
 * facts?, authenticated user?; reverse path? (local part, domain); recipients (count, then each:
 * local part, domain, NOTIFY codes sorted, ORCPT? type and address); BODY code; SMTPUTF8; SIZE;
 * ENVID?; RET code; TLS requirement code (RFC 8689 §4.1, RT-19); verification floor code.
 */
final class EnvelopeCodec {

  static final int VERSION = 1;

  private EnvelopeCodec() {}

  static byte[] encode(Envelope e) {
    BinaryWriter w = new BinaryWriter();
    w.string(e.queueId().value());
    w.int64(e.arrival().getEpochSecond());
    w.int32(e.arrival().getNano());
    ClientInfo c = e.client();
    w.string(c.address());
    w.int32(c.port());
    w.string(c.heloName());
    w.string(c.listener());
    TlsFacts tls = c.tls();
    w.present(tls != null);
    if (tls != null) {
      w.string(tls.protocol());
      w.string(tls.cipherSuite());
    }
    w.optionalString(c.authenticatedUser());
    MailAddress from = e.reversePath();
    w.present(from != null);
    if (from != null) {
      w.address(from);
    }
    w.int32(e.recipients().size());
    for (Recipient r : e.recipients()) {
      w.address(r.address());
      List<Notify> notify = new ArrayList<>(r.notifyOn());
      notify.sort(Comparator.comparing(Notify::code)); // Set order is unspecified; bytes must not be
      w.int32(notify.size());
      for (Notify n : notify) {
        w.string(n.code());
      }
      OriginalRecipient orcpt = r.orcpt();
      w.present(orcpt != null);
      if (orcpt != null) {
        w.string(orcpt.addressType());
        w.string(orcpt.address());
      }
    }
    w.string(e.body().code());
    w.bool(e.smtpUtf8());
    w.int64(e.declaredSize());
    w.optionalString(e.envId());
    w.string(e.ret().code());
    w.string(e.tlsRequirement().code());
    w.string(e.verificationFloor().code());
    return w.bytes();
  }

  static Envelope decode(byte[] bytes) throws CorruptQueueFileException {
    BinaryReader r = new BinaryReader(ByteBuffer.wrap(bytes));
    try {
      QueueId id = new QueueId(r.string());
      Instant arrival = r.instant();
      String address = r.string();
      int port = r.int32();
      String helo = r.string();
      String listener = r.string();
      TlsFacts tls = r.present() ? new TlsFacts(r.string(), r.string()) : null;
      String user = r.optionalString();
      ClientInfo client = new ClientInfo(address, port, helo, listener, tls, user);
      MailAddress from = r.present() ? r.address() : null;
      int count = r.count();
      List<Recipient> recipients = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        MailAddress to = r.address();
        int notifyCount = r.count();
        Set<Notify> notify = EnumSet.noneOf(Notify.class);
        for (int n = 0; n < notifyCount; n++) {
          notify.add(Notify.fromCode(r.string()));
        }
        OriginalRecipient orcpt = r.present() ? new OriginalRecipient(r.string(), r.string()) : null;
        recipients.add(new Recipient(to, notify, orcpt));
      }
      BodyType body = BodyType.fromCode(r.string());
      boolean smtpUtf8 = r.bool();
      long size = r.int64();
      String envId = r.optionalString();
      Ret ret = Ret.fromCode(r.string());
      TlsRequirement requirement = TlsRequirement.fromCode(r.string());
      VerificationFloor floor = VerificationFloor.fromCode(r.string());
      r.expectEnd("envelope");
      return new Envelope(
          id, arrival, client, from, recipients, body, smtpUtf8, size, envId, ret, requirement, floor);
    } catch (BufferUnderflowException e) {
      throw new CorruptQueueFileException("envelope truncated", e);
    } catch (IllegalArgumentException | DateTimeException e) {
      // Unknown enum code, bad queue id, impossible field value: the bytes are not ours.
      throw new CorruptQueueFileException("envelope invalid: " + e.getMessage(), e);
    }
  }
}
