package dev.authbridge.doctor;

/**
 * One result of the doctor, printed as one line: what was checked, what was found and, for a
 * problem, how to fix it.
 *
 * @param fix {@code null} when there is nothing to fix
 */
public record Finding(Level level, String subject, String message, String fix) {

    public enum Level {
        OK,
        WARN,
        FAIL
    }

    public static Finding ok(String subject, String message) {
        return new Finding(Level.OK, subject, message, null);
    }

    public static Finding warn(String subject, String message, String fix) {
        return new Finding(Level.WARN, subject, message, fix);
    }

    public static Finding fail(String subject, String message, String fix) {
        return new Finding(Level.FAIL, subject, message, fix);
    }

    /** {@code FAIL  ldaps://dc1:636: certificate not trusted — fix: add its CA to directory.trustStore} */
    public String line() {
        String label = switch (level) {
            case OK -> "ok  ";
            case WARN -> "WARN";
            case FAIL -> "FAIL";
        };
        return label + "  " + subject + ": " + message + (fix == null ? "" : " — fix: " + fix);
    }
}
