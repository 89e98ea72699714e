package dev.authbridge.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authbridge.App;
import dev.authbridge.config.AuthbridgeConfig;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * authbridge running for real — HTTP on port 0, its embedded directory seeded from the
 * repository's {@code ldif/} on port 0 too, tokens in a SQLite file of the test — configured by
 * type ({@link TestConfig}), by default the shipped {@code config.yaml} with the test clients.
 */
public final class RunningApp implements AutoCloseable {
    public static final Path REPO = TestConfig.REPO;

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

    public String baseUrl() {
        return http.baseUrl();
    }

    /** {@code ldap://127.0.0.1:<bound port>} of the embedded directory it started. */
    public String embeddedDirectoryUrl() {
        if (embeddedDirectoryUrl == null) {
            throw new IllegalStateException("no embedded directory announced (none configured, or App's logger off)");
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
