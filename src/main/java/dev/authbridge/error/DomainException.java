package dev.authbridge.error;

import java.util.List;
import java.util.Objects;

/**
 * The base of every exception thrown for a caller to see. It carries the {@link Problem} and says
 * how the caller learns of it ({@link #answer()}); {@code web.ErrorMapper} renders it, and no
 * other class does. Its message is for the log and may say more than the problem's description
 * (never a secret). A problem the caller caused (below 500) is an answer, not a fault: it carries
 * no stack trace.
 */
public class DomainException extends RuntimeException {

    /** How the caller learns of a problem; {@code web.ErrorMapper} has one rendering for each. */
    public enum Answer {
        /**
         * In the vendor API's {@code ApiResponse} envelope, {@code code} as {@code detail.reason};
         * on a browser page (the sign-in), the HTML error page.
         */
        ENVELOPE,
        /** As RFC 6749 §5.2 specifies: {@code error} is the code, {@code error_description} the description. */
        OAUTH,
        /**
         * By sending the browser to {@link #location()}: an authorization error for the client, at
         * its verified redirect URI (RFC 6749 §4.1.2.1).
         */
        REDIRECT
    }

    private final Problem problem;

    /** A problem whose description is also the log's message. */
    public DomainException(Problem problem) {
        this(problem, problem.description(), null);
    }

    /** @param message for the log: what happened, in more words than the description may use */
    public DomainException(Problem problem, String message, Throwable cause) {
        super(message, cause, true, Objects.requireNonNull(problem, "problem").status() >= 500);
        this.problem = problem;
    }

    public final Problem problem() {
        return problem;
    }

    /** The envelope (or error page) unless a kind of problem is told otherwise. */
    public Answer answer() {
        return Answer.ENVELOPE;
    }

    /**
     * Every problem of this failure, one {@code errors} entry of the envelope each (for example
     * each rule a new password broke); by default just {@link #problem()}.
     */
    public List<Problem> problems() {
        return List.of(problem);
    }

    /** Seconds the caller should wait before trying again ({@code Retry-After}); 0 for no advice. */
    public long retryAfterSeconds() {
        return 0;
    }

    /** Where a {@link Answer#REDIRECT} sends the browser; null for the other answers. */
    public String location() {
        return null;
    }
}
