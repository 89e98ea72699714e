package dev.authbridge.password;

import dev.authbridge.audit.Origin;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.directory.Tenants;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.lockout.SignInAttempt;
import dev.authbridge.lockout.SignInGuard;
import dev.authbridge.session.BrowserSessions;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a user's password in the directory and ends their other sign-ins.
 *
 * <p>Whose password: with a bearer token, the token's user (a {@code userName}, when given, must
 * name that same user: it can never point the change elsewhere, the change goes by the token's
 * DN). Without one, the user named by {@code userName}, and only if the old password is right.
 * Every refusal is a {@link PasswordChangeRefusedException}; a wrong old password and an unknown
 * user are the same refusal. Every attempt goes through
 * {@link SignInGuard}: a wrong old password is a guess like a wrong sign-in (it counts toward a
 * lockout, and during one nothing reaches the directory), and the outcome is audited.
 */
public final class PasswordService {
    private static final Logger log = LoggerFactory.getLogger(PasswordService.class);

    /** authbridge's own reasons, beside {@link PasswordReason}'s. */
    static final String NOT_A_USER_TOKEN = "NOT_A_USER_TOKEN";
    static final String USER_NAME_MISMATCH = "USER_NAME_MISMATCH";

    static final String CHANNEL = "change_password";

    private final Directory directory;
    private final SignInGuard guard;
    private final TokenService tokens;
    private final BrowserSessions sessions;
    private final Tenants tenants;
    private final boolean revokeOtherSignIns;

    /**
     * @param tenants reads user names (bare ones belong to the default tenant)
     * @param revokeOtherSignIns end the user's other tokens and browser sessions after a change
     *     (the caller's token stays)
     */
    public PasswordService(Directory directory, SignInGuard guard, TokenService tokens, BrowserSessions sessions,
            Tenants tenants, boolean revokeOtherSignIns) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.revokeOtherSignIns = revokeOtherSignIns;
    }

    /**
     * Makes the change, or throws the refusal.
     *
     * @param request names the user ({@code userName}) when there is no caller
     * @param caller the request's live bearer token, or {@code null} for the way without one
     * @param origin where the request came from, for the lockout and the audit log
     * @throws PasswordChangeRefusedException when refused
     * @throws LockedOutException during a lockout of the user or the address (nothing asked)
     * @throws dev.authbridge.directory.DirectoryUnavailableException when the directory cannot
     *     answer (503)
     */
    public void change(ChangePasswordRequest request, StoredToken caller, Origin origin) {
        PasswordChangeResult result;
        if (caller != null) {
            TokenOwner owner = caller.owner();
            if (!owner.isUser()) {
                throw PasswordChangeRefusedException.of(NOT_A_USER_TOKEN,
                        "This access token belongs to a client, not to a user.");
            }
            if (request.userName() != null && !sameUser(request.userName(), owner)) {
                throw PasswordChangeRefusedException.of(USER_NAME_MISMATCH,
                        "userName is not the user this access token belongs to.");
            }
            result = guard.changePassword(owner.subject(), owner.userDn(), tenants.parse(owner.userName()),
                    new SignInAttempt(caller.clientId(), CHANNEL, origin),
                    () -> directory.changePassword(owner.userDn(), request.oldPassword(), request.newPassword()));
            if (result instanceof PasswordChangeResult.Changed changed) {
                endOtherSignIns(changed, caller);
            }
        } else {
            String userName = Objects.requireNonNull(request.userName(), "userName without a caller");
            result = changeForUser(tenants.parse(userName), request.oldPassword(),
                    request.newPassword(), new SignInAttempt(null, CHANNEL, origin));
        }
        if (result instanceof PasswordChangeResult.Refused refused) {
            throw PasswordChangeRefusedException.of(refused);
        }
    }

    /**
     * The change for a user who is not signed in (the API without a token, the sign-in page's
     * form for an expired or reset password): through {@link SignInGuard}, then every sign-in
     * of the user ends. A refusal is returned, not thrown.
     *
     * @throws LockedOutException during a lockout of the user or the address (nothing asked)
     */
    public PasswordChangeResult changeForUser(LoginName login, Secret oldPassword, Secret newPassword, SignInAttempt attempt) {
        PasswordChangeResult result = guard.changePassword(login, attempt,
                account -> directory.changePassword(account, oldPassword, newPassword));
        if (result instanceof PasswordChangeResult.Changed changed) {
            endOtherSignIns(changed, null);
        }
        return result;
    }

    /**
     * Whoever knew the old password may still be signed in elsewhere: those tokens and browser
     * sessions end. The caller's token stays (a browser session is never the caller here).
     */
    private void endOtherSignIns(PasswordChangeResult.Changed changed, StoredToken caller) {
        if (!revokeOtherSignIns) {
            return;
        }
        String subject = caller != null ? caller.owner().subject() : changed.userId();
        if (subject == null) {
            log.warn("password of {} changed; its entry has no id, so its sign-ins could not be ended",
                    changed.userDn());
            return;
        }
        if (caller != null) {
            tokens.revokeOtherSignIns(subject, caller.family());
        } else {
            tokens.revokeAllSignIns(subject);
        }
        sessions.endAll(subject);
    }

    /**
     * Whether a typed name is the token's user: the same tenant (any of its domains, the default
     * one for a bare name) and the same login name, both read by {@link Tenants#parse} (so
     * compared as LDAP's matching rules compare names).
     */
    private boolean sameUser(String typed, TokenOwner owner) {
        LoginName login = tenants.parse(typed);
        LoginName own = tenants.parse(owner.userName());
        return !login.isUnknownTenant()
                && Objects.equals(login.tenantId(), owner.tenantId())
                && login.user().equals(own.user());
    }
}
