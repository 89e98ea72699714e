package dev.authbridge.federation;

import com.nimbusds.jwt.proc.BadJWTException;

/** A claim check of {@link AssertionClaimsVerifier} failed, for the reason it carries (nimbus passes it on). */
final class ClaimRefusedException extends BadJWTException {
    private final RefusalReason reason;

    ClaimRefusedException(RefusalReason reason) {
        super(reason.code());
        this.reason = reason;
    }

    RefusalReason reason() {
        return reason;
    }
}
