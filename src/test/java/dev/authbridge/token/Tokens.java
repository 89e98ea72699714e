package dev.authbridge.token;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Fixture builders for stored tokens. */
final class Tokens {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final TokenOwner JDOE = new TokenOwner(
            "6f1c2d3e-0000-4000-8000-000000000101", "uid=jdoe,ou=people,dc=t100,dc=example", "t100\\jdoe",
            "0b7a8c9d-0000-4000-8000-00000000c100");
    static final TokenOwner ASMITH = new TokenOwner(
            "6f1c2d3e-0000-4000-8000-000000000102", "uid=asmith,ou=people,dc=t100,dc=example", "t100\\asmith",
            "0b7a8c9d-0000-4000-8000-00000000c100");

    private Tokens() {}

    static StoredToken access(String family, TokenOwner owner, String clientId) {
        return token(TokenKind.ACCESS, family, owner, clientId, T0.plus(Duration.ofHours(12)));
    }

    static StoredToken refresh(String family, TokenOwner owner, String clientId) {
        return token(TokenKind.REFRESH, family, owner, clientId, T0.plus(Duration.ofDays(30)));
    }

    static StoredToken token(TokenKind kind, String family, TokenOwner owner, String clientId, Instant expiresAt) {
        return new StoredToken(TokenService.hash(UUID.randomUUID().toString()), kind, family, owner, clientId,
                "*", T0, expiresAt, null, null);
    }
}
