package dev.authbridge.oauth;

import dev.authbridge.audit.Origin;
import dev.authbridge.token.TokenOwner;
import java.time.Clock;

/**
 * Token exchange's subject tokens of trusted issuers ({@link TokenTypes#JWT}, {@link
 * TokenTypes#ID_TOKEN}): verified and resolved to a directory user exactly as the assertion grant
 * does ({@link AssertionSignIn}, replay included), refused as RFC 8693 §2.2.2 says
 * ({@code invalid_request}). The exchanged token never outlives the subject token's {@code exp}.
 */
public final class TrustedSubjectTokens implements SubjectTokenResolver {
    private final AssertionSignIn signIn;
    private final Clock clock;

    public TrustedSubjectTokens(AssertionSignIn signIn, Clock clock) {
        this.signIn = signIn;
        this.clock = clock;
    }

    @Override
    public Subject resolve(String subjectToken, String tokenType, String clientId, Origin origin) {
        AssertionSignIn.Result result = signIn.signIn(subjectToken,
                new AssertionSignIn.Attempt(clientId, "token_exchange", origin));
        if (result instanceof AssertionSignIn.Refused refused) {
            throw OAuthException.invalidRequest("subject_token: " + refused.description());
        }
        AssertionSignIn.SignedIn signedIn = (AssertionSignIn.SignedIn) result;
        return new Subject(TokenOwner.of(signedIn.user(), clock.instant()), signedIn.assertion().expiresAt());
    }
}
