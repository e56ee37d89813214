package org.sealpost.report.dsn;

import org.sealpost.mail.BodyType;

/**
 * What was written: the DSN's {@code Message-ID}, the body type and SMTPUTF8 need its envelope must
 * declare (RFC 6152, RFC 6531), and how much of the original it carries.
 */
public record ComposedDsn(String messageId, BodyType body, boolean smtpUtf8, ReturnedContent returned) {}
