/**
 * Trusted issuers: identity providers (AD FS, Entra ID, Okta, Keycloak, any OpenID provider)
 * whose signed JWTs authbridge accepts as proof of who a user is, for the RFC 7523 assertion
 * grant and RFC 8693 token exchange. {@link dev.authbridge.federation.TrustedIssuers#verify}
 * picks the configured issuer by the token's unverified {@code iss}, then has nimbus-jose-jwt's
 * processor verify it against that issuer only (its keys, its algorithms, exact {@code iss}, an
 * {@code aud} that designates authbridge, {@code exp}/{@code nbf}/{@code iat} with the skew, the
 * lifetime cap, a {@code jti}), and remembers the {@code jti} in the store
 * ({@link dev.authbridge.federation.AssertionReplayStore}) so that no instance accepts it twice.
 * The answer is a {@link dev.authbridge.federation.VerifiedAssertion} (who, matched against which
 * directory attribute, in which tenant) or an {@link dev.authbridge.federation.AssertionRefusal}
 * with a {@link dev.authbridge.federation.RefusalReason} for the audit log; keys that cannot be
 * had at all are {@link dev.authbridge.federation.IssuerUnavailableException}, an outage, never a
 * refusal. Keys come from a JWK set fixed at boot or fetched ({@link
 * dev.authbridge.federation.RemoteJwks}: cached as its {@code Cache-Control} says, fetched again
 * for an unknown key at most once per interval). Nothing here knows HTTP requests, the directory
 * or tokens of authbridge: the grants do.
 */
package dev.authbridge.federation;
