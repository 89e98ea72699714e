package dev.authbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RunningApp} on the shipped demo configuration for a whole test class:
 * {@code @RegisterExtension static final DemoApp app = new DemoApp();}, or with YAML appended
 * to it (more clients, top-level sections): {@code new DemoApp(extraYaml)}.
 */
public final class DemoApp implements BeforeAllCallback, AfterAllCallback {
    private final String extraYaml;
    private Path dir;
    private RunningApp app;

    public DemoApp() {
        this("");
    }

    /** @param extraYaml appended to the shipped configuration, after the test clients */
    public DemoApp(String extraYaml) {
        this.extraYaml = extraYaml;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("authbridge-test");
        app = RunningApp.start(RunningApp.shippedConfig(dir) + extraYaml);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        app.close();
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
