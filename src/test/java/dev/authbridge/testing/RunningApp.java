package dev.authbridge.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authbridge.App;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * authbridge running for real — HTTP on port 0, its embedded directory seeded from the
 * repository's {@code ldif/} on port 0 too, tokens in a SQLite file of the test — configured by
 * type ({@link TestConfig}), by default the shipped {@code config.yaml} with the test clients.
 */
public final class RunningApp implements AutoCloseable {
    public static final Path REPO = TestConfig.REPO;

    /** Extra clients every HTTP test may use, beside the shipped demo-client. */
    public static final String TEST_CLIENTS = """
              - id: public-app
                grantTypes: [password, refresh_token]
              - id: service
                secret: service-secret
                grantTypes: [client_credentials]
              - id: no-refresh
                secret: no-refresh-secret
                grantTypes: [password]
              - id: legacy
                secret: legacy-secret
                grantTypes: [password, refresh_token]
                rotateRefreshTokens: false
              - id: other
                secret: other-secret
                grantTypes: [password, refresh_token]
                redirectUris: [https://other.example/done]
            """;

    private final App app;
    private final String embeddedDirectoryUrl;
    public final MutableClock clock;
    public final HttpTestClient http;

    private RunningApp(App app, String embeddedDirectoryUrl, MutableClock clock) {
        this.app = app;
        this.embeddedDirectoryUrl = embeddedDirectoryUrl;
        this.clock = clock;
        this.http = new HttpTestClient("http://127.0.0.1:" + app.port());
    }

    /** The shipped configuration on test ports, store in {@code dir} ({@link TestConfig#shipped}). */
    public static RunningApp start(Path dir) {
        return start(TestConfig.shipped(dir));
    }

    public static RunningApp start(String yaml) {
        return start(config(yaml));
    }

    /** {@code yaml} parsed as the loader does at boot (relative paths from the repository). */
    public static AuthbridgeConfig config(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml, REPO);
    }

    public static RunningApp start(TestConfig config) {
        return start(config.build());
    }

    public static RunningApp start(AuthbridgeConfig config) {
        MutableClock clock = MutableClock.now();
        // The embedded directory's bound port is known only to App, which announces it.
        Logger announcer = (Logger) LoggerFactory.getLogger(App.class);
        ListAppender<ILoggingEvent> announcements = new ListAppender<>();
        announcements.start();
        announcer.addAppender(announcements);
        App app;
        try {
            app = App.start(config, clock);
        } finally {
            announcer.detachAppender(announcements);
        }
        String embeddedUrl = announcements.list.stream()
                .filter(e -> e.getMessage().startsWith("DEMO CONFIGURATION: embedded in-memory directory at"))
                .map(e -> String.valueOf(e.getArgumentArray()[0]))
                .findFirst().orElse(null);
        return new RunningApp(app, embeddedUrl, clock);
    }

    /** {@code config.yaml} as shipped, with free ports, a private store and the test clients. */
    public static String shippedConfig(Path dir) {
        try {
            String yaml = Files.readString(REPO.resolve("config.yaml"));
            return yaml.replace("port: 8095", "port: 0")
                    .replace("port: 10389", "port: 0")
                    .replace("path: data/authbridge.db", "path: " + dir.resolve("tokens.db"))
                    + TEST_CLIENTS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped configuration pointed at external directory {@code urls} instead of the
     * embedded one, with the given connect and response timeouts.
     */
    public static String externalDirectoryConfig(Path dir, String connectTimeout, String responseTimeout,
            String... urls) {
        String yaml = shippedConfig(dir).replaceAll("(?m)^  (connectTimeout|responseTimeout): .*\n", "");
        int from = yaml.indexOf("  embedded:");
        int to = yaml.indexOf("  bindDn:");
        String directory = "  urls: [" + String.join(", ", urls) + "]\n"
                + "  connectTimeout: " + connectTimeout + "\n"
                + "  responseTimeout: " + responseTimeout + "\n";
        return yaml.substring(0, from) + directory + yaml.substring(to);
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    /** {@code ldap://127.0.0.1:<bound port>} of the embedded directory it started. */
    public String embeddedDirectoryUrl() {
        if (embeddedDirectoryUrl == null) {
            throw new IllegalStateException("no embedded directory announced (none configured, or the App logger is off)");
        }
        return embeddedDirectoryUrl;
    }

    /** The separate health and metrics listener's port ({@code management.port}); -1 when none. */
    public int managementPort() {
        return app.managementPort();
    }

    @Override
    public void close() {
        app.close();
    }
}
