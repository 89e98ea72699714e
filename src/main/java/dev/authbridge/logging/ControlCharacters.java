package dev.authbridge.logging;

/**
 * Makes text safe for one log line: CR, LF, tab and every other control character (C0, DEL,
 * C1) and the Unicode line and paragraph separators become visible escapes ({@code \r},
 * {@code \n}, {@code \t}, {@code \u0085}…). Nothing else changes, backslashes included, so user
 * names such as {@code demo\agent1} read as typed.
 */
public final class ControlCharacters {
    private ControlCharacters() {}

    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(ControlCharacters::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }
}
