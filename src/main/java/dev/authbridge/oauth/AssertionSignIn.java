package dev.authbridge.oauth;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEvent.Outcome;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.Tenants;
import dev.authbridge.federation.AssertionRefusal;
import dev.authbridge.federation.AssertionResult;
import dev.authbridge.federation.TrustedIssuers;
import dev.authbridge.federation.VerifiedAssertion;
import java.util.Locale;

/**
 * A sign-in proved by a trusted issuer's JWT instead of a password, shared by the assertion grant
 * ({@link JwtBearerGrant}) and token exchange's JWT subject tokens ({@link TrustedSubjectTokens}):
 * 1. {@link TrustedIssuers#verify} (signature, claims, the {@code jti} remembered); 2. the user it
 * names, looked up in the directory as the issuer's rule says ({@link Directory#lookUp}); 3. the
 * account's state, as a password sign-in with the right password would be told it.
 *
 * <p>No lockout applies: there is no password to guess, and a forged token fails at 1. Each
 * attempt is one {@code sign_in} audit line with the {@code channel}, the {@code issuer} and the
 * {@code jti} (once the signature is verified); never the token.
 */
public final class AssertionSignIn {
    /** The description of every refusal by the directory: whether the user exists is not told. */
    static final String UNKNOWN_USER = "The assertion names no user known here.";

    private final TrustedIssuers issuers;
    private final Directory directory;
    private final AuditLog audit;

    public AssertionSignIn(TrustedIssuers issuers, Directory directory, AuditLog audit) {
        this.issuers = issuers;
        this.directory = directory;
        this.audit = audit;
    }

    /** What a sign-in with an assertion came to. */
    public sealed interface Result permits SignedIn, Refused {}

    /** The user the assertion proved, as the directory has them now. */
    public record SignedIn(DirectoryUser user, VerifiedAssertion assertion) implements Result {}

    /** Refused; {@code description} fits an RFC 6749 §5.2 {@code error_description} (ASCII, no token). */
    public record Refused(String description) implements Result {}

    /** Who asks, for the audit line: {@code channel} is {@code jwt_bearer} or {@code token_exchange}. */
    public record Attempt(String clientId, String channel, Origin origin) {}

    /**
     * @throws dev.authbridge.federation.IssuerUnavailableException when the issuer's keys cannot be had
     * @throws DirectoryUnavailableException when the directory cannot be asked
     * @throws dev.authbridge.store.StoreUnavailableException when the token's use cannot be recorded
     */
    public Result signIn(String token, Attempt attempt) {
        AssertionResult result = issuers.verify(token);
        if (result instanceof AssertionRefusal refusal) {
            audit.record(failure(attempt, null, refusal.reason().code())
                    .detail("issuer", refusal.issuer() != null ? refusal.issuer() : refusal.claimedIssuer())
                    .detail("jti", refusal.jti()).build());
            return new Refused(refusal.reason().description());
        }
        VerifiedAssertion assertion = (VerifiedAssertion) result;
        AuthResult found;
        try {
            found = directory.lookUp(assertion.tenant(), assertion.userAttribute(), assertion.userValue());
        } catch (DirectoryUnavailableException e) {
            audit.record(failure(attempt, assertion, "directory_unavailable").build());
            issuers.release(assertion);
            throw e;
        }
        if (found instanceof AuthResult.Rejected rejected) {
            audit.record(failure(attempt, assertion, rejected.reason().code()).build());
            return new Refused(UNKNOWN_USER);
        }
        if (found instanceof AuthResult.AccountRestricted restricted) {
            // The issuer proved who the user is: they may learn the state, as after a right password.
            audit.record(failure(attempt, assertion, restricted.reason().name().toLowerCase(Locale.ROOT)).build());
            return new Refused(PasswordGrant.accountState(restricted.reason()));
        }
        DirectoryUser user = found.signedInUser().orElseThrow();
        audit.record(AuditEvent.of(AuditEventType.SIGN_IN, Outcome.SUCCESS)
                .user(Tenants.qualifiedName(user.tenant(), user.loginName()))
                .tenant(user.tenant() == null ? null : user.tenant().id().toString())
                .client(attempt.clientId()).origin(attempt.origin())
                .detail("channel", attempt.channel())
                .detail("issuer", assertion.issuer()).detail("jti", assertion.jti()).build());
        return new SignedIn(user, assertion);
    }

    /** A failed sign-in's line; the user as the verified assertion names them (null before). */
    private static AuditEvent.Builder failure(Attempt attempt, VerifiedAssertion assertion, String reason) {
        AuditEvent.Builder line = AuditEvent.of(AuditEventType.SIGN_IN, Outcome.FAILURE)
                .client(attempt.clientId()).origin(attempt.origin()).reason(reason)
                .detail("channel", attempt.channel());
        if (assertion != null) {
            line.user(assertion.userValue())
                    .tenant(assertion.tenant() == null ? null : assertion.tenant().id().toString())
                    .detail("issuer", assertion.issuer()).detail("jti", assertion.jti());
        }
        return line;
    }
}
