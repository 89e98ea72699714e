/**
 * The client-authenticated OAuth endpoints: {@code POST /oauth/token} (RFC 6749 §3.2), {@code
 * /oauth/revoke} (RFC 7009) and {@code /oauth/introspect} (RFC 7662). A request is parsed once at
 * the edge ({@link dev.authbridge.oauth.TokenRequest}), its client authenticated and throttled
 * ({@link dev.authbridge.oauth.ClientAuthenticator}); {@link dev.authbridge.oauth.TokenEndpoint}
 * runs the numbered steps no grant can skip, and each {@link dev.authbridge.oauth.Grant} —
 * password, refresh token, client credentials, authorization code, assertion (RFC 7523), token
 * exchange — owns its own rules: a new grant type is a new class and one line in {@code App}. A
 * trusted issuer's JWT signs a user in through {@link dev.authbridge.oauth.AssertionSignIn} (verify,
 * look the user up, the account's state), for the assertion grant and, through {@link
 * dev.authbridge.oauth.SubjectTokenResolver}, for token exchange's JWT subject tokens. Errors are {@link
 * dev.authbridge.oauth.OAuthException}s, answered as RFC 6749 §5.2 bodies.
 */
package dev.authbridge.oauth;
