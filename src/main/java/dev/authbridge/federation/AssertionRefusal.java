package dev.authbridge.federation;

import java.util.Objects;

/**
 * A token of a trusted issuer refused, with what the audit log may say about it.
 *
 * @param issuer the configured issuer the token was checked against; null when it named none
 * @param claimedIssuer the token's {@code iss} as it came, unverified, shortened and with control
 *     characters replaced (to tell an operator which issuer is missing); null when unreadable
 * @param jti the token's identifier, only once its signature was verified (else null: an
 *     attacker's value has no place in the audit log)
 */
public record AssertionRefusal(RefusalReason reason, String issuer, String claimedIssuer, String jti)
        implements AssertionResult {

    public AssertionRefusal {
        Objects.requireNonNull(reason, "reason");
    }
}
