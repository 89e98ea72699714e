package dev.authbridge.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The shipped {@code src/main/resources/logback.xml} in force for a test, its console output
 * captured; {@link #close} gives back the test configuration and {@code System.out}.
 */
final class ShippedLogConfig implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    ShippedLogConfig() throws Exception {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        configure(Path.of("src/main/resources/logback.xml").toUri().toURL());
    }

    /** Everything written to the console since the start (or the last {@link #clear}). */
    synchronized String output() {
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    synchronized void clear() {
        captured.reset();
    }

    @Override
    public void close() throws Exception {
        System.setOut(originalOut);
        configure(ShippedLogConfig.class.getResource("/logback-test.xml"));
    }

    private static void configure(URL config) throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getLevel() >= Status.WARN && status.getDate() >= System.currentTimeMillis() - 5000) {
                throw new IllegalStateException("logback: " + status.getMessage());
            }
        }
    }
}
