/**
 * Test tools for outbound delivery: {@link org.sealpost.testing.FakeSmtpPeer}, a scripted SMTP and
 * LMTP server on a loopback address that misbehaves on demand, in the style of OkHttp's
 * MockWebServer. Real peers cannot be told to drop REQUIRETLS after TLS, present an expired
 * certificate, inject bytes after {@code 220} or hang up mid-DATA; this one can, and it records
 * everything the client did so a test can prove RT-20..RT-30, TLS-n, SEC-2, SEC-3 and SEC-6.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();
 * try (FakeSmtpPeer peer = FakeSmtpPeer.start("127.0.0.21")) {       // free port
 *   peer.certificate(pki.server("mx1.dest.test"))                    // STARTTLS offered
 *       .ehloAfterTls("PIPELINING", "8BITMIME")                      // no REQUIRETLS (RT-23)
 *       .enqueue(Rule.rcpt("gone@dest.test").reply(550, "5.1.1", "No such user"));
 *   deliverer.deliver(message, peer.address());                      // the code under test
 *   Transaction t = peer.takeTransaction();                          // waits up to 5 s
 *   assertThat(t.requireTls()).isFalse();                            // RT-30
 *   assertThat(peer.takeTranscript().tls()).isPresent();
 *   assertThat(peer.violations()).isEmpty();                         // SEC-6: clean output
 * }
 * }</pre>
 *
 * <p><b>Configuration</b> (one method each, changeable between connections): {@code hostname},
 * {@code greeting}, {@code ehloBeforeTls} and {@code ehloAfterTls} (the extension lines; by
 * default {@link org.sealpost.testing.FakeSmtpPeer#STANDARD_EXTENSIONS}, plus STARTTLS before TLS
 * when a certificate is set and REQUIRETLS inside TLS), {@code certificate} (any {@code
 * KeyMaterial} or {@code TestPki.Issued}, presented as is: expired, wrong name and self-signed
 * included), {@code startTls} ({@link org.sealpost.testing.StartTlsBehaviour}: normal, 454, close
 * after 220, bytes injected after 220, TLS 1.0 only, no shared cipher), {@code requireStartTls}
 * ({@code 530 5.7.0} before TLS), {@code dialect} ({@link org.sealpost.testing.Dialect}: ESMTP,
 * HELO-only, LMTP) and {@code readTimeout}.
 *
 * <p><b>Scripted replies</b>: {@link org.sealpost.testing.Rule}s override the greeting, the next
 * command with a verb, the next RCPT of an address, or the reply after a body: another reply, a
 * delay, a hang-up after or instead of the reply, a drop after N body bytes.
 *
 * <p><b>Recording</b>: {@link org.sealpost.testing.Transaction} per complete body (MAIL and RCPT
 * paths and parameters, the body as on the wire and unstuffed, BDAT chunks, TLS or not, the
 * replies); {@link org.sealpost.testing.Transcript} per connection (each command and whether it
 * came inside TLS; protocol, cipher and SNI name; how it ended); and {@link
 * org.sealpost.testing.Violation}s: bare CR/LF or over-long lines in a body, pipelining not
 * offered or past a group end, unadvertised extensions and parameters, invalid command lines.
 *
 * <p>The wire side is the project's own: commands and bodies are read with {@code
 * org.sealpost.smtp.SmtpInput}, arguments parsed with {@code CommandParser}, replies written with
 * {@code Reply}. TLS is plain JSSE with the given key, so the peer can present what {@code
 * org.sealpost.tls.ServerTls} would refuse.
 */
@NullMarked
package org.sealpost.testing;

import org.jspecify.annotations.NullMarked;
