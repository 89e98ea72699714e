/**
 * Sessions: {@code /ping} and {@code /sign-out} for bearer tokens, and the browser session that
 * gives single sign-on to the sign-in page. {@link dev.authbridge.session.BrowserSessions} starts
 * a session when a password is typed on the page or sent as Basic to {@code /oauth/authorize},
 * resumes it from an opaque {@code HttpOnly} cookie (only its SHA-256 is stored, through the
 * {@link dev.authbridge.session.BrowserSessionStore} port and its SQLite adapter) and ends it on sign-out, idleness or its absolute lifetime. {@link
 * dev.authbridge.session.SignOut} decides what a sign-out ends and where it may redirect: a
 * bearer token, an {@code id_token_hint} or the user's confirmation proves intent; the cookie
 * alone never does.
 */
package dev.authbridge.session;
