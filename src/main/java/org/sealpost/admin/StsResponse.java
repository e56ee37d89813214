package org.sealpost.admin;

import java.nio.charset.StandardCharsets;

/**
 * What the policy host answers one request with. Every answer is {@code text/plain} and
 * {@code Cache-Control: no-store}; a 405 also carries {@code Allow: GET, HEAD}.
 *
 * @param status the HTTP status: 200, 404, 405 or 421 (never a redirect: senders must not follow
 *     one, RFC 8461 §3.3, so offering one would only turn a fixable mistake into a silent failure)
 * @param body the body for GET (the policy for 200, a one-line reason otherwise)
 */
record StsResponse(int status, byte[] body) {

  static StsResponse policy(StsPolicyDocument document) {
    return new StsResponse(200, document.bytes());
  }

  static StsResponse problem(int status, String reason) {
    return new StsResponse(status, (reason + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }
}
