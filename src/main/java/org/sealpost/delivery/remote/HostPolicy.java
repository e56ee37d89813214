package org.sealpost.delivery.remote;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.MtaStsMode;
import org.sealpost.policy.PublishedPolicy;
import org.sealpost.policy.dane.DaneState;
import org.sealpost.policy.dane.ReferenceNames;
import org.sealpost.policy.mtasts.MtaStsPolicy;

/**
 * What one candidate host's destination publishes about TLS, looked up once per delivery: the
 * host's DANE TLSA state (RFC 7672) and the domain's MTA-STS policy (RFC 8461) with whether the host
 * matches it.
 *
 * @param dane the TLSA state; {@link DaneState.NotApplicable} when not looked up
 * @param daneNames the names a DANE-TA certificate may carry, for {@link DaneState.Usable}
 * @param sts the domain's MTA-STS policy, if any
 * @param stsMatches the host matches one of the policy's {@code mx} patterns (STS-8 part 1)
 */
record HostPolicy(DaneState dane, @Nullable ReferenceNames daneNames, Optional<MtaStsPolicy> sts, boolean stsMatches) {

  PublishedPolicy published() {
    PublishedPolicy.Dane d =
        switch (dane) {
          case DaneState.Usable u -> PublishedPolicy.Dane.USABLE;
          case DaneState.Unusable u -> PublishedPolicy.Dane.UNUSABLE;
          case DaneState.NotApplicable n -> PublishedPolicy.Dane.NONE;
          case DaneState.Failed f -> PublishedPolicy.Dane.NONE;
        };
    return new PublishedPolicy(d, sts.map(MtaStsPolicy::mode).orElse(MtaStsMode.NONE), stsMatches);
  }

  /** What the session must check against DANE, or null when DANE does not authenticate this host. */
  @Nullable DaneCheck daneCheck() {
    return dane instanceof DaneState.Usable u && daneNames != null ? new DaneCheck(u, daneNames) : null;
  }

  /** A usable TLSA RRset and the names a DANE-TA certificate may carry (RFC 7672 §3). */
  record DaneCheck(DaneState.Usable usable, ReferenceNames names) {}
}
