package dev.authbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RunningApp} on the shipped demo configuration ({@link TestConfig#shipped}) for a
 * whole test class: {@code @RegisterExtension static final DemoApp app = new DemoApp();}, or
 * changed by type: {@code new DemoApp(config -> config.addClients(BrowserClients.ALL))}.
 */
public final class DemoApp implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<TestConfig> change;
    private Path dir;
    private RunningApp app;

    public DemoApp() {
        this(config -> config);
    }

    /** @param change applied to the shipped test configuration (its store in a directory of the class) */
    public DemoApp(UnaryOperator<TestConfig> change) {
        this.change = change;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("authbridge-test");
        app = RunningApp.start(change.apply(TestConfig.shipped(dir)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        app.close(context.getRequiredTestClass().getSimpleName());
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public HttpTestClient http() {
        return app.http;
    }

    public MutableClock clock() {
        return app.clock;
    }

    public String baseUrl() {
        return app.baseUrl();
    }
}
