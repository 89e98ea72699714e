/**
 * Authorization codes (RFC 6749 §4.1.2) with PKCE (RFC 7636, S256 only): issued by {@code
 * authorize} at the end of a sign-in, redeemed once by {@code oauth}'s authorization code grant —
 * both depend on this package, and it on neither. {@link dev.authbridge.code.AuthorizationCodes}
 * keeps codes hashed, bound to client, redirect URI, user, scope and challenge, single-use and
 * short-lived, and revokes the tokens of a replayed code; the {@link
 * dev.authbridge.code.AuthorizationCodeStore} port has one SQL implementation for every engine.
 */
package dev.authbridge.code;
