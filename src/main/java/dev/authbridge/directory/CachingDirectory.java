package dev.authbridge.directory;

import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps the users that bearer-token checks read ({@link #findByDn}) for a short time, so that
 * {@code /userinfo} and refreshes do not ask the directory on every request. Passwords are
 * never cached: every sign-in and password change goes to the directory, and a successful
 * sign-in refreshes the entry with what the directory just said.
 *
 * <p>Whether a token is valid is never decided here (that is the token store's, and it sees
 * revocations at once); this only bounds how stale roles and names may be: {@code ttl}, or
 * until {@link #forget} drops the user (sign-out, revocation, password change — in this process
 * or, told through the store, in another instance).
 */
public final class CachingDirectory implements Directory {
    private record Cached(DirectoryUser user, Instant until) {}

    private final Directory delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> byDn = new ConcurrentHashMap<>();
    private final Consumer<String> passwordChanged;

    public CachingDirectory(Directory delegate, Duration ttl, Clock clock) {
        this(delegate, ttl, clock, subject -> { });
    }

    /**
     * @param passwordChanged told the id of each user whose password this directory changed (after
     *     dropping the user here), so that the other instances drop theirs
     */
    public CachingDirectory(Directory delegate, Duration ttl, Clock clock, Consumer<String> passwordChanged) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        this.passwordChanged = passwordChanged;
    }

    @Override
    public Account locate(LoginName login) {
        return delegate.locate(login);
    }

    @Override
    public AuthResult authenticate(Account account, Secret password) {
        AuthResult result = delegate.authenticate(account, password);
        result.signedInUser().ifPresent(this::remember);
        return result;
    }

    /** Always the directory (a new sign-in), which then refreshes the cached user. */
    @Override
    public AuthResult lookUp(TenantConfig tenant, String attribute, String value) {
        AuthResult result = delegate.lookUp(tenant, attribute, value);
        result.signedInUser().ifPresent(this::remember);
        return result;
    }

    @Override
    public PasswordChangeResult changePassword(Account account, Secret oldPassword, Secret newPassword) {
        return forgetAfter(delegate.changePassword(account, oldPassword, newPassword));
    }

    @Override
    public PasswordChangeResult changePassword(String userDn, Secret oldPassword, Secret newPassword) {
        return forgetAfter(delegate.changePassword(userDn, oldPassword, newPassword));
    }

    @Override
    public Optional<DirectoryUser> findByDn(String dn) {
        Instant now = clock.instant();
        Cached cached = byDn.get(dn);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.user());
        }
        Optional<DirectoryUser> found = delegate.findByDn(dn);
        found.ifPresentOrElse(this::remember, () -> byDn.remove(dn));
        return found;
    }

    /** Drops the user with this stable id (their next token check reads the directory). */
    public void forget(String subject) {
        if (subject != null) {
            byDn.values().removeIf(c -> subject.equals(c.user().id()));
        }
    }

    /** Drops every user (changes may have been missed). */
    public void forgetAll() {
        byDn.clear();
    }

    private void remember(DirectoryUser user) {
        if (!ttl.isZero()) {
            byDn.put(user.dn(), new Cached(user, clock.instant().plus(ttl)));
            if (byDn.size() > 100_000) {
                Instant now = clock.instant();
                byDn.values().removeIf(c -> !now.isBefore(c.until()));
            }
        }
    }

    private PasswordChangeResult forgetAfter(PasswordChangeResult result) {
        if (result instanceof PasswordChangeResult.Changed changed) {
            forget(changed.userId());
            passwordChanged.accept(changed.userId());
        }
        return result;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
