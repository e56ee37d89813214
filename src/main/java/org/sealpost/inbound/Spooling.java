package org.sealpost.inbound;

import java.io.IOException;
import org.sealpost.smtp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one answer to a spool that cannot take a message: 451 4.3.0 and a line for the admin. */
final class Spooling {

  private static final Logger log = LoggerFactory.getLogger("smtpd");

  private Spooling() {}

  static void refuse(Session s, IOException e) throws IOException {
    log.warn(
        "spool unavailable for message from {}: {}; answered 451. Check free space and permissions of the spool directory",
        s.peer(), e.toString());
    s.error(Reply.of(451, "4.3.0", "Temporary storage failure, try again later"));
  }
}
