/**
 * Browser sign-in: {@code GET /oauth/authorize} and the sign-in page it shows, the authorization
 * code flow (RFC 6749 §4.1) with PKCE (RFC 7636, S256), and the implicit grant (§4.2) for clients
 * registered for it. {@link dev.authbridge.authorize.AuthorizeEndpoint} validates a request so
 * that nothing is ever redirected to an unverified address, then issues the code (through {@code
 * code.AuthorizationCodes}) or the token; {@link dev.authbridge.authorize.SignInFlow} decides what
 * the browser is shown next (single sign-on, the page, the password change form, the redirect), and
 * {@link dev.authbridge.authorize.SignIn} is the one place a password typed into the page (or sent
 * as Basic) is judged. The token endpoint redeems
 * codes through {@code oauth.AuthorizationCodeGrant}. Single sign-on rests on the browser session
 * of {@link dev.authbridge.session}.
 */
package dev.authbridge.authorize;
