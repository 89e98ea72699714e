package dev.authbridge.web;

import java.util.List;
import java.util.Map;

/**
 * The one reading of a request parameter, for every query and form: a parameter sent without a
 * value counts as absent (RFC 6749 §3.1), and one sent more than once is refused — whatever its
 * values — rather than one of them picked (§3.1, §3.2: "MUST NOT be included more than once").
 */
public final class Parameters {

    private Parameters() {}

    /**
     * The value of {@code name}, or null when absent or empty.
     *
     * @throws RepeatedParameterException when {@code name} was given more than once
     */
    public static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new RepeatedParameterException(name);
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }
}
