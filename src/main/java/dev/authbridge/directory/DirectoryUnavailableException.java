package dev.authbridge.directory;

/** The directory could not be reached or did not answer in time: a 503, never a refusal. */
public class DirectoryUnavailableException extends RuntimeException {
    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
