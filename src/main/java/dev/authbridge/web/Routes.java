package dev.authbridge.web;

import dev.authbridge.api.PublicUrl;
import io.javalin.config.RoutesConfig;

/** A capability's HTTP endpoints, mounted under {@link PublicUrl#BASE_PATH}. */
public interface Routes {
    void mount(RoutesConfig routes);
}
