/**
 * OpenID Connect Discovery 1.0 and RFC 8414: {@code GET /.well-known/openid-configuration} under
 * the issuer ({@code server.publicUrl} + {@code /auth/v3}) tells a client or resource server that
 * knows only the issuer every endpoint, what each supports and where the JWK set is. Built from
 * configuration, never from request headers.
 */
package dev.authbridge.discovery;
