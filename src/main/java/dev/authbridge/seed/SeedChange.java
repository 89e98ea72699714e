package dev.authbridge.seed;

import java.util.List;

/**
 * What seeding did (or, in a dry run, would do) to one entry.
 *
 * @param attributes the attributes changed, for {@link Kind#MODIFY}
 */
public record SeedChange(Kind kind, String dn, List<String> attributes) {

    public enum Kind {
        /** A parent the LDIF does not contain, created as a plain container. */
        ADD_PARENT,
        ADD,
        MODIFY,
        UNCHANGED
    }

    /** {@code add uid=agent1,…} / {@code modify uid=agent1,…: title, userPassword} */
    public String line() {
        return switch (kind) {
            case ADD_PARENT -> "add     " + dn + " (parent, not in the LDIF)";
            case ADD -> "add     " + dn;
            case MODIFY -> "modify  " + dn + ": " + String.join(", ", attributes);
            case UNCHANGED -> "same    " + dn;
        };
    }
}
