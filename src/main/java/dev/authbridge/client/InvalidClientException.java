package dev.authbridge.client;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;
import java.util.List;

/**
 * A client definition refused: 400 {@code INVALID_CLIENT}, one problem per broken rule, each
 * naming its field in the vendor's words ({@code redirectURIs[1]: …}), all of them at once.
 */
public class InvalidClientException extends DomainException {
    static final String REASON = "INVALID_CLIENT";

    private final List<String> problems;

    public InvalidClientException(List<String> problems) {
        super(Problem.of(400, REASON, "The client is not valid: " + String.join("; ", problems)));
        this.problems = List.copyOf(problems);
    }

    /** Each broken rule, as the command line prints them. */
    public List<String> messages() {
        return problems;
    }

    @Override
    public List<Problem> problems() {
        return problems.stream().map(p -> Problem.of(400, REASON, p)).toList();
    }
}
