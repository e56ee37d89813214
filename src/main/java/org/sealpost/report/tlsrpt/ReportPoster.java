package org.sealpost.report.tlsrpt;

import java.net.URI;

/** Sends a gzipped report to an {@code https:} rua (RFC 8460 §5.4); a seam for tests. */
@FunctionalInterface
interface ReportPoster {

  /** POSTs {@code gzipped} to {@code target}; blocks until answered or failed; never throws. */
  PostResult post(URI target, byte[] gzipped);
}
