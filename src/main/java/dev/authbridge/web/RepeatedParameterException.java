package dev.authbridge.web;

/**
 * A parameter given more than once ({@link Parameters#single}): 400, answered in the shape of
 * the endpoint — the envelope, or the error page on a browser page — unless the parser turns it
 * into its own (the OAuth endpoints' {@code invalid_request}, an authorization error sent to the
 * client).
 */
public class RepeatedParameterException extends ApiException {
    private final String name;

    RepeatedParameterException(String name) {
        super(400, "parameter '" + printable(name) + "' is repeated");
        this.name = name;
    }

    /** The parameter's name as sent. */
    public String name() {
        return name;
    }

    /** Parameter names are echoed in errors: keep them short and printable. */
    private static String printable(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
