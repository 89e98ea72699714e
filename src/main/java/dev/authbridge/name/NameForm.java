package dev.authbridge.name;

import java.text.Normalizer;

/**
 * The one form in which names are compared: what LDAP's case-ignoring matching rules make of a
 * string (RFC 4518 §2, string preparation), so that spellings a directory treats as one entry
 * are one name here too — for the search, the lockout and the audit line alike.
 *
 * <p>In order: characters RFC 4518 §2.2 maps to nothing (soft hyphen, zero-width space, joiners,
 * variation selectors…) are dropped and every kind of space becomes U+0020; the text is
 * normalised to NFKC (fullwidth {@code ａ} is {@code a}, {@code ſ} is {@code s}) and lower-cased
 * code point by code point with Unicode's simple mapping (dotted capital {@code İ} is {@code i},
 * as OpenLDAP and the UnboundID server fold it; {@code ß} stays {@code ß}, as they keep it),
 * until nothing changes; then insignificant spaces go (§2.6.1: none at either end, one between
 * words). The JDK's {@link Normalizer} does the Unicode normalisation; ICU4J's RFC 4518 profile
 * would fold with full case folding ({@code ß} → {@code ss}), coarser than the servers we
 * search, and is a 14 MB dependency for these few lines.
 *
 * <p>Idempotent: {@code canonical(canonical(s)).equals(canonical(s))}.
 */
public final class NameForm {

    private NameForm() {}

    public static String canonical(String text) {
        String s = text;
        for (int round = 0; round < 4; round++) {
            String next = lowerCase(Normalizer.normalize(mapped(s), Normalizer.Form.NFKC));
            if (next.equals(s)) {
                break;
            }
            s = next;
        }
        return withoutInsignificantSpace(s);
    }

    /** RFC 4518 §2.2: mapped to nothing, or to a space. */
    private static String mapped(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (isMappedToNothing(c)) {
                return;
            }
            out.appendCodePoint(isSpace(c) ? ' ' : c);
        });
        return out.toString();
    }

    private static boolean isMappedToNothing(int c) {
        return c == 0x00AD || c == 0x034F || c == 0x1806 || (c >= 0x180B && c <= 0x180E)
                || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x2063) || (c >= 0x206A && c <= 0x206F)
                || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFFC;
    }

    private static boolean isSpace(int c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85
                || Character.isSpaceChar(c);
    }

    private static String lowerCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
        return out.toString();
    }

    private static String withoutInsignificantSpace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }
}
