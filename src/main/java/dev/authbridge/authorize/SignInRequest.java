package dev.authbridge.authorize;

import dev.authbridge.config.Secret;
import dev.authbridge.web.Parameters;
import java.util.List;
import java.util.Map;

/**
 * The sign-in form as posted to {@code POST /sign-in}, beside the authorization parameters it
 * carries ({@link AuthorizeRequest}). Each field is read by {@link Parameters#single}: empty is
 * absent, repeated is refused.
 *
 * @param username as typed, or null
 * @param tenant the tenant field, or null (also when the page hides it)
 * @param password null when absent
 * @param csrf the form's CSRF token, or null
 */
record SignInRequest(String username, String tenant, Secret password, String csrf) {

    /** @param hideTenant whether the page had no tenant field (then none is read) */
    static SignInRequest parse(Map<String, List<String>> form, boolean hideTenant) {
        String username = Parameters.single(form, "username");
        String tenant = hideTenant ? null : Parameters.single(form, "tenant");
        String password = Parameters.single(form, "password");
        return new SignInRequest(username, tenant, password == null ? null : new Secret(password),
                Parameters.single(form, "csrf"));
    }
}
