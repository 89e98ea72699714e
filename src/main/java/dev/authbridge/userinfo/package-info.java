/**
 * Who an access token speaks for, in the vendor's user models: {@code GET /userinfo} ({@link
 * dev.authbridge.userinfo.CloudUserDetails}), {@code GET /openid/userinfo} ({@link
 * dev.authbridge.userinfo.OpenIdUserInfo}) and {@code GET /jwt-userinfo} (the same details as a
 * signed JWT in the {@code X-GWS-User} header). {@link dev.authbridge.userinfo.UserInfoService}
 * reads the user from the directory at each call, so roles are the directory's now, not at
 * sign-in; a client's own token has the client as its principal.
 */
package dev.authbridge.userinfo;
