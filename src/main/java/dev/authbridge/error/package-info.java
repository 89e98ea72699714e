/**
 * Errors as values, beneath every other package and depending on none: a {@link
 * dev.authbridge.error.Problem} (status, code, description, details) says what went wrong, and
 * every exception thrown for a caller to see is a {@link dev.authbridge.error.DomainException}
 * carrying one and saying how the caller learns of it (the envelope, the RFC 6749 body, a
 * redirect). The domain throws them without knowing HTTP; {@code web.ErrorMapper} is the only
 * place that turns them into responses.
 */
package dev.authbridge.error;
