/**
 * Where the API is and how its records are written, for the domain and {@code web} alike:
 * its base path ({@code /auth/v3}), its public URL (from which the issuer and every absolute URL
 * handed out are built, never from a request's headers) and the one JSON mapper. It sits below
 * both, so an issuer or a signed token's claims never need the HTTP layer.
 */
package dev.authbridge.api;
