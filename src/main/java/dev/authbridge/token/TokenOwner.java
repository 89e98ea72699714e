package dev.authbridge.token;

/**
 * Whom a token speaks for. For a user: their stable id ({@code subject}), DN, the name they
 * signed in with and their tenant's id. For a client_credentials token every field is null.
 */
public record TokenOwner(String subject, String userDn, String userName, String tenantId) {

    public static final TokenOwner CLIENT = new TokenOwner(null, null, null, null);

    public boolean isUser() {
        return subject != null;
    }
}
