package dev.authbridge.authorize;

import dev.authbridge.config.Secret;
import dev.authbridge.web.PageException;
import dev.authbridge.web.Parameters;
import java.util.List;
import java.util.Map;

/**
 * The sign-in page's password change form as posted to {@code POST /sign-in/change-password},
 * beside the authorization parameters it carries ({@link AuthorizeRequest}). Each field is read
 * by {@link Parameters#single}: empty is absent, repeated is refused.
 *
 * @param username whose password: the name the sign-in was made with
 * @param password the current password, asked again (authbridge keeps none between requests);
 *     null when absent, like the two new ones
 * @param csrf the form's CSRF token, or null
 */
record PasswordFormRequest(String username, Secret password, Secret newPassword, Secret confirmPassword,
        String csrf) {

    /** @throws PageException 400 when no user is named: there is no form to show again */
    static PasswordFormRequest parse(Map<String, List<String>> form) {
        String username = Parameters.single(form, "username");
        if (username == null) {
            throw new PageException(400, SignInFlow.INCOMPLETE);
        }
        return new PasswordFormRequest(username, secret(form, "password"), secret(form, "newPassword"),
                secret(form, "confirmPassword"), Parameters.single(form, "csrf"));
    }

    private static Secret secret(Map<String, List<String>> form, String name) {
        String value = Parameters.single(form, name);
        return value == null ? null : new Secret(value);
    }
}
