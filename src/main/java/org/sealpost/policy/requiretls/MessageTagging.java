package org.sealpost.policy.requiretls;

import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

/**
 * RFC 8689 §4.1: the tag a received message carries. The MAIL parameter wins over the header
 * (RT-18); the header alone makes the message TLS-optional (RT-17); neither leaves it unspecified.
 */
public final class MessageTagging {

  private MessageTagging() {}

  /** The final tag of one message. */
  public record Tag(TlsRequirement requirement, VerificationFloor floor) {}

  public static Tag tag(MailParameterDecision mailParameter, TlsRequiredField.Verdict header) {
    if (mailParameter instanceof MailParameterDecision.Tagged t) {
      return new Tag(t.requirement(), t.floor());
    }
    if (header == TlsRequiredField.Verdict.TLS_OPTIONAL) {
      return new Tag(TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE);
    }
    return new Tag(TlsRequirement.UNSPECIFIED, VerificationFloor.NONE);
  }
}
