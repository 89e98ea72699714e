package dev.authbridge.config;

/**
 * What a confidential client proves it knows: checked against a presented secret, never shown.
 * A client of {@code config.yaml} holds its secret as a {@link Secret} (compared in constant
 * time); a client registered through the ops API holds only a slow hash of it
 * ({@code client.ClientSecrets}). Implementations print as {@code ****}.
 */
public interface ClientSecret {

    /** Whether {@code candidate} is the secret; false for null. Never throws for a wrong one. */
    boolean matches(String candidate);

    /**
     * Whether checking {@code candidate} is cheap now; false when it takes a slow hash (a store
     * client's bcrypt, for a secret not remembered as accepted). A slow check runs only inside
     * the client's turn, after its lockout was read, so that guesses cost bcrypt at most the
     * lockout's limit of times, and none during a lockout.
     */
    default boolean isCheapToCheck(String candidate) {
        return true;
    }
}
