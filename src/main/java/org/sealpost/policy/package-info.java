/**
 * Pure decisions about a message and its route: what a message requires of the transport, and
 * whether a recipient may be relayed. No I/O here; {@code inbound} and {@code delivery} ask.
 */
@NullMarked
package org.sealpost.policy;

import org.jspecify.annotations.NullMarked;
