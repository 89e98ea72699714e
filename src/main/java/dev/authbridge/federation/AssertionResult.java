package dev.authbridge.federation;

import java.util.Optional;

/**
 * What {@link TrustedIssuers#verify} answers: the token proved who the user is ({@link
 * VerifiedAssertion}), or it is refused ({@link AssertionRefusal}), an answer and not an
 * exception. An issuer whose keys cannot be had is neither: {@link IssuerUnavailableException}.
 */
public sealed interface AssertionResult permits VerifiedAssertion, AssertionRefusal {

    /** The assertion, when it was verified. */
    default Optional<VerifiedAssertion> verified() {
        return Optional.empty();
    }
}
