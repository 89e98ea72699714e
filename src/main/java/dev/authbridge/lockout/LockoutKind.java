package dev.authbridge.lockout;

import java.util.Locale;

/** What a failure count and a lockout are keyed by. */
public enum LockoutKind {
    /** A user name, normalised (see {@link LockoutKeys#user}). */
    USER,
    /** A client address (an IPv6 address by its /64 network). */
    IP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
