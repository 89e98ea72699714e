/**
 * The audit log: one JSON line per security event (a sign-in and its outcome, tokens issued,
 * refreshed, refused or revoked, refresh-token reuse, sign-out, lockouts, password changes),
 * answering "who signed in, from where, and why was this user locked out?". {@link
 * dev.authbridge.audit.AuditEvent} carries only whitelisted fields — who, which client, from
 * which address, the outcome and a reason code — so a password, token or secret has no field to
 * travel in. {@link dev.authbridge.audit.JsonAuditLog} writes the lines to a file and/or
 * standard output, fail-open by default (a line it cannot write is dropped and counted) or, for
 * the lines of tokens issued, fail-closed ({@code audit.failClosed}: no line, no token);
 * {@link dev.authbridge.audit.AuditLog#fanOut} lets metrics count the same events.
 */
package dev.authbridge.audit;
