package dev.authbridge.store;

import dev.authbridge.error.UnavailableException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The SQLite store could not be read or written: a 503, never a 500. */
public class StoreUnavailableException extends UnavailableException {
    public StoreUnavailableException(String message, Throwable cause) {
        super("STORE_UNAVAILABLE", message, cause);
    }

    /**
     * Why, in words fit for anyone (the readiness probe is unauthenticated): the SQLite result
     * code and what it means, never a path, a statement or a value.
     */
    public String reason() {
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return describe(sqlite.getResultCode());
            }
            if (t instanceof SQLTransientConnectionException) {
                return "no connection to the store within the busy timeout";
            }
        }
        return getMessage() != null && getMessage().contains("no write turn")
                ? "no write turn within the busy timeout"
                : "the store does not answer";
    }

    private static String describe(SQLiteErrorCode code) {
        String name = code.name();
        String meaning;
        if (name.startsWith("SQLITE_FULL")) {
            meaning = "the disk is full";
        } else if (name.startsWith("SQLITE_READONLY")) {
            meaning = "the file is read-only";
        } else if (name.startsWith("SQLITE_IOERR")) {
            meaning = "the disk cannot be read or written";
        } else if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
            meaning = "the file stays locked by another writer";
        } else if (name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_PERM")) {
            meaning = "the file cannot be opened";
        } else if (name.startsWith("SQLITE_CORRUPT") || name.startsWith("SQLITE_NOTADB")) {
            meaning = "the file is damaged";
        } else {
            meaning = "SQLite failed";
        }
        return meaning + " (" + name + ")";
    }
}
