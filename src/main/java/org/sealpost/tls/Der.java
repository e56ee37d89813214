package org.sealpost.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER (ITU-T X.690 §10) to build a certificate and to wrap traditional private keys
 * into PKCS#8: the JDK can parse both but has no public API to write them. Encoders return the
 * complete tag-length-value; {@link #read} splits a TLV back into tag and contents.
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int UTF8_STRING = 0x0c;
  static final int SEQUENCE = 0x30;

  private Der() {}

  static byte[] tlv(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
    out.write(tag);
    int len = contents.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      byte[] l = BigInteger.valueOf(len).toByteArray();
      int skip = l[0] == 0 ? 1 : 0;
      out.write(0x80 | (l.length - skip));
      out.write(l, skip, l.length - skip);
    }
    out.writeBytes(contents);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... items) {
    return tlv(SEQUENCE, concat(items));
  }

  /** {@code [n] EXPLICIT}: a constructed context-specific tag around one element. */
  static byte[] explicit(int n, byte[] inner) {
    return tlv(0xa0 | n, inner);
  }

  static byte[] integer(BigInteger v) {
    return tlv(INTEGER, v.toByteArray());
  }

  static byte[] integer(long v) {
    return integer(BigInteger.valueOf(v));
  }

  static byte[] bool(boolean v) {
    return tlv(0x01, new byte[] {(byte) (v ? 0xff : 0)});
  }

  static byte[] nul() {
    return tlv(NULL, new byte[0]);
  }

  static byte[] octetString(byte[] v) {
    return tlv(OCTET_STRING, v);
  }

  /** A BIT STRING with no unused bits (signatures, public keys). */
  static byte[] bitString(byte[] v) {
    byte[] c = new byte[v.length + 1];
    System.arraycopy(v, 0, c, 1, v.length);
    return tlv(BIT_STRING, c);
  }

  static byte[] utf8(String s) {
    return tlv(UTF8_STRING, s.getBytes(StandardCharsets.UTF_8));
  }

  /** Dotted form to DER: the first two arcs share a byte, the rest are base-128 (X.690 §8.19). */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      base128(out, Long.parseLong(arcs[i]));
    }
    return tlv(OID, out.toByteArray());
  }

  private static void base128(ByteArrayOutputStream out, long v) {
    int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
    for (int g = groups - 1; g >= 0; g--) {
      int b = (int) ((v >>> (7 * g)) & 0x7f);
      out.write(g > 0 ? b | 0x80 : b);
    }
  }

  /**
   * RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, both in UTC with
   * seconds and no fraction.
   */
  static byte[] time(ZonedDateTime t) {
    ZonedDateTime utc = t.withZoneSameInstant(ZoneOffset.UTC);
    if (utc.getYear() < 2050) {
      String s = utc.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'"));
      return tlv(0x17, s.getBytes(StandardCharsets.US_ASCII));
    }
    String s = utc.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'"));
    return tlv(0x18, s.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** One decoded element: its tag and contents. */
  record Element(int tag, byte[] contents) {

    /** The elements inside a constructed element (a SEQUENCE or an explicit tag). */
    List<Element> children() {
      List<Element> out = new ArrayList<>();
      int[] pos = {0};
      while (pos[0] < contents.length) {
        out.add(read(contents, pos));
      }
      return out;
    }
  }

  /** Reads one element of {@code der} starting at {@code pos[0]} and advances it. */
  static Element read(byte[] der, int[] pos) {
    int p = pos[0];
    if (p + 2 > der.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = der[p++] & 0xff;
    int len = der[p++] & 0xff;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 3 || p + n > der.length) {
        throw new IllegalArgumentException("bad DER length");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[p++] & 0xff);
      }
    }
    if (p + len > der.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    pos[0] = p + len;
    return new Element(tag, Arrays.copyOfRange(der, p, p + len));
  }

  /** The single element that is the whole of {@code der}. */
  static Element parse(byte[] der) {
    int[] pos = {0};
    Element e = read(der, pos);
    if (pos[0] != der.length) {
      throw new IllegalArgumentException("trailing bytes after DER element");
    }
    return e;
  }
}
