/**
 * Signed identity. {@link dev.authbridge.jwt.KeyRing} holds the JWS signing keys (RS256 by
 * default, ES256 by configuration), kept in the owner-only SQLite store through the {@link
 * dev.authbridge.jwt.SigningKeyStore} port: generated on first start, stable across restarts,
 * rotated by {@link dev.authbridge.jwt.KeyRotationCommand} ({@code keys rotate}) with the next key
 * published a rotation ahead and retired keys published until what they signed has expired.
 * {@link dev.authbridge.jwt.JwksRoutes} publishes the public keys; {@link
 * dev.authbridge.jwt.GwsUserTokens} signs the {@code X-GWS-User} header of {@code /jwt-userinfo}
 * and {@link dev.authbridge.jwt.IdTokens} OpenID Connect id tokens. Nothing here knows HTTP
 * requests or users: callers hand in the claims.
 */
package dev.authbridge.jwt;
