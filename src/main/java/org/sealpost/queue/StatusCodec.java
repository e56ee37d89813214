package org.sealpost.queue;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;

/**
 * The status record {@code spool/status/QUEUEID}, format version 2, with the field encoding of
 * {@link BinaryWriter}. Every enum is saved as an explicit code (outcome {@code delivered},
 * {@code deferred}, {@code failed}; {@link RecipientState#code()}; {@link TlsLevel#code()}), never
 * an ordinal. Changing anything here means version 3 and a golden file for it; every older
 * version stays readable, since a spool outlives an upgrade.
 *
 * <p>Version 2 added the hop's "DSN passed on" flag (DSN-3, DSN-4). Version 1 records lack it and
 * read as false: the hop took no DSN parameters, so a requested success report is still ours to
 * send ("relayed"), which errs toward telling the sender once too often rather than never.
 *
 * <pre>
 * magic "SPST", version (int32 = 2; 1 is read too)
 * queue id; next attempt?
 * recipient count, then each:
 *   address (local part, domain); state code; attempts (int32); first attempt?; last attempt?
 *   last outcome? (kind code, enhanced status, remote reply?, reason,
 *                  hop? (host, address, port, TLS code, REQUIRETLS flag,
                        DSN passed on flag [version 2 only]))
 *   delay notice sent (flag); final outcome reported (flag)
 * CRC-32C of everything before it (int32)
 * </pre>
 */
final class StatusCodec {

  static final int VERSION = 2;
  /** The first format, without the DSN passed on flag; read, never written. */
  static final int VERSION_1 = 1;
  private static final int MAGIC = ('S' << 24) | ('P' << 16) | ('S' << 8) | 'T';

  private StatusCodec() {}

  static byte[] encode(DeliveryStatus status) {
    BinaryWriter w = new BinaryWriter();
    w.int32(MAGIC);
    w.int32(VERSION);
    w.string(status.queueId().value());
    w.optionalInstant(status.nextAttempt());
    w.int32(status.recipients().size());
    for (RecipientStatus r : status.recipients()) {
      w.address(r.address());
      w.string(r.state().code());
      w.int32(r.attempts());
      w.optionalInstant(r.firstAttempt());
      w.optionalInstant(r.lastAttempt());
      DeliveryOutcome o = r.lastOutcome();
      w.present(o != null);
      if (o != null) {
        w.string(kind(o));
        w.string(o.status().toString());
        w.optionalString(o.remoteReply());
        w.string(o.reason());
        Hop hop = o.hop();
        w.present(hop != null);
        if (hop != null) {
          w.string(hop.host());
          w.string(hop.address());
          w.int32(hop.port());
          w.string(hop.tls().code());
          w.bool(hop.requireTls());
          w.bool(hop.dsnPassedOn());
        }
      }
      w.bool(r.delayNoticeSent());
      w.bool(r.reported());
    }
    byte[] body = w.bytes();
    w.int32(QueueFileTrailer.crc(body, 0, body.length));
    return w.bytes();
  }

  static DeliveryStatus decode(byte[] bytes) throws CorruptQueueFileException {
    if (bytes.length < 12) {
      throw new CorruptQueueFileException("status record truncated: " + bytes.length + " octets");
    }
    ByteBuffer all = ByteBuffer.wrap(bytes);
    if (all.getInt(0) != MAGIC) {
      throw new CorruptQueueFileException("not a status record (no magic)");
    }
    int version = all.getInt(4);
    if (version != VERSION && version != VERSION_1) {
      throw new CorruptQueueFileException("unsupported status record version " + version);
    }
    int end = bytes.length - 4;
    if (all.getInt(end) != QueueFileTrailer.crc(bytes, 0, end)) {
      throw new CorruptQueueFileException("status record checksum mismatch");
    }
    BinaryReader r = new BinaryReader(ByteBuffer.wrap(bytes, 8, end - 8).slice());
    try {
      QueueId id = new QueueId(r.string());
      Instant next = r.optionalInstant();
      int count = r.count();
      List<RecipientStatus> recipients = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        MailAddress address = r.address();
        RecipientState state = RecipientState.fromCode(r.string());
        int attempts = r.int32();
        Instant first = r.optionalInstant();
        Instant last = r.optionalInstant();
        DeliveryOutcome outcome = r.present() ? outcome(r, version) : null;
        boolean delayNoticeSent = r.bool();
        boolean reported = r.bool();
        recipients.add(new RecipientStatus(
            address, state, attempts, first, last, outcome, delayNoticeSent, reported));
      }
      r.expectEnd("status record");
      return new DeliveryStatus(id, recipients, next);
    } catch (BufferUnderflowException e) {
      throw new CorruptQueueFileException("status record truncated", e);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new CorruptQueueFileException("status record invalid: " + e.getMessage(), e);
    }
  }

  private static DeliveryOutcome outcome(BinaryReader r, int version) throws CorruptQueueFileException {
    String kind = r.string();
    EnhancedStatus status = EnhancedStatus.of(r.string());
    String reply = r.optionalString();
    String reason = r.string();
    Hop hop = r.present() ? hop(r, version) : null;
    return switch (kind) {
      case "delivered" -> new DeliveryOutcome.Delivered(status, reply, reason, hop);
      case "deferred" -> new DeliveryOutcome.Deferred(status, reply, reason, hop);
      case "failed" -> new DeliveryOutcome.Failed(status, reply, reason, hop);
      default -> throw new IllegalArgumentException("unknown outcome kind: " + kind);
    };
  }

  private static Hop hop(BinaryReader r, int version) throws CorruptQueueFileException {
    String host = r.string();
    String address = r.string();
    int port = r.int32();
    TlsLevel tls = tlsLevel(r.string());
    boolean requireTls = r.bool();
    boolean dsnPassedOn = version >= VERSION && r.bool();
    return new Hop(host, address, port, tls, requireTls, dsnPassedOn);
  }

  static String kind(DeliveryOutcome o) {
    return switch (o) {
      case DeliveryOutcome.Delivered d -> "delivered";
      case DeliveryOutcome.Deferred d -> "deferred";
      case DeliveryOutcome.Failed f -> "failed";
    };
  }

  private static TlsLevel tlsLevel(String code) {
    for (TlsLevel level : TlsLevel.values()) {
      if (level.code().equals(code)) {
        return level;
      }
    }
    throw new IllegalArgumentException("unknown TLS level: " + code);
  }
}
