package org.sealpost.delivery;

import org.sealpost.mail.Recipient;

/** Decides where each recipient goes. Pure; no I/O. */
public interface Router {

  Destination route(Recipient recipient);
}
