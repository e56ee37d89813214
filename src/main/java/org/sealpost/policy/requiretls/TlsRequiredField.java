package org.sealpost.policy.requiretls;

import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code TLS-Required} header field (RFC 8689 §3) from a message's header section.
 *
 * <p>Exactly one field whose value is {@code No} (case-insensitive, folding and surrounding white
 * space allowed) makes the message TLS-optional (RT-10, RT-17). A duplicate field or any other value
 * leaves the message untagged (RT-11, project choice: fail safe). The draft-era names
 * {@code RequireTLS:} and {@code Require-TLS:} are ignored (DRAFT-7). Every case that is not a clean
 * {@code No} is reported so the caller can log it.
 */
public final class TlsRequiredField {

  private TlsRequiredField() {}

  /** How the header section reads. */
  public enum Verdict {
    /** No field: nothing to log. */
    ABSENT,
    /** One field with value {@code No}: the message is TLS-optional. */
    TLS_OPTIONAL,
    /** More than one {@code TLS-Required} field: ignored (RT-11). */
    DUPLICATE,
    /** One field with a value other than {@code No}: ignored (RT-11). */
    INVALID_VALUE,
    /** Only a draft-era field name ({@code RequireTLS}, {@code Require-TLS}): ignored (DRAFT-7). */
    DRAFT_NAME
  }

  /** A header field as it appears, with its name and its unfolded value. */
  public record Field(String name, String value) {}

  public static Verdict evaluate(List<Field> fields) {
    int count = 0;
    String value = "";
    boolean draft = false;
    for (Field f : fields) {
      String name = f.name().strip().toLowerCase(Locale.ROOT);
      if (name.equals("tls-required")) {
        count++;
        value = f.value();
      } else if (name.equals("requiretls") || name.equals("require-tls")) {
        draft = true;
      }
    }
    if (count > 1) {
      return Verdict.DUPLICATE;
    }
    if (count == 1) {
      // RFC 8689 §3: "TLS-Required:" [FWS] "No" CRLF; the literal is case-insensitive (RFC 5234).
      return unfold(value).strip().equalsIgnoreCase("no") ? Verdict.TLS_OPTIONAL : Verdict.INVALID_VALUE;
    }
    return draft ? Verdict.DRAFT_NAME : Verdict.ABSENT;
  }

  private static String unfold(String value) {
    return value.replace("\r\n", "").replace("\t", " ");
  }
}
