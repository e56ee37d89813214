/**
 * MTA-STS (RFC 8461) as far as delivery needs it today: a policy's {@code mx} patterns, which
 * validate an MX host name that DNSSEC did not (RFC 8689 §4.2.1, RT-21, STS-14). Fetching, caching
 * and enforcing policies arrive with MTA-STS support; until then {@link
 * org.sealpost.policy.mtasts.MtaStsLookup#none()} answers "no policy" for every domain.
 */
@NullMarked
package org.sealpost.policy.mtasts;

import org.jspecify.annotations.NullMarked;
