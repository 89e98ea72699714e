package dev.authbridge.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authbridge.App;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.ManagementConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * authbridge running for real — HTTP on port 0, its embedded directory seeded from the
 * repository's {@code ldif/} on port 0 too, tokens in a SQLite file of the test — configured by
 * type ({@link TestConfig}), by default the shipped {@code config.yaml} with the test clients.
 *
 * <p>{@link #close()} checks for leaked directory connections ({@link DirectoryLeaks}) on the
 * embedded directory, which no one but this app's pools connects to: before closing, every
 * connection open to it must be one the pools hold idle (their count from {@code /metrics}; the
 * check is skipped when metrics are off or served over HTTPS). A leak fails the test (class)
 * that closed the app. An external directory's connections cannot be told from those of other
 * clients (another app, the test's own) there: the directory contract suites check the adapter
 * against each external server instead.
 */
public final class RunningApp implements AutoCloseable {
    public static final Path REPO = TestConfig.REPO;

    private static final Pattern IDLE = Pattern.compile(
            "authbridge_directory_pool_connections\\{[^}]*state=\"available\"[^}]*} (\\S+)");
    private static final HttpClient METRICS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final App app;
    private final AuthbridgeConfig config;
    private final String embeddedDirectoryUrl;
    public final MutableClock clock;
    public final HttpTestClient http;

    private RunningApp(App app, AuthbridgeConfig config, String embeddedDirectoryUrl, MutableClock clock) {
        this.app = app;
        this.config = config;
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
        return new RunningApp(app, config, embeddedUrl, clock);
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
        close(callingTest());
    }

    /** As {@link #close()}, a leak reported as {@code suite}'s. */
    void close(String suite) {
        DirectoryConfig directory = config.directory();
        try {
            if (embeddedDirectoryUrl != null && idleInPools().isPresent()) {
                // A request still running may hold a connection for one directory deadline.
                Duration deadline = directory.connectTimeout().plus(directory.responseTimeout()).plusSeconds(1);
                DirectoryLeaks.assertOnlyIdleOpen(suite, List.of(embeddedDirectoryUrl),
                        () -> idleInPools().orElse(-1), deadline);
            }
        } finally {
            app.close();
        }
    }

    /** The connections idle in the directory pools, as {@code /metrics} has them; empty when it cannot tell. */
    private OptionalInt idleInPools() {
        ManagementConfig management = config.management();
        if (management.metricsPath() == null || config.server().tls() != null) {
            return OptionalInt.empty();
        }
        String base = management.separateListener()
                ? "http://" + management.host() + ":" + app.managementPort()
                : baseUrl();
        try {
            HttpResponse<String> metrics = METRICS.send(HttpRequest.newBuilder(URI.create(base + management.metricsPath()))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() != 200) {
                return OptionalInt.empty();
            }
            Matcher idle = IDLE.matcher(metrics.body());
            double sum = 0;
            boolean found = false;
            while (idle.find()) {
                sum += Double.parseDouble(idle.group(1));
                found = true;
            }
            return found ? OptionalInt.of((int) sum) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** The test class closing this app (the first caller named {@code *Test}), for the leak check's message. */
    private static String callingTest() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> name.startsWith("dev.authbridge."))
                .map(name -> name.substring(name.lastIndexOf('.') + 1).replaceFirst("\\$.*", ""))
                .filter(name -> name.endsWith("Test"))
                .findFirst()
                .orElse("the test closing it"));
    }
}
