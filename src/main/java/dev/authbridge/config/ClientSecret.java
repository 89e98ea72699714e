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
}
