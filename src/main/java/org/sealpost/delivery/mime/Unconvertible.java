package org.sealpost.delivery.mime;

/**
 * Thrown inside the converter's recursion when a part cannot be converted; {@link
 * SevenBitConversion} turns it into a {@link Conversion.Refused} value at its boundary, so no
 * caller ever sees it.
 */
final class Unconvertible extends Exception {

  Unconvertible(String reason) {
    super(reason, null, false, false);
  }
}
