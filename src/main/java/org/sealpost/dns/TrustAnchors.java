package org.sealpost.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Trust anchors in zone-file form: DS or DNSKEY records (the format of unbound's
 * {@code trust-anchor-file} and of {@code keymgr ... ds}). Without a configured file, the IANA root
 * anchors shipped with Sealpost ({@code root-anchors.txt}) are used.
 */
record TrustAnchors(byte[] text, List<Name> owners, String source) {

  static final String ROOT_RESOURCE = "root-anchors.txt";

  static TrustAnchors load(@Nullable Path file) throws IOException {
    if (file == null) {
      try (InputStream in = TrustAnchors.class.getResourceAsStream(ROOT_RESOURCE)) {
        if (in == null) {
          throw new IOException("resource " + ROOT_RESOURCE + " missing from the class path");
        }
        return parse(in.readAllBytes(), "built-in IANA root anchors");
      }
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  static TrustAnchors parse(byte[] text, String source) throws IOException {
    List<Name> owners = new ArrayList<>();
    try (Master m = new Master(new ByteArrayInputStream(text), Name.root, 3600)) {
      Record r;
      while ((r = m.nextRecord()) != null) {
        if ((r.getType() == Type.DS || r.getType() == Type.DNSKEY) && !owners.contains(r.getName())) {
          owners.add(r.getName());
        }
      }
    }
    if (owners.isEmpty()) {
      throw new IOException("no DS or DNSKEY record in trust anchor " + source);
    }
    return new TrustAnchors(text.clone(), List.copyOf(owners), source);
  }

  InputStream open() {
    return new ByteArrayInputStream(text);
  }
}
