/**
 * MTA-STS (RFC 8461) for outbound mail: learning whether a recipient domain wants its MX hosts
 * reached only over verified TLS, and which host names are its MX hosts.
 *
 * <p>The flow, for a policy domain {@code example.com}:
 *
 * <ol>
 *   <li>{@link org.sealpost.policy.mtasts.StsRecord}: the TXT record at {@code
 *       _mta-sts.example.com}, {@code v=STSv1; id=...;} (§3.1, STS-1). Its {@code id} says whether
 *       the cached policy is current.
 *   <li>{@link org.sealpost.policy.mtasts.PolicyFetcher}: a new id means an HTTPS GET of {@code
 *       https://mta-sts.example.com/.well-known/mta-sts.txt} (§3.3, STS-2, STS-4), written by hand
 *       on an {@code SSLSocket} so the address comes from Sealpost's resolver; the certificate must
 *       be valid for {@code mta-sts.example.com} by DNS-ID, only 200 {@code text/plain} counts, and
 *       body and time are limited. The outcome is a value: a policy, or a failure with its RFC 8460
 *       result type ({@code sts-policy-fetch-error}, {@code sts-policy-invalid}, {@code
 *       sts-webpki-invalid}).
 *   <li>{@link org.sealpost.policy.mtasts.PolicyText}: the policy lines (§3.2, STS-3): version,
 *       mode ({@code enforce}, {@code testing}, {@code none}), {@code max_age} and {@code mx}
 *       patterns.
 *   <li>{@link org.sealpost.policy.mtasts.PolicyCache}: one file per policy domain, kept until
 *       {@code max_age} runs out, and applied when the TXT record or the policy host is not
 *       reachable (STS-5).
 *   <li>{@link org.sealpost.policy.mtasts.MtaStsResolver} ties these together behind {@link
 *       org.sealpost.policy.mtasts.MtaStsLookup}; delivery asks it for a domain's policy and checks
 *       MX names with {@link org.sealpost.policy.mtasts.MtaStsPolicy#matches} (§4.1, STS-8 part 1),
 *       which is also how REQUIRETLS validates an MX name that DNSSEC did not (RT-21, STS-14).
 * </ol>
 *
 * Enforcement (refusing hosts under mode {@code enforce}) belongs to delivery and transport policy,
 * not to this package.
 */
@NullMarked
package org.sealpost.policy.mtasts;

import org.jspecify.annotations.NullMarked;
