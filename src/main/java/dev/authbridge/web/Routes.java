package dev.authbridge.web;

import io.javalin.config.RoutesConfig;

/** A capability's HTTP endpoints, mounted under {@link HttpServer#BASE_PATH}. */
public interface Routes {
    void mount(RoutesConfig routes);
}
