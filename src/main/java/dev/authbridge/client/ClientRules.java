package dev.authbridge.client;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.RedirectUris;
import dev.authbridge.config.TokenExchangeConfig;
import dev.authbridge.config.TrustedIssuerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules a store client's definition must keep: those the loader applies to
 * {@code config.yaml}'s clients (known grant types only, redirect URIs by {@link RedirectUris},
 * no client_credentials or token exchange without a secret, positive lifetimes) and bounds on
 * what an operator may store. Every problem is collected, each naming its field as the vendor's
 * API does, so that one answer lists them all.
 */
final class ClientRules {
    /** Ids go in URL paths ({@code /ops/clients/{client_id}}): unreserved characters only (RFC 3986 §2.3). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    static final int MIN_SECRET = 8;
    static final int MAX_ITEMS = 100;
    static final int MAX_ITEM = 256;
    static final int MAX_URI = 2048;
    static final int MAX_NAME = 256;
    static final int MAX_DESCRIPTION = 2048;
    /** Ten years: a lifetime beyond is a typo, not a policy. */
    static final long MAX_TTL_SECONDS = 10L * 365 * 24 * 3600;
    static final long DEFAULT_ACCESS_TTL = 43200;
    static final long DEFAULT_REFRESH_TTL = 2592000;

    private final List<String> problems = new ArrayList<>();
    private final boolean acceptsAssertions;

    private ClientRules(boolean acceptsAssertions) {
        this.acceptsAssertions = acceptsAssertions;
    }

    /** Whether a store client could have this id (a lookup of any other need not ask the store). */
    static boolean isPlausibleId(String id) {
        return ID.matcher(id).matches();
    }

    /** A client's definition, resolved and checked, with the secret (if any) still to hash. */
    record Resolved(RegisteredClient client, String newSecret) {}

    /**
     * {@code draft} over {@code existing} (null for a creation: the defaults instead), checked.
     *
     * @param generated the secret to give a confidential client created without one
     * @param acceptsAssertions whether {@code trustedIssuers} are configured (else the assertion grant is refused)
     * @throws InvalidClientException listing every problem
     */
    static Resolved resolve(ClientDraft draft, RegisteredClient existing, String generated, Instant now,
            boolean acceptsAssertions) {
        ClientRules rules = new ClientRules(acceptsAssertions);
        Resolved resolved = rules.apply(draft, existing, generated, now);
        if (!rules.problems.isEmpty()) {
            throw new InvalidClientException(rules.problems);
        }
        return resolved;
    }

    private Resolved apply(ClientDraft d, RegisteredClient old, String generated, Instant now) {
        String id = old != null ? old.id() : d.id();
        if (old == null) {
            if (id == null || id.isEmpty()) {
                problems.add("client_id: is required");
            } else if (!isPlausibleId(id)) {
                problems.add("client_id: must be 1 to 128 letters, digits or . _ ~ -");
            }
        } else if (d.id() != null && !d.id().equals(old.id())) {
            problems.add("client_id: cannot be changed (it is the client's name in the URL)");
        }
        ClientType type = type(d.clientType(), old == null ? ClientType.CONFIDENTIAL : old.type());
        String secret = d.secret() == null ? null : d.secret().reveal();
        String newSecret = null;
        String keptHash = null;
        if (type == ClientType.PUBLIC) {
            if (secret != null) {
                problems.add("client_secret: a PUBLIC client has no secret");
            }
        } else if (secret != null) {
            checkSecret(secret);
            newSecret = secret;
        } else if (old != null && old.secretHash() != null) {
            keptHash = old.secretHash();
        } else if (old != null) {
            problems.add("client_secret: is required to make a PUBLIC client CONFIDENTIAL");
        } else {
            newSecret = generated;
        }
        String name = text("name", pick(d.name(), old == null ? null : old.name()), MAX_NAME, false);
        String description = text("description", pick(d.description(), old == null ? null : old.description()),
                MAX_DESCRIPTION, true);
        List<String> grants = grants(pick(d.grantTypes(), old == null ? null : old.grantTypes()), type);
        List<String> authorities = items("authorities", pick(d.authorities(), old == null ? List.of() : old.authorities()));
        List<String> scope = items("scope", pick(d.scope(), old == null ? List.of() : old.scope()));
        for (String s : scope) {
            if (s.chars().anyMatch(Character::isWhitespace)) {
                problems.add("scope: '" + s + "' holds a space (one scope per entry)");
            }
        }
        List<String> redirects = redirects(pick(d.redirectUris(), old == null ? List.of() : old.redirectUris()));
        Duration access = ttl("accessTokenExpirationTimeout", pick(d.accessTokenTtlSeconds(),
                old == null ? DEFAULT_ACCESS_TTL : old.accessTokenTtl().toSeconds()));
        Duration refresh = ttl("refreshTokenExpirationTimeout", pick(d.refreshTokenTtlSeconds(),
                old == null ? DEFAULT_REFRESH_TTL : old.refreshTokenTtl().toSeconds()));
        List<String> contactCenters = contactCenters(pick(d.contactCenterIds(),
                old == null ? List.of() : old.contactCenterIds()));
        RegisteredClient client = new RegisteredClient(id, type, keptHash, name, description, grants, authorities,
                scope, redirects, access, refresh, contactCenters, false, old == null ? now : old.createdAt(), now);
        return new Resolved(client, newSecret);
    }

