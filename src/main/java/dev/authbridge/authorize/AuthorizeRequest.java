package dev.authbridge.authorize;

import dev.authbridge.web.Parameters;
import dev.authbridge.web.RepeatedParameterException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of an authorization request, read once from the query of {@code GET
 * /oauth/authorize} or from the sign-in form that carries them through, not yet validated
 * ({@link AuthorizeEndpoint#validate} does that). Each is read by {@link Parameters#single}: an
 * empty value counts as absent (RFC 6749 §3.1); a parameter given more than once is recorded in
 * {@code repeated} and left null, for the endpoint to refuse in the shape its position demands.
 */
public record AuthorizeRequest(
        String clientId,
        String redirectUri,
        String responseType,
        String scope,
        String state,
        String hideTenant,
        String codeChallenge,
        String codeChallengeMethod,
        String nonce,
        String prompt,
        Set<String> repeated) {

    /** Every parameter the sign-in page carries through its form, in this order. */
    static final List<String> NAMES = List.of("client_id", "redirect_uri", "response_type", "scope", "state",
            "hideTenant", "code_challenge", "code_challenge_method", "nonce", "prompt");

    public static AuthorizeRequest parse(Map<String, List<String>> parameters) {
        Map<String, String> single = new LinkedHashMap<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String name : NAMES) {
            try {
                String value = Parameters.single(parameters, name);
                if (value != null) {
                    single.put(name, value);
                }
            } catch (RepeatedParameterException e) {
                repeated.add(name); // refused by the endpoint, as a page or a redirect
            }
        }
        return new AuthorizeRequest(single.get("client_id"), single.get("redirect_uri"), single.get("response_type"),
                single.get("scope"), single.get("state"), single.get("hideTenant"), single.get("code_challenge"),
                single.get("code_challenge_method"), single.get("nonce"), single.get("prompt"), Set.copyOf(repeated));
    }

    /** The parameters as given (absent ones left out), to be carried through the sign-in form. */
    Map<String, String> carried() {
        String[] values = {clientId, redirectUri, responseType, scope, state, hideTenant, codeChallenge,
            codeChallengeMethod, nonce, prompt};
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.put(NAMES.get(i), values[i]);
            }
        }
        return out;
    }
}
