package dev.authbridge.config;

import java.time.Duration;
import java.util.List;

/**
 * Cross-origin access for browser applications that call the API from JavaScript. Origins of
 * one contact center only are in {@link TenantConfig#corsAllowedOrigins()}.
 *
 * @param allowedOrigins serialized origins ({@code https://host[:port]}, lower case, default
 *     port omitted) allowed for every tenant; never {@code *}
 * @param allowedHeaders request headers a preflight may ask for
 * @param maxAge how long a browser may cache a preflight answer
 */
public record CorsConfig(List<String> allowedOrigins, List<String> allowedHeaders, Duration maxAge) {}
