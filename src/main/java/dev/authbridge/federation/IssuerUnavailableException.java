package dev.authbridge.federation;

import dev.authbridge.error.UnavailableException;

/**
 * A trusted issuer's keys cannot be had: its JWK set was never fetched, or not for longer than
 * {@link RemoteJwks#OUTAGE_TOLERANCE} past its cache time, and fetching it fails. An outage (503,
 * as for the directory), never a refusal of the token: the token may well be good.
 */
public class IssuerUnavailableException extends UnavailableException {
    private final String issuer;
    private final String reason;

    public IssuerUnavailableException(String issuer, String reason) {
        super("ISSUER_UNAVAILABLE", "the keys of trusted issuer " + issuer + " cannot be had: " + reason, null);
        this.issuer = issuer;
        this.reason = reason;
    }

    public String issuer() {
        return issuer;
    }

    /** Why, in words fit for anyone: no answer, HTTP 500, not a JWK set, too large… */
    public String reason() {
        return reason;
    }
}
