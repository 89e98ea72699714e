package dev.authbridge.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.Account;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.directory.PasswordWarning;
import dev.authbridge.directory.RejectReason;
import dev.authbridge.directory.Tenants;
import dev.authbridge.lockout.LoginThrottle;
import dev.authbridge.lockout.SignInGuard;
import dev.authbridge.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The decision table of {@link SignIn} for every kind of directory answer, including those the
 * embedded demo directory never gives (password warnings, account states): the directory port
 * answers as told.
 */
class SignInTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-02T03:04:05.678901Z"));
    private static final TenantConfig DEMO = new TenantConfig(UUID.fromString("f91397f1-6bf6-4fcd-8623-4c4efd81e152"),
            "Demo", List.of("demo", "demo-alias"), "ou=people,dc=example,dc=com", "ou=groups,dc=example,dc=com",
            List.of());
    private static final DirectoryUser AGENT = new DirectoryUser("uid=agent1,ou=people,dc=example,dc=com", "uuid-1",
            "agent1", 1001L, null, null, null, DEMO, List.of(), Map.of());

    /** The directory port answering every password check with {@code answer}. */
    private static SignIn signIn(Supplier<AuthResult> answer) {
        Directory directory = new Directory() {
            @Override
            public Account locate(LoginName login) {
                return Account.none(login, RejectReason.UNKNOWN_USER);
            }

            @Override
            public AuthResult authenticate(Account account, Secret password) {
                return answer.get();
            }

            @Override
            public AuthResult lookUp(TenantConfig tenant, String attribute, String value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PasswordChangeResult changePassword(Account account, Secret oldPassword, Secret newPassword) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PasswordChangeResult changePassword(String userDn, Secret oldPassword, Secret newPassword) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<DirectoryUser> findByDn(String dn) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
        return new SignIn(new SignInGuard(directory, LoginThrottle.disabled(), AuditLog.NONE), CLOCK);
    }

    private static SignIn.Result attempt(Supplier<AuthResult> answer) {
        return signIn(answer).attempt(new Tenants(List.of(DEMO), null).parse("demo\\agent1"), new Secret("pw"), "demo-client", "form", Origin.NONE);
    }

    @Test
    void attemptWhenAuthenticatedThenSignedInWithOwnerAndAuthTimeNow() {
        SignIn.Result.SignedIn r = assertInstanceOf(SignIn.Result.SignedIn.class,
                attempt(() -> new AuthResult.Authenticated(AGENT)));
        assertEquals("uuid-1", r.owner().subject());
        assertEquals("demo\\agent1", r.owner().userName(), "the tenant by its first domain");
        assertEquals(DEMO.id().toString(), r.owner().tenantId());
        assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), r.owner().authTime(), "store precision: ms");
    }

    @Test
    void attemptWhenPasswordWarningThenStillSignedInCarryingTheWarning() {
        SignIn.Result.SignedIn r = assertInstanceOf(SignIn.Result.SignedIn.class,
                attempt(() -> new AuthResult.AuthenticatedWithWarning(AGENT,
                        new PasswordWarning.ExpiresSoon(Duration.ofDays(2)))));
        assertEquals(new PasswordWarning.ExpiresSoon(Duration.ofDays(2)), r.warning());
    }

    @Test
    void attemptWhenRejectedThenOneGenericMessage() {
        SignIn.Result.Refused r = assertInstanceOf(SignIn.Result.Refused.class,
                attempt(() -> new AuthResult.Rejected(RejectReason.WRONG_PASSWORD)));
        assertEquals("Wrong user name or password.", r.message());
    }

    @Test
    void attemptWhenAccountStateAfterRightPasswordThenItsMessage() {
        SignIn.Result.Refused r = assertInstanceOf(SignIn.Result.Refused.class,
                attempt(() -> new AuthResult.AccountRestricted(PasswordReason.ACCOUNT_DISABLED)));
        assertEquals(PasswordReason.ACCOUNT_DISABLED.message(), r.message());
    }

    /** An expired or reset password leads to the change form, not to a refusal. */
    @Test
    void attemptWhenPasswordExpiredOrResetThenMustChangePassword() {
        for (PasswordReason reason : List.of(PasswordReason.PASSWORD_EXPIRED, PasswordReason.CHANGE_AFTER_RESET)) {
            SignIn.Result.MustChangePassword r = assertInstanceOf(SignIn.Result.MustChangePassword.class,
                    attempt(() -> new AuthResult.AccountRestricted(reason)));
            assertEquals(reason, r.reason());
        }
    }

    @Test
    void attemptWhenDirectoryUnavailableThenPropagatedNotARefusal() {
        assertThrows(DirectoryUnavailableException.class, () -> attempt(() -> {
            throw new DirectoryUnavailableException("connect timed out", null);
        }));
    }
}
