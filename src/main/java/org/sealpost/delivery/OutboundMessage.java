package org.sealpost.delivery;

import org.sealpost.mail.Envelope;

/** A message as delivery sees it: its envelope (with the TLS requirement) and its content. */
public record OutboundMessage(Envelope envelope, MessageContent content) {}
