package dev.authbridge.directory;

import java.time.Duration;
import java.util.Map;

/**
 * A warning the directory gave with a successful bind (draft-behera password policy): the
 * password expires soon, or it has expired and only a few grace sign-ins remain.
 */
public sealed interface PasswordWarning {

    /** Facts for an API response's {@code detail}, under names stable for clients. */
    Map<String, Object> detail();

    /** One sentence for the user. */
    String message();

    /** The password expires in {@code remaining} (draft-behera timeBeforeExpiration). */
    record ExpiresSoon(Duration remaining) implements PasswordWarning {
        @Override
        public Map<String, Object> detail() {
            return Map.of("passwordExpiresInSeconds", remaining.toSeconds());
        }

        @Override
        public String message() {
            long days = remaining.toDays();
            if (days >= 1) {
                return "Your password expires in " + days + (days == 1 ? " day." : " days.");
            }
            long hours = Math.max(1, remaining.toHours());
            return "Your password expires in " + hours + (hours == 1 ? " hour." : " hours.");
        }
    }

    /**
     * The password has expired; the directory let this sign-in through as a grace sign-in, and
     * {@code remaining} more are allowed before it refuses (draft-behera graceAuthNsRemaining).
     */
    record GraceLoginsRemaining(int remaining) implements PasswordWarning {
        @Override
        public Map<String, Object> detail() {
            return Map.of("graceLoginsRemaining", remaining);
        }

        @Override
        public String message() {
            return "Your password has expired: change it now. "
                    + (remaining == 0 ? "This was the last sign-in allowed with it."
                            : remaining + (remaining == 1 ? " more sign-in is" : " more sign-ins are")
                                    + " allowed with it.");
        }
    }
}
