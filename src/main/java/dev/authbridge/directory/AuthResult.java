package dev.authbridge.directory;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a password check. Four kinds: the user may sign in (with or without a warning
 * from the directory); the credentials are refused; or the password proved right but the
 * account may not sign in as it is. A directory that cannot be asked is none of these: it is
 * {@link DirectoryUnavailableException}.
 */
public sealed interface AuthResult {

    /** The user, when this answer lets them sign in ({@link Authenticated}, {@link AuthenticatedWithWarning}). */
    default Optional<DirectoryUser> signedInUser() {
        return Optional.empty();
    }

    record Authenticated(DirectoryUser user) implements AuthResult {
        @Override
        public Optional<DirectoryUser> signedInUser() {
            return Optional.of(user);
        }
    }

    /**
     * The password is right and the user may sign in, but the directory warned: the password
     * expires soon, or has expired and this was a grace sign-in. Show the warning to the user.
     */
    record AuthenticatedWithWarning(DirectoryUser user, PasswordWarning warning) implements AuthResult {
        public AuthenticatedWithWarning {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(warning, "warning");
        }

        @Override
        public Optional<DirectoryUser> signedInUser() {
            return Optional.of(user);
        }
    }

    /**
     * Wrong user, wrong password, unknown tenant, ambiguous entry… The reason never reaches the
     * caller: every refusal looks the same from outside. Also an account state the directory
     * reported without checking the password (Active Directory's "locked", 775): telling it
     * would tell anyone who types a user name.
     */
    record Rejected(RejectReason reason) implements AuthResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The directory showed the password to be right, and the account may not sign in as it is:
     * {@code reason} is an account state ({@link PasswordReason#isAccountState()}). When
     * {@link PasswordReason#mustChangePassword()}, changing the password is the way out.
     */
    record AccountRestricted(PasswordReason reason) implements AuthResult {
        public AccountRestricted {
            if (!reason.isAccountState()) {
                throw new IllegalArgumentException(reason + " is not an account state");
            }
        }
    }
}
