package dev.authbridge.lockout;

import java.util.Locale;

/** What a failure count and a lockout are keyed by. */
public enum LockoutKind {
    /**
     * A directory account, by its stable id ({@link dev.authbridge.directory.Account#id()}),
     * however its name was spelled; the label is its <code>tenant&#92;user</code>.
     */
    ACCOUNT,
    /** A user name that designates no entry, in canonical form (see {@link LockoutKeys#user}). */
    USER,
    /** A client address guessing passwords (an IPv6 address by its /64 network). */
    IP,
    /** An OAuth client by its {@code client_id}: wrong client secrets (RFC 6749 §2.3.1). */
    CLIENT,
    /**
     * A client address guessing client secrets. Counted apart from {@link #IP}: an address
     * locked for guessing passwords still refreshes the tokens of its users (their apps
     * authenticate with the client's secret), and the other way round.
     */
    CLIENT_IP;

    /** The kind its attempts' addresses are counted under. */
    public LockoutKind addressKind() {
        return this == CLIENT ? CLIENT_IP : IP;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
