package dev.authbridge.config;

/**
 * The operators' client API ({@code /auth/v3/ops/clients}): off unless {@code ops.user} and
 * {@code ops.password} are both set.
 *
 * @param user the operator's name in HTTP Basic; null when the API is off
 * @param password compared in constant time; null when the API is off
 * @param maxClients how many clients the store may hold (those of {@code config.yaml} not
 *     counted): an operator is authenticated, the store still bounded
 */
public record OpsConfig(String user, Secret password, int maxClients) {

    /** The default bound on clients registered through the API or the command line. */
    public static final int DEFAULT_MAX_CLIENTS = 1000;

    /** The API off (the store may still hold clients added with {@code authbridge clients add}). */
    public static final OpsConfig OFF = new OpsConfig(null, null, DEFAULT_MAX_CLIENTS);

    public boolean enabled() {
        return user != null && password != null;
    }
}
