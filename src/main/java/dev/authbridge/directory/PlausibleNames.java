package dev.authbridge.directory;

/**
 * Which user names are worth asking the directory about. Anything else is refused up front: it
 * cannot name a user, and some servers answer it with an error rather than "no such entry"
 * (ApacheDS reports {@code loopDetect} for a value it cannot normalize), which would wrongly
 * read as "directory unavailable".
 *
 * <p><b>Decision:</b> a name is refused when it is blank, longer than
 * {@link LoginName#MAX_LENGTH}, or holds a code point that LDAP string preparation prohibits or
 * that is not a character (RFC 4518 §2.4: controls, private use, surrogates, non-characters,
 * unassigned) or lies outside the Basic Multilingual Plane (RFC 4518 prepares strings with
 * Unicode 3.2 tables, in which almost nothing beyond it is assigned).
 */
final class PlausibleNames {

    private PlausibleNames() {}

    static boolean isPlausible(String name) {
        return name != null
                && !name.isBlank()
                && name.length() <= LoginName.MAX_LENGTH
                && name.codePoints().allMatch(PlausibleNames::isNameCharacter);
    }

    private static boolean isNameCharacter(int codePoint) {
        if (codePoint > 0xFFFF || codePoint == 0xFFFD || isNonCharacter(codePoint)) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /** U+FDD0..U+FDEF and every U+xxFFFE/U+xxFFFF (Unicode §23.7). */
    private static boolean isNonCharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
