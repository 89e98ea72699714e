package dev.authbridge.web;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * A failure of a browser page (thrown once {@link Pages#mark} ran), answered with the HTML error
 * page instead of JSON; a 401 asks for Basic credentials, the only ones a page takes. Rendered
 * only by {@link ErrorMapper}. The message is shown to the user (escaped): it must not contain
 * secrets.
 */
public class PageException extends DomainException {

    public PageException(int status, String message) {
        super(Problem.of(status, message));
    }
}
