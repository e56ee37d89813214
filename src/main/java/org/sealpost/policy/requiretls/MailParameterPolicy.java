package org.sealpost.policy.requiretls;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.DraftSyntax;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

/**
 * Decides what the {@code REQUIRETLS} MAIL parameter means on one session (RFC 8689 §2, §4.1; spec
 * RT-5..RT-9, DRAFT-6, DRAFT-9).
 */
public final class MailParameterPolicy {

  /** RFC 8689 §2: the EHLO keyword and MAIL parameter name. */
  public static final String KEYWORD = "REQUIRETLS";

  private final DraftSyntax draftSyntax;

  public MailParameterPolicy(DraftSyntax draftSyntax) {
    this.draftSyntax = draftSyntax;
  }

  /** What the session can vouch for when the parameter arrives. */
  public record SessionFacts(boolean tlsActive, boolean submission, boolean authenticated) {}

  /**
   * Decides, given every value the client gave for the {@code REQUIRETLS} keyword on this MAIL
   * command ({@code null} for the bare keyword; an empty list when absent).
   */
  public MailParameterDecision decide(List<@Nullable String> values, SessionFacts session) {
    if (values.isEmpty()) {
      return new MailParameterDecision.Absent();
    }
    if (values.size() > 1) {
      // RT-8: a repeated parameter is a syntax error.
      return new MailParameterDecision.Refused(501, "5.5.4", "REQUIRETLS given more than once");
    }
    String value = values.getFirst();
    if (value == null) {
      if (!session.tlsActive()) {
        // RT-7 (project choice): never 2xx without TLS.
        return new MailParameterDecision.Refused(
            530, "5.7.10", "REQUIRETLS needs a TLS session; issue STARTTLS first");
      }
      return new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.NONE);
    }
    return decideDraftValue(value, session);
  }

  private MailParameterDecision decideDraftValue(String value, SessionFacts session) {
    boolean allowed =
        draftSyntax == DraftSyntax.ACCEPT && session.submission() && session.authenticated();
    if (!allowed) {
      // DRAFT-6 / RT-8: RFC 8689 defines no value.
      return new MailParameterDecision.Refused(
          501, "5.5.4", "REQUIRETLS takes no value (RFC 8689)");
    }
    if (!session.tlsActive()) {
      return new MailParameterDecision.Refused(
          530, "5.7.10", "REQUIRETLS needs a TLS session; issue STARTTLS first");
    }
    // DRAFT-9: the draft-03 forms as local instructions, never weaker than asked.
    return switch (value.toUpperCase(Locale.ROOT)) {
      case "NO" -> new MailParameterDecision.Tagged(TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE);
      case "CHAIN" -> new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.PKIX);
      case "DANE" -> new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.DANE);
      case "DNSSEC" ->
          new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.DNSSEC_MX);
      default ->
          new MailParameterDecision.Refused(
              501, "5.5.4", "unknown REQUIRETLS value (accepted: NO, CHAIN, DANE, DNSSEC)");
    };
  }
}
