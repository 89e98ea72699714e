package dev.authbridge.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code clients[].tokenExchange}: the audiences a client registered for the
 * token-exchange grant may ask tokens for. Only a confidential client may exchange (it hands out
 * tokens for other clients: a public client proves nothing), and the section needs the grant.
 */
final class TokenExchangeSection {

    private TokenExchangeSection() {}

    static TokenExchangeConfig read(ConfigNode client, String id, List<String> grants, boolean confidential) {
        boolean registered = grants.contains(TokenExchangeConfig.GRANT_TYPE);
        if (registered && !confidential) {
            client.problem("grantTypes", TokenExchangeConfig.GRANT_TYPE
                    + " needs a client secret (a public client cannot exchange tokens)");
        }
        ConfigNode node = client.child("tokenExchange");
        if (!node.isPresent()) {
            return TokenExchangeConfig.NONE;
        }
        if (!registered) {
            client.problem("tokenExchange", "needs grantTypes to include " + TokenExchangeConfig.GRANT_TYPE);
        }
        List<String> audiences = node.strings("audiences", List.of());
        Set<String> seen = new HashSet<>();
        for (String audience : audiences) {
            if (audience.isBlank()) {
                node.problem("audiences", "must not hold an empty client id");
            } else if (audience.equals(id)) {
                node.problem("audiences", "'" + audience + "' is the client itself (always allowed: leave it out)");
            } else if (!seen.add(audience)) {
                node.problem("audiences", "'" + audience + "' is listed twice");
            }
        }
        node.finish();
        return new TokenExchangeConfig(audiences);
    }

    /** Every audience must be a registered client; checked once all clients are read. */
    static void checkAudiences(List<ConfigNode> nodes, List<ClientConfig> clients) {
        Set<String> ids = new HashSet<>();
        clients.forEach(c -> ids.add(c.id()));
        for (int i = 0; i < clients.size(); i++) {
            for (String audience : clients.get(i).tokenExchange().audiences()) {
                if (!ids.contains(audience)) {
                    nodes.get(i).problem("tokenExchange.audiences", "'" + audience + "' is not a registered client");
                }
            }
        }
    }
}
