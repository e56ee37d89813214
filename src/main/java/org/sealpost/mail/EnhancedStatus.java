package org.sealpost.mail;

/** An enhanced mail system status code {@code class.subject.detail} (RFC 3463, registry RFC 5248). */
public record EnhancedStatus(int statusClass, int subject, int detail) {

  public EnhancedStatus {
    if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
      throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
    }
    if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
      throw new IllegalArgumentException("subject and detail must be 0..999");
    }
  }

  public static EnhancedStatus of(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not an enhanced status code: " + text);
    }
    try {
      return new EnhancedStatus(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an enhanced status code: " + text, e);
    }
  }

  public boolean isPermanent() {
    return statusClass == 5;
  }

  public boolean isTransient() {
    return statusClass == 4;
  }

  @Override
  public String toString() {
    return statusClass + "." + subject + "." + detail;
  }
}
