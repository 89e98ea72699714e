package dev.authbridge.web;

import dev.authbridge.api.PublicUrl;
import io.javalin.http.Context;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTML pages authbridge serves itself (the sign-in page, its error page), rendered from
 * {@code templates/*.peb} on the classpath by Pebble with auto-escaping on, so nothing a user
 * or a client sent reaches the page unescaped; {@code strictVariables} makes a template typo an
 * error instead of an empty string.
 *
 * <p>Every page and every redirect out of the sign-in carries headers that keep it out of
 * caches, frames and {@code Referer} headers. The Content-Security-Policy allows no script at
 * all and exactly one stylesheet: the inline {@code <style>} whose SHA-256 is in the policy.
 * Chrome applies {@code form-action} to the redirect that follows a form post too, so a form's
 * page lists the origin the post will redirect to.
 */
public final class Pages {
    private static final String PAGE_ATTRIBUTE = "authbridge.page";
    private static final PebbleEngine ENGINE = engine();
    private static final String CSS = resource("templates/authbridge.css");
    private static final String STYLE_SOURCE = "'sha256-" + sha256Base64(CSS) + "'";
    /** Where the pages are served: {@link #mark} is called on each of these routes. */
    private static final Set<String> PAGE_PATHS = Set.of(PublicUrl.BASE_PATH + "/oauth/authorize",
            PublicUrl.BASE_PATH + "/sign-in", PublicUrl.BASE_PATH + "/sign-in/change-password", "/callback");
    private static final String FALLBACK = "<!DOCTYPE html><html lang=\"en\"><title>Error · authbridge</title>"
            + "<h1>Something went wrong</h1><p role=\"alert\">Please try again later.</p></html>";

    private Pages() {}

    /** Marks the request as a browser page: failures become the HTML error page, not JSON. */
    public static void mark(Context ctx) {
        ctx.attribute(PAGE_ATTRIBUTE, Boolean.TRUE);
    }

    public static boolean isPage(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(PAGE_ATTRIBUTE));
    }

    /** Renders {@code template}, a page without a form ({@code form-action 'none'}), and answers it. */
    public static void write(Context ctx, int status, String template, Map<String, Object> model) {
        String html = render(template, model);
        headers(ctx, "'none'");
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    /**
     * Renders {@code template}, a page whose form posts to authbridge, and answers it.
     *
     * @param formTargets origins besides authbridge's own that the form's post may be redirected
     *     to (Chrome holds that redirect to {@code form-action} too)
     */
    public static void writeForm(Context ctx, int status, String template, Map<String, Object> model,
            List<String> formTargets) {
        String html = render(template, model);
        headers(ctx, String.join(" ", "'self'", String.join(" ", formTargets)).trim());
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    /**
     * Every redirect authbridge answers (out of the sign-in, the sign-out, an error for the
     * client; it may carry a code or a token): never cached, no referrer, and no body — no
     * {@code Content-Type} (Javalin puts its default {@code text/plain} on every response, and
     * its {@code ctx.redirect} writes the body {@code Redirected}), {@code Content-Length: 0}.
     */
    public static void redirect(Context ctx, String location, int status) {
        noStore(ctx);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(status).header("Location", location).result(new byte[0]);
        ctx.res().setContentType(null);
    }

    /** RFC 6454 origin of a registered (so well-formed, http(s)) redirect URI, for a form's CSP. */
    public static String origin(String redirectUri) {
        URI uri = URI.create(redirectUri);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** Whether {@code path} is one of the browser pages (for failures no route has seen). */
    static boolean isPagePath(String path) {
        return PAGE_PATHS.contains(path);
    }

    /** The error page's HTML; never throws (used by {@link ErrorBody}). */
    static String errorHtml(int status, String message) {
        try {
            return render("error", Map.of("title", status >= 500 ? "Service unavailable" : "Sign-in is not possible",
                    "message", message));
        } catch (RuntimeException e) {
            return FALLBACK;
        }
    }

    static String render(String template, Map<String, Object> model) {
        Map<String, Object> context = new HashMap<>(model);
        context.put("css", CSS);
        StringWriter out = new StringWriter();
        try {
            ENGINE.getTemplate(template).evaluate(out, context);
        } catch (IOException | PebbleException e) {
            throw new IllegalStateException("template " + template + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void headers(Context ctx, String formAction) {
        headers(formAction).forEach(ctx::header);
    }

    /** The headers of every page: no script, one stylesheet, no framing, no caching, no referrer. */
    static Map<String, String> headers(String formAction) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", "default-src 'none'; style-src " + STYLE_SOURCE
                + "; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        headers.put("Pragma", "no-cache");
        return headers;
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    private static PebbleEngine engine() {
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        return new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .newLineTrimming(true)
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Base64(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
