package org.sealpost.inbound;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.policy.requiretls.MailParameterDecision;
import org.sealpost.smtp.ChunkedBody;

/** One mail transaction: from MAIL to the end of DATA/BDAT, RSET, or a new EHLO/STARTTLS. */
final class Transaction {

  final @Nullable MailAddress reversePath;
  final BodyType body;
  final boolean smtpUtf8;
  final long declaredSize;
  final @Nullable String envId;
  final Ret ret;
  final MailParameterDecision requireTls;
  final List<Recipient> recipients = new ArrayList<>();

  /** The BDAT message in progress, if any (RFC 3030). */
  @Nullable MessageAcceptance chunked;
  @Nullable ChunkedBody chunkedBody;
  /** A BDAT chunk failed: later chunks are read and refused until RSET or BDAT LAST. */
  boolean chunkingFailed;

  Transaction(
      @Nullable MailAddress reversePath,
      BodyType body,
      boolean smtpUtf8,
      long declaredSize,
      @Nullable String envId,
      Ret ret,
      MailParameterDecision requireTls) {
    this.reversePath = reversePath;
    this.body = body;
    this.smtpUtf8 = smtpUtf8;
    this.declaredSize = declaredSize;
    this.envId = envId;
    this.ret = ret;
    this.requireTls = requireTls;
  }

  /** Drops any BDAT draft in progress. */
  void abandon() {
    MessageAcceptance m = chunked;
    chunked = null;
    chunkedBody = null;
    if (m != null) {
      m.abort();
    }
  }

  static String displayPath(@Nullable MailAddress address) {
    return address == null ? "<>" : "<" + address + ">";
  }
}
