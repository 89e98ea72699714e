package dev.authbridge.web;

import java.util.Locale;

/** What a route that reads a JSON body accepts as its {@code Content-Type}. */
public final class JsonContent {
    private JsonContent() {}

    /**
     * {@code application/json} or a {@code +json} type, or none at all when {@code optional}
     * (some clients send none); never a form a page could post.
     *
     * @throws ApiException 415 otherwise
     */
    public static void require(String contentType, boolean optional) {
        if (contentType == null && optional) {
            return;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json") && !type.matches("application/[a-z0-9.+-]+\\+json.*")) {
            throw new ApiException(415, "Unsupported media type: send application/json");
        }
    }
}