    private static <T> T pick(T asked, T fallback) {
        return asked != null ? asked : fallback;
    }

    private ClientType type(String asked, ClientType fallback) {
        if (asked == null) {
            return fallback;
        }
        try {
            return ClientType.valueOf(asked);
        } catch (IllegalArgumentException e) {
            problems.add("clientType: '" + shortened(asked) + "' is not CONFIDENTIAL or PUBLIC");
            return fallback;
        }
    }

    private void checkSecret(String secret) {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (secret.codePoints().count() < MIN_SECRET) {
            problems.add("client_secret: must be at least " + MIN_SECRET + " characters");
        } else if (bytes > ClientSecrets.MAX_BYTES) {
            problems.add("client_secret: must be at most " + ClientSecrets.MAX_BYTES + " bytes in UTF-8 (bcrypt reads no more)");
        }
        if (secret.codePoints().anyMatch(Character::isISOControl)) {
            problems.add("client_secret: must not contain control characters");
        }
    }

    private List<String> grants(List<String> grants, ClientType type) {
        if (grants == null || grants.isEmpty()) {
            problems.add("authorizedGrantTypes: needs at least one of " + ClientConfig.GRANT_TYPES);
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String g : grants) {
            if (!ClientConfig.GRANT_TYPES.contains(g)) {
                problems.add("authorizedGrantTypes: '" + shortened(g) + "' is not one of " + ClientConfig.GRANT_TYPES);
            } else if (!seen.add(g)) {
                problems.add("authorizedGrantTypes: '" + g + "' is listed twice");
            }
        }
        if (type == ClientType.PUBLIC && grants.contains("client_credentials")) {
            problems.add("authorizedGrantTypes: client_credentials needs a CONFIDENTIAL client (a public client cannot use it)");
        }
        if (type == ClientType.PUBLIC && grants.contains(TokenExchangeConfig.GRANT_TYPE)) {
            problems.add("authorizedGrantTypes: " + TokenExchangeConfig.GRANT_TYPE
                    + " needs a CONFIDENTIAL client (a public client cannot exchange tokens)");
        }
        if (!acceptsAssertions && grants.contains(TrustedIssuerConfig.ASSERTION_GRANT_TYPE)) {
            problems.add("authorizedGrantTypes: " + TrustedIssuerConfig.ASSERTION_GRANT_TYPE
                    + " takes assertions of trustedIssuers, and none is configured");
        }
        return List.copyOf(grants);
    }

    private List<String> redirects(List<String> uris) {
        if (uris.size() > MAX_ITEMS) {
            problems.add("redirectURIs: at most " + MAX_ITEMS + " entries");
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < uris.size(); i++) {
            String uri = uris.get(i);
            if (uri.length() > MAX_URI) {
                problems.add("redirectURIs[" + i + "]: is longer than " + MAX_URI + " characters");
            } else if (!RedirectUris.isValidRegistration(uri)) {
                problems.add("redirectURIs[" + i + "]: '" + shortened(uri)
                        + "' is not an absolute http(s) URI without fragment");
            } else if (!seen.add(uri)) {
                problems.add("redirectURIs[" + i + "]: '" + shortened(uri) + "' is listed twice");
            }
        }
        return List.copyOf(uris);
    }

    private List<String> items(String field, List<String> values) {
        if (values.size() > MAX_ITEMS) {
            problems.add(field + ": at most " + MAX_ITEMS + " entries");
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v.isBlank() || v.length() > MAX_ITEM || v.codePoints().anyMatch(Character::isISOControl)) {
                problems.add(field + "[" + i + "]: must be 1 to " + MAX_ITEM + " characters, no control characters");
            }
        }
        return List.copyOf(values);
    }

    private List<String> contactCenters(List<String> ids) {
        List<String> checked = items("contactCenterIds", ids);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            try {
                out.add(UUID.fromString(checked.get(i)).toString());
            } catch (IllegalArgumentException e) {
                problems.add("contactCenterIds[" + i + "]: '" + shortened(checked.get(i)) + "' is not a UUID");
            }
        }
        return List.copyOf(out);
    }

    private Duration ttl(String field, long seconds) {
        if (seconds < 1 || seconds > MAX_TTL_SECONDS) {
            problems.add(field + ": must be 1 to " + MAX_TTL_SECONDS + " seconds");
            return Duration.ofSeconds(1);
        }
        return Duration.ofSeconds(seconds);
    }

    private String text(String field, String value, int max, boolean lines) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            problems.add(field + ": is longer than " + max + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && !(lines && (c == '\n' || c == '\t')))) {
            problems.add(field + ": must not contain control characters");
        }
        return value;
    }

    /** What the caller sent, quoted back short and printable (never a secret: secrets are not quoted). */
    private static String shortened(String value) {
        String printable = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "…";
    }
}
