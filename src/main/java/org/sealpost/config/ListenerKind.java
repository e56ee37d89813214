package org.sealpost.config;

/** What a listener is for; the config value is {@link #code()}. */
public enum ListenerKind {
  /** Relay/MX (RFC 5321): STARTTLS offered, never required (RFC 3207 §4, TLS-2). */
  SMTP("smtp"),
  /** Message submission (RFC 6409): STARTTLS, AUTH required before MAIL. */
  SUBMISSION("submission"),
  /** Submission over implicit TLS (RFC 8314): AUTH required before MAIL. */
  SUBMISSIONS("submissions");

  private final String code;

  ListenerKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean requiresAuth() {
    return this != SMTP;
  }

  public boolean implicitTls() {
    return this == SUBMISSIONS;
  }

  public static ListenerKind fromCode(String code) {
    for (ListenerKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown listener kind \"" + code + "\" (expected smtp, submission or submissions)");
  }
}
