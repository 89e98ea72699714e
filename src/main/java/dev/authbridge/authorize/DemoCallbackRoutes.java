package dev.authbridge.authorize;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.web.Pages;
import dev.authbridge.web.Parameters;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /callback}, mounted only on the demo configuration (embedded directory): the demo
 * client's registered redirect URI ({@code http://127.0.0.1:8095/callback}) is on authbridge's
 * own port, so instead of a 404 after a successful sign-in the newcomer sees what arrived — the
 * code, {@code state}, {@code iss} or the error — and the curl command that exchanges the code.
 * It only displays its query (escaped); it keeps nothing and calls nothing.
 */
public final class DemoCallbackRoutes implements Routes {
    static final String PATH = "/callback";
    private static final List<String> SHOWN = List.of("code", "state", "iss", "error", "error_description");

    private final PublicUrl publicUrl;
    private final boolean demo;

    /** @param demo whether the demo configuration is running; otherwise nothing is mounted */
    public DemoCallbackRoutes(PublicUrl publicUrl, boolean demo) {
        this.publicUrl = publicUrl;
        this.demo = demo;
    }

    @Override
    public void mount(RoutesConfig routes) {
        if (demo) {
            routes.get(PATH, this::callback);
        }
    }

    private void callback(Context ctx) {
        Pages.mark(ctx);
        Map<String, String> query = new HashMap<>();
        List<Map<String, String>> params = new ArrayList<>();
        for (String name : SHOWN) {
            String value = Parameters.single(ctx.queryParamMap(), name);
            if (value != null) {
                query.put(name, value);
                params.add(Map.of("name", name, "value", value));
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Demo client");
        model.put("params", params);
        // The command is for copying into a shell: only a value shaped like our codes goes into it.
        String code = query.get("code");
        model.put("code", code != null && code.matches("[A-Za-z0-9_-]{43}") ? code : null);
        model.put("error", query.get("error"));
        model.put("errorDescription", query.get("error_description"));
        model.put("tokenUrl", publicUrl.api() + "/oauth/token");
        model.put("redirectUri", publicUrl.base() + PATH);
        Pages.write(ctx, 200, "callback", model);
    }
}
