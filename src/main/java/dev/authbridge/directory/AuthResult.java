package dev.authbridge.directory;

/** The answer to a password check: a user, or a refusal whose reason is for logs only. */
public sealed interface AuthResult {

    record Authenticated(DirectoryUser user) implements AuthResult {}

    /**
     * Wrong user, wrong password, unknown tenant, ambiguous entry… The reason never reaches the
     * caller: every refusal looks the same from outside.
     */
    record Rejected(String reason) implements AuthResult {}
}
